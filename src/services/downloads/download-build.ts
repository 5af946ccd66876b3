/**
 * The formats Quire writes itself (EPUB, HTML, text), as a task a worker thread can take: the work and the
 * export options in plain data (a tag's address is looked up, not computed by a function, which cannot
 * cross to a thread), and the version of it all that names the kept file.
 */
import { createHash } from 'node:crypto';
import { workToEpub } from '../../export/epub.ts';
import { workToHtml } from '../../export/html.ts';
import { workToText } from '../../export/text.ts';
import type { ExportOptions } from '../../export/work-meta.ts';
import { SANITIZER_VERSION } from '../../ingest/html-blocks.ts';
import type { WorkView } from '../../repositories/work-view.ts';

export type BuiltFormat = 'epub' | 'html' | 'txt';

/**
 * Raised when what export/ writes changes for an unchanged work (a new preface line, another zip level), so
 * files kept by an earlier release are not served as this one's.
 */
const EXPORT_VERSION = 3;

export interface BuildTask {
  format: BuiltFormat;
  work: WorkView;
  siteName: string;
  siteUrl: string;
  generatedAt: number;
  /** Each tag's address by canonical name, when the web layer gives its own. */
  tagUrls: Record<string, string> | null;
}

export function buildTask(format: BuiltFormat, work: WorkView, options: ExportOptions): BuildTask {
  const { tagUrl } = options;
  return {
    format,
    work,
    siteName: options.siteName,
    siteUrl: options.siteUrl,
    generatedAt: options.generatedAt.getTime(),
    tagUrls: tagUrl ? Object.fromEntries(work.tags.map((tag) => [tag.canonicalName, tagUrl(tag)])) : null,
  };
}

/**
 * The file name a build is kept under: the work's id (for a person looking at the folder) and a hash of
 * everything the file is made from. Counts of kudos, hits, bookmarks and comments are left out: no download
 * prints them, and they change on every visit.
 */
export function buildName(task: BuildTask): string {
  const { work, ...rest } = task;
  const { chapters, kudos: _kudos, hits: _hits, bookmarks: _bookmarks, comments: _comments, ...meta } = work;
  const hash = createHash('sha256').update(JSON.stringify([EXPORT_VERSION, SANITIZER_VERSION, rest, meta]));
  for (const { html, ...chapter } of chapters) hash.update('\0').update(JSON.stringify(chapter)).update(html);
  return `${work.id}-${hash.digest('hex').slice(0, 40)}.${task.format}`;
}

/** Write the download a task asks for. */
export async function buildDownload(task: BuildTask): Promise<Buffer> {
  const { tagUrls } = task;
  const options: ExportOptions = {
    siteName: task.siteName,
    siteUrl: task.siteUrl,
    generatedAt: new Date(task.generatedAt),
    ...(tagUrls ? { tagUrl: (tag) => tagUrls[tag.canonicalName] ?? '' } : {}),
  };
  if (task.format === 'epub') return workToEpub(task.work, options);
  return Buffer.from(
    task.format === 'html' ? workToHtml(task.work, options) : workToText(task.work, options),
  );
}
