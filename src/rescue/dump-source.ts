import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { AppError } from '../errors.ts';

/** The chunks of a dump file, gunzipped when it is gzip (by its first bytes, whatever its name). */
export async function openDumpFile(path: string): Promise<{ chunks: AsyncIterable<Buffer>; bytes: number }> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('NOT_A_FILE', `${path} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('FILE_NOT_FOUND', `${path} does not exist or cannot be read.`);
  }
  if (size === 0) throw new AppError('EMPTY_FILE', `${path} is empty.`);
  const handle = await open(path);
  const magic = Buffer.alloc(2);
  await handle.read(magic, 0, 2, 0);
  await handle.close();
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return { chunks: file, bytes: size };
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return {
    chunks: (async function* () {
      try {
        for await (const chunk of file.pipe(gunzip)) yield chunk as Buffer;
      } catch (error) {
        throw new AppError(
          'INVALID_DUMP',
          `${path} is not a complete gzip file: ${(error as Error).message}.`,
        );
      }
    })(),
    bytes: size,
  };
}
