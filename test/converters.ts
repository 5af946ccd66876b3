/**
 * The converters the download tests use: Debian's Chromium and calibre when installed (.ci/run installs
 * both), stand-ins written as shell scripts for the tests of caching, failures and visibility, and a PDF
 * reader (pdf.js) that checks a PDF parses and gives its text back.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConverters } from '../src/export/converters.ts';

/** The real converters found on this machine, the way `quire serve` finds them. */
export const REAL = (await findConverters()).converters;
if (!REAL.chromium)
  console.log('SKIPPED: Chromium is not installed, so real PDFs are not made (.ci/run installs `chromium`).');
if (!REAL.ebookConvert)
  console.log(
    "SKIPPED: calibre's ebook-convert is not installed, so real AZW3 and MOBI files are not made (.ci/run installs `calibre`).",
  );

export interface FakeConverters {
  /** Writes a one-line PDF where `--print-to-pdf=` says. */
  chromium: string;
  /** Writes a Palm database header (`BOOKMOBI` at byte 60) to its second argument. */
  ebookConvert: string;
  /** Exits 1 with a message, writing nothing. */
  failing: string;
  /** Sleeps for a minute. */
  slow: string;
  /** How many times the stand-ins have converted. */
  runs(): number;
}

export function fakeConverters(): FakeConverters {
  const folder = mkdtempSync(join(tmpdir(), 'quire-fake-converters-'));
  const log = join(folder, 'runs.log');
  writeFileSync(log, '');
  const script = (name: string, body: string) => {
    const path = join(folder, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };
  return {
    chromium: script(
      'chromium',
      `for arg; do case "$arg" in --print-to-pdf=*) out="\${arg#--print-to-pdf=}";; esac; done
echo pdf >> '${log}'
printf '%%PDF-1.4\\n%% stand-in\\n' > "$out"`,
    ),
    ebookConvert: script(
      'ebook-convert',
      `echo kindle >> '${log}'
printf '%60sBOOKMOBI' '' > "$2"`,
    ),
    failing: script('failing', 'echo "Error: this converter always fails" >&2\nexit 1'),
    slow: script('slow', 'sleep 60'),
    runs: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0),
  };
}

/** A PDF's pages' text, through pdf.js: it throws if the bytes are not a PDF it can read. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0 });
  const pdf = await task.promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const count = pdf.numPages;
  await task.destroy();
  return { pages: count, text: pages.join('\n') };
}
