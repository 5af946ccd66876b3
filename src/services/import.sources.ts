import type { Stats } from 'node:fs';
import { lstat, open, readdir, realpath, stat } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';
import { isAppError } from '../errors.ts';
import { markdownFormat, opensFrontMatter } from '../ingest/formats/markdown.ts';
import { supportedExtensions } from '../ingest/formats/registry.ts';
import { readStoryFile } from '../ingest/limits.ts';
import { isZip, openZip } from '../ingest/zip.ts';

/**
 * The file names a folder or zip is searched for: every format's extensions, from the format registry, but
 * Markdown's. A folder of stories often holds a README.md or notes in Markdown that are not stories (the demo's
 * samples/ does), so a Markdown file is picked out of a folder only when it opens with a YAML front matter,
 * as every story a backup tool (ao3scrape), Jekyll, Hugo or Obsidian writes does and a README does not. Named
 * on the command line, any Markdown file is read.
 */
const MARKDOWN_EXTENSIONS = markdownFormat.extensions;
const STORY_EXTENSIONS = supportedExtensions().filter(
  (extension) => !MARKDOWN_EXTENSIONS.includes(extension),
);
const endsWithOneOf = (name: string, extensions: readonly string[]) => {
  const lower = name.toLowerCase();
  return extensions.some((extension) => lower.endsWith(extension));
};
const isStoryName = (name: string) => endsWithOneOf(name, STORY_EXTENSIONS);
const isMarkdownName = (name: string) => endsWithOneOf(name, MARKDOWN_EXTENSIONS);

/** Whether a Markdown file's first bytes open a front matter (the Markdown format says what that is). */
const headOpensFrontMatter = (head: Uint8Array) =>
  opensFrontMatter(new TextDecoder('utf-8', { ignoreBOM: true }).decode(head.subarray(0, 16)));

