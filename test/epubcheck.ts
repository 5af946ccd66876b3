/** epubcheck, from Debian's package, for the tests that validate EPUB downloads. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const EPUBCHECK = '/usr/bin/epubcheck';
export const hasEpubcheck = existsSync(EPUBCHECK);
if (!hasEpubcheck) {
  console.log(
    `SKIPPED: epubcheck is not installed (${EPUBCHECK} is missing), so the EPUBs are not validated. ` +
      'Install it with `apt-get install epubcheck` (.ci/run does).',
  );
}

const execFileAsync = promisify(execFile);

/** epubcheck's fatal errors, errors and warnings for a book, as readable lines. */
export async function epubcheck(name: string, bytes: Buffer): Promise<string[]> {
  const jar = EPUBCHECK;
  const dir = mkdtempSync(join(tmpdir(), 'quire-epubcheck-'));
  try {
    const book = join(dir, `${name}.epub`);
    const reportFile = join(dir, 'report.json');
    writeFileSync(book, bytes);
    // Debian installs epubcheck as an executable jar, which runs by itself only where binfmt_misc is set up;
    // `java -jar` runs it anywhere. C1 alone halves its start-up, which is most of its time here.
    await execFileAsync('java', ['-XX:TieredStopAtLevel=1', '-jar', jar, book, '--json', reportFile], {
      timeout: 200_000,
    }).catch((error: unknown) => {
      // epubcheck exits non-zero when it finds errors; the report says which.
      if (!existsSync(reportFile)) throw error;
    });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      messages: {
        ID: string;
        severity: string;
        message: string;
        locations?: { path?: string; line?: number }[];
      }[];
    };
    return report.messages
      .filter((message) => ['FATAL', 'ERROR', 'WARNING'].includes(message.severity))
      .map((message) => {
        const where = message.locations?.[0];
        return `${message.severity} ${message.ID} ${message.message} (${where?.path ?? '?'}:${where?.line ?? '?'})`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
