/**
 * AZW3 and MOBI, the Kindle formats AO3 offers, made from the EPUB download by calibre's ebook-convert: no
 * JavaScript library writes either.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inScratchFolder, type ProcessLimits, readOutput, runBounded } from './bounded-process.ts';

export type KindleFormat = 'azw3' | 'mobi';

/** Convert EPUB bytes to AZW3 or MOBI with the ebook-convert at `ebookConvert`. */
export function epubToKindle(
  epub: Uint8Array,
  format: KindleFormat,
  ebookConvert: string,
  limits: ProcessLimits,
): Promise<Buffer> {
  return inScratchFolder('quire-kindle-', async (folder) => {
    const input = join(folder, 'work.epub');
    const output = join(folder, `work.${format}`);
    await writeFile(input, epub);
    // calibre writes its settings under HOME (and its config directory): a folder that goes with the job.
    await runBounded(ebookConvert, [input, output], limits, {
      cwd: folder,
      env: { ...process.env, HOME: folder, CALIBRE_CONFIG_DIRECTORY: join(folder, 'calibre') },
    });
    // Both are Palm database files, typed BOOKMOBI at byte 60.
    return readOutput(output, { at: 60, bytes: 'BOOKMOBI' }, format.toUpperCase());
  });
}
