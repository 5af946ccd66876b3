/**
 * Downloads kept on disk, so an EPUB or a PDF is made once per version of a work and not on every request:
 * files named by the hash of what they were made from, least recently used deleted first once the folder
 * holds more than its cap. The order survives a restart through the files' modification times, which a read
 * refreshes. Every process of a cluster shares the folder: a file another process wrote is found on disk.
 *
 * Each file ends with a trailer (its length, a CRC-32 of its bytes, a mark), so a file cut short or damaged
 * (a full disk, a crash between write and rename on a careless file system) is deleted and made again, never
 * served.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { LRUCache } from 'lru-cache';

/** Where the cache could be kept, and why it is kept elsewhere or not at all. */
export interface CachePlace {
  folder: string | null;
  /** A folder made for this process alone, to remove when it stops. */
  temporary: boolean;
  problem?: string;
}

/**
 * Make the folder (under the archive's data folder); where it cannot be written (a read-only archive), or
 * when none is named, a temporary folder of this process instead; where neither can, none (conversions are
 * then not kept).
 */
export async function prepareCacheFolder(folder: string | undefined): Promise<CachePlace> {
  if (folder === undefined) return temporaryFolder();
  try {
    await mkdir(folder, { recursive: true });
    const probe = join(folder, `.write-test-${process.pid}`);
    await writeFile(probe, '');
    await unlink(probe);
    return { folder, temporary: false };
  } catch (error) {
    return temporaryFolder(`${folder} cannot be written (${(error as Error).message})`);
  }
}

async function temporaryFolder(why?: string): Promise<CachePlace> {
  try {
    const folder = await mkdtemp(join(tmpdir(), 'quire-downloads-'));
    return {
      folder,
      temporary: true,
      ...(why ? { problem: `${why}: converted downloads are kept in ${folder}` } : {}),
    };
  } catch (error) {
    return {
      folder: null,
      temporary: false,
      problem: `${why ?? 'no folder for converted downloads'} (${(error as Error).message}): converted downloads are not kept`,
    };
  }
}

const MARK = Buffer.from('QDL1');
const TRAILER_BYTES = 12;

/** The trailer written after the bytes. */
function trailerOf(bytes: Uint8Array): Buffer {
  const trailer = Buffer.alloc(TRAILER_BYTES);
  trailer.writeUInt32LE(bytes.length, 0);
  trailer.writeUInt32LE(crc32(bytes), 4);
  MARK.copy(trailer, 8);
  return trailer;
}

/** The bytes a file holds when its trailer vouches for them, else undefined. */
function withoutTrailer(file: Buffer): Buffer | undefined {
  if (file.length < TRAILER_BYTES) return undefined;
  const at = file.length - TRAILER_BYTES;
  if (!file.subarray(at + 8).equals(MARK) || file.readUInt32LE(at) !== at) return undefined;
  const bytes = file.subarray(0, at);
  return crc32(bytes) === file.readUInt32LE(at + 4) ? bytes : undefined;
}

export class DownloadCache {
  private readonly files: LRUCache<string, number>;
  private loaded: Promise<void> | null = null;
  /** Deletions the LRU started, awaited before a write returns. */
  private removing: Promise<void>[] = [];

  constructor(
    private readonly folder: string,
    maxBytes: number,
  ) {
    this.files = new LRUCache<string, number>({
      maxSize: maxBytes,
      sizeCalculation: (bytes) => Math.max(1, bytes),
      dispose: (_bytes, name, reason) => {
        if (reason === 'evict' || reason === 'delete')
          this.removing.push(
            unlink(join(this.folder, name)).catch(() => {
              // Gone already: another server on the same folder, or a person, removed it.
            }),
          );
      },
    });
  }

  get bytes(): number {
    return this.files.calculatedSize;
  }

  /** The files a previous run left, oldest use first, so they are evicted first. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const entries = await readdir(this.folder).catch(() => [] as string[]);
      const found = await Promise.all(
        entries
          .filter((name) => !name.startsWith('.'))
          .map(async (name) => {
            const info = await stat(join(this.folder, name)).catch(() => null);
            return info?.isFile() ? { name, bytes: info.size, used: info.mtimeMs } : null;
          }),
      );
      for (const file of found.filter((item) => item !== null).sort((a, b) => a.used - b.used))
        this.files.set(file.name, file.bytes);
    })();
    return this.loaded;
  }

  /** The kept file of this name, or undefined; a damaged one is deleted. */
  async read(name: string): Promise<Buffer | undefined> {
    await this.load();
    const path = join(this.folder, name);
    let file: Buffer;
    try {
      // Read even when this process has not written it: another process of the cluster may have.
      file = await readFile(path);
    } catch {
      this.files.delete(name);
      return undefined;
    }
    const bytes = withoutTrailer(file);
    if (!bytes) {
      if (this.files.has(name)) this.files.delete(name);
      else await unlink(path).catch(() => undefined);
      await Promise.all(this.removing.splice(0));
      return undefined;
    }
    if (this.files.get(name) === undefined) this.files.set(name, file.length);
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return bytes;
  }

  /** Keep a file (written whole under a temporary name first, so a reader never sees half of it). */
  async write(name: string, bytes: Uint8Array): Promise<void> {
    await this.load();
    const length = bytes.length + TRAILER_BYTES;
    if (length > this.files.maxSize) return;
    const partial = join(this.folder, `.${name}.${process.pid}.${randomUUID()}.part`);
    // The bytes and their trailer written one after the other, not joined first: a copy of the whole download
    // would be made, and held, for every file kept.
    await writeFile(partial, [bytes, trailerOf(bytes)]);
    await rename(partial, join(this.folder, name));
    this.files.set(name, length);
    await Promise.all(this.removing.splice(0));
  }
}
