import yauzl from 'yauzl';
import { AppError } from '../errors.ts';

export interface ZipLimits {
  /** Total unpacked bytes read from the archive. */
  maxTotalBytes: number;
  /** Unpacked bytes of any one entry. */
  maxEntryBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 20_000,
};

/**
 * One EPUB or Word document: everything its reader unpacks is markup (XHTML, XML, the OPF), and all of it
 * together is held to a quarter of the 256 MB a story file may take to read, since parsing it takes several
 * times its size.
 */
export const STORY_ARCHIVE_LIMITS: ZipLimits = {
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntryBytes: 48 * 1024 * 1024,
  maxEntries: 20_000,
};

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** An opened zip: its entry list, and reads that stop at the caps whatever the entry headers claim. */
export interface ZipArchive {
  entries: ZipEntryInfo[];
  has(name: string): boolean;
  readBytes(name: string): Promise<Uint8Array>;
  readText(name: string): Promise<string>;
  close(): void;
}

/**
 * Open zip bytes (EPUB, DOCX, a `.zip` of stories). yauzl checks each entry's real size against its
 * header while inflating; on top of that every read counts the bytes it inflates against the caps, so a
 * zip bomb stops at the cap instead of filling memory.
 */
export async function openZip(
  bytes: Uint8Array,
  label: string,
  limits: Partial<ZipLimits> = {},
): Promise<ZipArchive> {
  const caps = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (error, file) => {
        if (error || !file) reject(corrupt(label, error));
        else resolve(file);
      },
    );
  });
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entries.size >= caps.maxEntries) {
        zip.close();
        reject(
          new AppError(
            'ARCHIVE_TOO_LARGE',
            `${label} holds more than ${caps.maxEntries.toLocaleString('en-US')} files; Quire stops there.`,
          ),
        );
        return;
      }
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => reject(corrupt(label, error)));
    zip.readEntry();
  });

  let totalRead = 0;
  /** The size its header declares, when that is what gave it away. */
  const entryTooLarge = (name: string, declared?: number) =>
    new AppError(
      'ARCHIVE_TOO_LARGE',
      `${name} in ${label} unpacks to ${declared === undefined ? '' : `${megabytes(declared)}, `}more than the ${megabytes(caps.maxEntryBytes)} Quire unpacks from one member of a zip (a zip bomb guard).`,
    );
  const totalTooLarge = (name: string) =>
    new AppError(
      'ARCHIVE_TOO_LARGE',
      `${label} unpacks to more than the ${megabytes(caps.maxTotalBytes)} Quire unpacks from one zip in all; it stopped at ${name} (a zip bomb guard).`,
    );
  const readBytes = async (name: string): Promise<Uint8Array> => {
    const entry = entries.get(name);
    if (!entry) throw new AppError('CORRUPT_ARCHIVE', `${label} has no file named ${name}.`);
    if (entry.uncompressedSize > caps.maxEntryBytes) throw entryTooLarge(name, entry.uncompressedSize);
    if (totalRead + entry.uncompressedSize > caps.maxTotalBytes) throw totalTooLarge(name);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
      zip.openReadStream(entry, (error, readable) => {
        if (error || !readable) reject(corrupt(label, error));
        else resolve(readable);
      });
    });
    const chunks: Buffer[] = [];
    let entryRead = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        entryRead += chunk.length;
        totalRead += chunk.length;
        if (entryRead > caps.maxEntryBytes || totalRead > caps.maxTotalBytes) {
          (stream as unknown as { destroy(): void }).destroy();
          throw entryRead > caps.maxEntryBytes ? entryTooLarge(name) : totalTooLarge(name);
        }
        chunks.push(chunk);
      }
    } catch (error) {
      throw error instanceof AppError ? error : corrupt(label, error);
    }
    return new Uint8Array(Buffer.concat(chunks));
  };

  return {
    entries: [...entries.values()].map((entry) => ({
      name: entry.fileName,
      compressedSize: entry.compressedSize,
      uncompressedSize: entry.uncompressedSize,
    })),
    has: (name) => entries.has(name),
    readBytes,
    readText: async (name) => new TextDecoder('utf-8').decode(await readBytes(name)),
    close: () => zip.close(),
  };
}

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 0x03 || bytes[2] === 0x05) &&
    (bytes[3] === 0x04 || bytes[3] === 0x06)
  );
}

function corrupt(label: string, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : 'unknown error';
  return new AppError(
    'CORRUPT_ARCHIVE',
    `${label} is truncated or corrupt (${reason}); it cannot be unpacked.`,
  );
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
