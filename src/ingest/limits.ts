import { readFile } from 'node:fs/promises';

/**
 * File size limits, apart from the readers so that code which only checks sizes (the import's main thread)
 * does not load every format reader.
 */

/** Larger than any story fandom has written as one file (the longest fics are about 30 MB of text). */
export const MAX_TEXT_FILE_BYTES = 32 * 1024 * 1024;
/** Zip-based formats carry images; their unpacked size is capped separately by the zip reader. */
export const MAX_ARCHIVE_FILE_BYTES = 128 * 1024 * 1024;

/** Why a file of this size is not read, or null when it may be. */
export function fileTooBig(path: string, size: number): string | null {
  const limit = /\.(?:epub|docx|zip)$/i.test(path) ? MAX_ARCHIVE_FILE_BYTES : MAX_TEXT_FILE_BYTES;
  if (size <= limit) return null;
  return `${path} is ${Math.round(size / 1024 / 1024)} MB, more than the ${Math.round(limit / 1024 / 1024)} MB Quire reads from one file.`;
}

/** A story file's bytes, refused with the reason when it is too big to read (`size` as the folder listed it). */
export async function readStoryFile(path: string, size: number): Promise<Uint8Array> {
  const tooBig = fileTooBig(path, size);
  if (tooBig) throw new Error(tooBig);
  return readFile(path);
}
