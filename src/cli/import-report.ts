import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Write an import's failures. By default a new file per run under `<data>/reports/`, named for when the run
 * ended, never one written before (a second run in the same millisecond gets a suffix), and never in the
 * folder the command happened to be run from; `--report FILE` names the file instead.
 */
export async function writeImportReport(
  lines: string[],
  place: { dataDir: string; file?: string },
  now = new Date(),
): Promise<string> {
  const text = `${lines.join('\n')}\n`;
  if (place.file) {
    await writeFile(place.file, text);
    return place.file;
  }
  const folder = resolve(place.dataDir, 'reports');
  await mkdir(folder, { recursive: true });
  const stamp = now.toISOString().replace(/:/g, '-');
  for (let attempt = 0; ; attempt++) {
    const path = join(folder, `import-${stamp}${attempt === 0 ? '' : `-${attempt}`}.txt`);
    try {
      await writeFile(path, text, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
