import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError, isAppError } from '../errors.ts';
import { findFormat, supportedExtensions } from './formats/registry.ts';
import { MAX_ARCHIVE_FILE_BYTES, MAX_TEXT_FILE_BYTES } from './limits.ts';
import { measureText, notAStoryReason } from './page-shape.ts';
import type { WorkDraft } from './story.ts';
import { structureStory } from './structure.ts';

export { MAX_ARCHIVE_FILE_BYTES, MAX_TEXT_FILE_BYTES };

export type ReadResult =
  | { source: string; ok: true; draft: WorkDraft; format: string }
  | { source: string; ok: false; code: string; error: string };

/**
 * Read one story file into a WorkDraft. Never throws: every problem becomes a result with `ok: false`
 * and a message a person can act on, so a batch goes on past it.
 */
export async function readStoryFile(path: string): Promise<ReadResult> {
  try {
    const { bytes, name } = await loadFile(path);
    const { draft, format } = await readStoryBytes(bytes, name);
    return { source: path, ok: true, draft, format };
  } catch (error) {
    return failure(path, error);
  }
}

export async function readStoryBytes(
  bytes: Uint8Array,
  name: string,
): Promise<{ draft: WorkDraft; format: string }> {
  if (bytes.length === 0) throw new AppError('EMPTY_FILE', `${name} is empty (0 bytes).`);
  const kind = describeBinary(bytes);
  if (kind) throw new AppError('BINARY_FILE', `${name} is ${kind}, not a story file.`);
  const format = findFormat(name, bytes);
  if (!format) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `${name} is not a format Quire reads; it reads ${supportedExtensions().join(', ')}.`,
    );
  }
  const raw = await format.read(bytes, name);
  const draft = structureStory(raw);
  // Checked once the header, notes and chapter headings are taken out: what is left must be a story.
  if (draft.words === 0) {
    throw new AppError(
      'NO_STORY_TEXT',
      `${name} holds a header or headings but no story text after them, so there is no work to make of it.`,
    );
  }
  // HTML and Markdown pages are measured with their links by their readers; any other text is checked here.
  if (format.id !== 'html' && format.id !== 'markdown' && draft.words < 150) {
    const paragraphs = draft.chapters.flatMap((chapter) =>
      chapter.blocks.flatMap((block) => (block.type === 'break' ? [] : [block.text])),
    );
    const reason = notAStoryReason(measureText(draft.title, paragraphs, draft.words));
    if (reason) throw new AppError('NOT_A_STORY', `not a story: ${name} ${reason}.`);
  }
  return { draft, format: format.id };
}

export function failure(source: string, error: unknown): ReadResult {
  if (isAppError(error)) return { source, ok: false, code: error.code, error: error.message };
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `quire: unexpected error reading ${source}: ${error instanceof Error ? error.stack : message}\n`,
  );
  return {
    source,
    ok: false,
    code: 'INTERNAL',
    error: `Quire failed on this file because of a bug: ${message}`,
  };
}

async function loadFile(path: string): Promise<{ bytes: Uint8Array; name: string }> {
  const name = basename(path);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      throw new AppError('FILE_NOT_FOUND', `${path} does not exist.`);
    if (code === 'ELOOP')
      throw new AppError('NOT_A_FILE', `${path} is a symbolic link loop: following it leads back to itself.`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new AppError('FILE_NOT_FOUND', `${path} cannot be read (permission denied).`);
    throw error;
  }
  if (info.isDirectory()) {
    throw new AppError(
      'NOT_A_FILE',
      `${path} is a directory; name the story files in it (quire import reads whole folders).`,
    );
  }
  if (!info.isFile()) throw new AppError('NOT_A_FILE', `${path} is not a regular file.`);
  if (info.size === 0) throw new AppError('EMPTY_FILE', `${path} is empty (0 bytes).`);
  const lower = name.toLowerCase();
  const limit = /\.(?:epub|docx|zip)$/.test(lower) ? MAX_ARCHIVE_FILE_BYTES : MAX_TEXT_FILE_BYTES;
  if (info.size > limit) {
    throw new AppError(
      'FILE_TOO_LARGE',
      `${path} is ${formatMegabytes(info.size)}, more than the ${formatMegabytes(limit)} Quire reads from one story file; split it into smaller files.`,
    );
  }
  const handle = await open(path, 'r');
  try {
    const bytes = new Uint8Array(info.size);
    const { bytesRead } = await handle.read(bytes, 0, info.size, 0);
    return { bytes: bytes.subarray(0, bytesRead), name };
  } finally {
    await handle.close();
  }
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

const MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x42, 0x5a, 0x68], 'a bzip2 archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x7f, 0x45, 0x4c, 0x46], 'a program (ELF)'],
  [[0x4d, 0x5a], 'a Windows program'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Word (.doc) or other Office file; save it as .docx'],
  [[0x49, 0x44, 0x33], 'an MP3 file'],
];

/** A short description of common binary formats people mistake for stories, by their magic number. */
function describeBinary(bytes: Uint8Array): string | null {
  for (const [magic, kind] of MAGIC) {
    if (magic.every((byte, index) => bytes[index] === byte)) return kind;
  }
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46) {
    return 'a RIFF media file (WebP, WAV or AVI)';
  }
  if (bytes[0] === 0x7b && bytes[1] === 0x5c && bytes[2] === 0x72 && bytes[3] === 0x74) {
    return 'an RTF document; save it as .docx or .txt';
  }
  return null;
}
