/**
 * The PDF download: the HTML download printed by headless Chromium, with the print rules in its stylesheet
 * (A5 pages, each chapter on a new page).
 *
 * Why Chromium and not a PDF library: the JavaScript PDF libraries (pdfkit, pdfmake, jsPDF) lay text out
 * themselves, without the Unicode bidirectional algorithm (pdfkit's issue #219: Hebrew and Arabic come out
 * reversed) and with only the fonts they are handed, one file per script; none reads HTML, so every chapter's
 * markup would need a second renderer. Chromium lays out the same HTML readers download, shapes every script
 * the machine has fonts for (fontconfig's fallback), and writes a tagged PDF with an outline and real text.
 * It is run as a plain child process (`--print-to-pdf`) rather than driven through playwright-core, so it is
 * bounded in time and memory like every other converter (bounded-process.ts) and production needs no
 * browser-automation package.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inScratchFolder, type ProcessLimits, readOutput, runBounded } from './bounded-process.ts';

/**
 * Nothing in the page may run or load: chapter HTML is sanitized already, but Chromium runs here without its
 * sandbox (as root in a container it cannot have one), so a second wall. A meta element, as the page is a file.
 */
const LOCKED_DOWN = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`;

/** Print an HTML document (the HTML download) as PDF with the Chromium at `chromium`. */
export function htmlToPdf(html: string, chromium: string, limits: ProcessLimits): Promise<Buffer> {
  return inScratchFolder('quire-pdf-', async (folder) => {
    const page = join(folder, 'work.html');
    const output = join(folder, 'work.pdf');
    await writeFile(page, html.replace(/<head>/i, `<head>${LOCKED_DOWN}`));
    await runBounded(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        // A profile of its own, so two conversions never share one and nothing is kept.
        `--user-data-dir=${join(folder, 'profile')}`,
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--no-pdf-header-footer',
        '--generate-pdf-document-outline',
        `--print-to-pdf=${output}`,
        pathToFileURL(page).href,
      ],
      limits,
      { cwd: folder, env: { ...process.env, HOME: folder } },
    );
    return readOutput(output, { at: 0, bytes: '%PDF-' }, 'PDF');
  });
}
