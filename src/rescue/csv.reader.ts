/**
 * The generic route: a CSV of stories (and optionally one of authors) with a folder of story files, for an
 * archive that was neither eFiction nor the Automated Archive (a hand-kept site, a spreadsheet, an export).
 *
 * stories.csv: `id`, `title`, `authors` (author ids, or names when there is no authors file, separated by
 * `;`), `files` (chapter files in order, separated by `;`), and optionally `summary`, `notes`, `rating`,
 * `fandoms`, `characters`, `relationships`, `warnings`, `categories`, `tags` (separated by `;` or `,`),
 * `published`, `updated`, `complete` (yes/no), `series`, `series_position`, `old_path`.
 * authors.csv: `id`, `name`, `email`.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors.ts';
import { decodeText } from '../ingest/encoding.ts';
import {
  legacyDate,
  type RescueArchive,
  type RescueAuthor,
  type RescueSeries,
  type RescueSkip,
  type RescueStory,
  type RescueTagRef,
} from './rescue-archive.ts';
import { readStoryFiles } from './story-files.ts';

const TAG_COLUMNS: Record<string, string> = {
  fandoms: 'fandom',
  characters: 'character',
  relationships: 'relationship',
  warnings: 'warnings',
  categories: 'class:categories',
  tags: 'tag',
};

async function readCsv(path: string): Promise<Record<string, string>[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new AppError('FILE_NOT_FOUND', `${path} does not exist or cannot be read.`);
  }
  try {
    return parse(decodeText(bytes, path).text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw new AppError(
      'INVALID_DUMP',
      `${path} is not a CSV file Quire can read: ${(error as Error).message}`,
    );
  }
}

const list = (value: string | undefined, separator = /\s*;\s*/): string[] =>
  (value ?? '')
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean);

export async function readCsvArchive(
  storiesPath: string,
  authorsPath: string | null,
  filesDir: string | null,
): Promise<RescueArchive> {
  const rows = await readCsv(storiesPath);
  const first = rows[0];
  for (const column of ['id', 'title', 'authors', 'files'])
    if (first && !(column in first))
      throw new AppError(
        'INVALID_DUMP',
        `${storiesPath} has no "${column}" column; it needs id, title, authors and files.`,
      );
  const authors = new Map<string, RescueAuthor>();
  if (authorsPath) {
    for (const row of await readCsv(authorsPath)) {
      if (!row.id || !row.name) continue;
      authors.set(row.id, { oldId: row.id, name: row.name, email: row.email || null });
    }
  }
  const skipped: RescueSkip[] = [];
  const stories: RescueStory[] = [];
  const files = new Map<string, string[]>();
  const series = new Map<string, RescueSeries>();
  for (const [index, row] of rows.entries()) {
    const id = row.id || '';
    if (!id) {
      skipped.push({ kind: 'row', oldId: `line ${index + 2}`, reason: 'a story row with no id' });
      continue;
    }
    const authorIds: string[] = [];
    for (const author of list(row.authors)) {
      if (!authorsPath && !authors.has(author))
        authors.set(author, { oldId: author, name: author, email: null });
      if (authors.has(author)) authorIds.push(author);
      else
        skipped.push({
          kind: 'author',
          oldId: author,
          reason: `story ${id} names author ${author}, who is not in ${authorsPath}`,
        });
    }
    const paths = list(row.files);
    if (paths.length === 0) {
      skipped.push({ kind: 'story', oldId: id, reason: 'no files given for its text' });
      continue;
    }
    files.set(id, paths);
    const tags: RescueTagRef[] = [];
    for (const [column, source] of Object.entries(TAG_COLUMNS))
      for (const original of list(row[column], /\s*[;,]\s*/)) tags.push({ source, original });
    const seriesTitle = row.series?.trim();
    if (seriesTitle && !series.has(seriesTitle))
      series.set(seriesTitle, { oldId: seriesTitle, title: seriesTitle, summary: null, authorIds });
    const position = Number(row.series_position);
    stories.push({
      oldId: id,
      title: row.title || 'Untitled',
      summary: row.summary || null,
      notes: row.notes || null,
      endNotes: null,
      authorIds,
      rating: row.rating || null,
      tags,
      complete: /^(?:y|yes|true|1|complete)$/i.test(row.complete ?? ''),
      published: legacyDate(row.published),
      updated: legacyDate(row.updated),
      series: seriesTitle
        ? [
            {
              oldId: seriesTitle,
              position: Number.isFinite(position) && row.series_position ? position : null,
            },
          ]
        : [],
      reviews: [],
      oldPaths: row.old_path ? [row.old_path.replace(/^\/+/, '')] : [],
      notesForReport:
        row.published && !legacyDate(row.published) ? [`no usable date ("${row.published}")`] : [],
    });
  }
  const folder = filesDir ?? dirname(storiesPath);
  return {
    kind: 'csv',
    authors,
    series: [...series.values()],
    stories,
    browseLinks: [],
    skipped,
    readChapters: (story) => readStoryFiles(story.oldId, folder, files.get(story.oldId) ?? []),
    close: async () => {},
  };
}