async function fileHead(path: string): Promise<Uint8Array> {
  const file = await open(path);
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** A story to import: a file, or an entry of a `.zip` archive (`stories.zip!/a/b.txt`). */
export interface Source {
  name: string;
  /** A file, which a worker reads itself; undefined for a zip entry, whose bytes `load` gives. */
  file?: { path: string; size: number };
  load(): Promise<Uint8Array>;
}

/**
 * Files, folders (recursive, hidden entries skipped) and zip archives, in a stable order. Whatever is found
 * and not taken is reported, so an import never ends with "0 of 0 files" unexplained: symbolic links that
 * lead out of the folder being imported (a link to /etc/passwd is not a story to publish) or round in a
 * loop, named pipes and other special files, zips inside zips, folders and zips with no story in them.
 */
export async function collectSources(
  paths: string[],
): Promise<{ sources: Source[]; problems: { source: string; error: string }[] }> {
  const sources: Source[] = [];
  const problems: { source: string; error: string }[] = [];
  const problem = (source: string, error: string) => problems.push({ source, error });
  /** Folders entered, by their real path: a link back to one of them is a loop. */
  const entered = new Set<string>();
  /** Markdown files left in folders and zips for having no front matter, taken to be notes. */
  let notesSkipped = 0;

  /** `known`: the entry as its folder's listing found it (lstat), or why it could not be looked at. */
  const visit = async (path: string, root: string | null, known?: Stats | Error): Promise<void> => {
    let info: Stats;
    try {
      if (known instanceof Error) throw known;
      info = known ?? (root === null ? await stat(path) : await lstat(path));
    } catch (error) {
      problem(path, missing(path, error));
      return;
    }
    if (info.isSymbolicLink() && root !== null) {
      let target: string;
      try {
        target = await realpath(path);
      } catch (error) {
        problem(path, `${path} is a symbolic link ${linkProblem(error)}; it was not imported.`);
        return;
      }
      if (target !== root && !target.startsWith(`${root}${sep}`)) {
        problem(
          path,
          `${path} is a symbolic link to ${target}, outside the folder being imported; Quire does not follow it.`,
        );
        return;
      }
      info = await stat(target);
    }
    if (info.isDirectory()) {
      const real = await realpath(path);
      if (entered.has(real)) {
        problem(path, `${path} leads back to ${real}, a folder already being read (a symbolic link loop).`);
        return;
      }
      entered.add(real);
      const before = sources.length + problems.length;
      const markdownBefore = notesSkipped;
      const entries = (await readdir(path))
        .filter((name) => !name.startsWith('.'))
        .sort()
        .map((name) => join(path, name));
      // A folder's entries are looked at all at once (one at a time took a third of a second for 7,000 files),
      // and visited in order.
      const infos = await Promise.all(entries.map((entry) => lstat(entry).catch((error: Error) => error)));
      for (const [index, entry] of entries.entries()) await visit(entry, root ?? real, infos[index]);
      if (root === null && sources.length + problems.length === before)
        problem(
          path,
          `${path} holds no story files (${STORY_KINDS})${notesHint(notesSkipped - markdownBefore)}.`,
        );
      return;
    }
    if (!info.isFile()) {
      problem(path, `${path} is ${specialKind(info)}, not a story file; it was not read.`);
      return;
    }
    if (/\.zip$/i.test(path)) {
      await visitZip(path, info.size);
      return;
    }
    // In folders only story files are taken; a file named on the command line is always tried.
    if (root !== null && !isStoryName(path)) {
      if (!isMarkdownName(path)) return;
      let head: Uint8Array;
      try {
        head = await fileHead(path);
      } catch (error) {
        problem(path, missing(path, error));
        return;
      }
      if (!headOpensFrontMatter(head)) {
        notesSkipped++;
        return;
      }
    }
    const size = info.size;
    sources.push({ name: path, file: { path, size }, load: () => readStoryFile(path, size) });
  };

  const visitZip = async (path: string, size: number) => {
    try {
      const bytes = await readStoryFile(path, size);
      if (!isZip(bytes)) throw new Error(`${path} is not a zip archive.`);
      const zip = await openZip(bytes, path);
      const files = zip.entries
        .filter((item) => !item.name.endsWith('/'))
        .sort((a, b) => a.name.localeCompare(b.name));
      if (files.length === 0) throw new Error(`${path} is an empty zip archive: it holds no files.`);
      let taken = 0;
      let notes = 0;
      for (const entry of files) {
        const name = `${path}!/${entry.name}`;
        if (/\.zip$/i.test(entry.name)) {
          problem(
            name,
            `${name} is a zip inside a zip; Quire reads one level: unpack it and import the folder.`,
          );
          continue;
        }
        // A name with no extension is read by what its bytes look like (text, HTML, EPUB, DOCX).
        const base = posix.basename(entry.name);
        if (!isStoryName(entry.name) && base.includes('.')) {
          if (!isMarkdownName(entry.name)) continue;
          // The entry is inflated again when imported: kept from here, a zip's Markdown would all stay in memory.
          const head = await zip.readBytes(entry.name).catch((error: Error) => error);
          if (head instanceof Error) {
            problem(name, head.message);
            continue;
          }
          if (!headOpensFrontMatter(head)) {
            notes++;
            continue;
          }
        }
        sources.push({ name, load: () => zip.readBytes(entry.name) });
        taken++;
      }
      if (taken === 0 && files.every((entry) => !/\.zip$/i.test(entry.name)))
        throw new Error(
          `${path} holds ${files.length} files but no story files (${STORY_KINDS})${notesHint(notes)}.`,
        );
    } catch (error) {
      problem(path, isAppError(error) || error instanceof Error ? error.message : String(error));
    }
  };

  for (const path of paths) await visit(path, null);
  return { sources, problems };
}

const STORY_KINDS = '.txt, .html, .epub, .docx, Markdown with a front matter';

/** What a folder with no story files says of the Markdown files it left for notes. */
function notesHint(count: number): string {
  if (count === 0) return '';
  const files = count === 1 ? '1 Markdown file' : `${count} Markdown files`;
  return `; ${files} without a front matter were taken for notes: name them on the command line to import them as stories`;
}

function missing(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return `${path} is a symbolic link loop: following it leads back to itself.`;
  if (code === 'EACCES' || code === 'EPERM') return `${path} cannot be read (permission denied).`;
  return `${path} does not exist.`;
}

function linkProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return 'loop: following it leads back to itself';
  if (code === 'ENOENT') return 'to something that does not exist';
  return `that cannot be followed (${code ?? 'unknown error'})`;
}

function specialKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
