/**
 * The Automated Archive (a Perl script of the late 1990s): one `ARCHIVE_DB.pl` holding a Perl hash of every
 * story's fields, and a folder of story files. The file is not Perl anyone should evaluate: quotes inside
 * values go unescaped, values run over several lines, HTML entities stand for characters and the bytes are
 * in whatever encoding the site had. So it is read line by line: a value runs from `'Field' => '` to a line
 * that ends with the same quote (and a comma), whatever quotes come between.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeHTML } from 'entities';
import { AppError } from '../errors.ts';
import { decodeText } from '../ingest/encoding.ts';
import {
  legacyDate,
  type RescueArchive,
  type RescueAuthor,
  type RescueSkip,
  type RescueStory,
  type RescueTagRef,
} from './rescue-archive.ts';
import { readStoryFiles } from './story-files.ts';

export type AaRecord = Record<string, string>;

const RECORD_START = /^\s*(?:\$FILES\s*\{\s*)?['"]?([^'"\s{}=]+)['"]?\s*\}?\s*(?:=>|=)\s*\{\s*$/;
const FIELD_START = /^\s*['"]?([A-Za-z_][\w-]*)['"]?\s*=>\s*(['"])(.*)$/;
const RECORD_END = /^\s*\}\s*[,;]?\s*$/;

function unquote(value: string, quote: string): string {
  const unescaped = quote === "'" ? value.replace(/\\([\\'])/g, '$1') : value.replace(/\\(.)/g, '$1');
  return decodeHTML(unescaped).trim();
}

/** The records of an ARCHIVE_DB.pl, by story id; problems (a field outside a record) are listed. */
export function parseArchiveDb(text: string): { records: Map<string, AaRecord>; problems: string[] } {
  const records = new Map<string, AaRecord>();
  const problems: string[] = [];
  let current: AaRecord | null = null;
  let field: { name: string; quote: string; lines: string[]; line: number } | null = null;
  const lines = text.split('\n');
  const endsValue = (line: string, quote: string) => new RegExp(`(?<!\\\\)${quote}\\s*,?\\s*$`).test(line);
  for (const [index, line] of lines.entries()) {
    if (field) {
      if (endsValue(line, field.quote)) {
        field.lines.push(line.replace(new RegExp(`${field.quote}\\s*,?\\s*$`), ''));
        if (current) current[field.name] = unquote(field.lines.join('\n'), field.quote);
        field = null;
      } else field.lines.push(line);
      continue;
    }
    const start = RECORD_START.exec(line);
    if (start) {
      current = {};
      records.set(start[1] as string, current);
      continue;
    }
    if (RECORD_END.test(line)) {
      current = null;
      continue;
    }
    const opened = FIELD_START.exec(line);
    if (opened) {
      const [, name, quote, rest] = opened as unknown as [string, string, string, string];
      if (!current) {
        problems.push(
          `ARCHIVE_DB.pl line ${index + 1}: the field ${name} is outside any story record; left out`,
        );
        continue;
      }
      if (endsValue(rest, quote) && rest.trim() !== quote) {
        current[name] = unquote(rest.replace(new RegExp(`${quote}\\s*,?\\s*$`), ''), quote);
      } else if (rest.trim() === quote || rest.trim() === `${quote},`) {
        // `'Field' => '',` reads as an opening quote and the closing one.
        current[name] = '';
      } else field = { name, quote, lines: [rest], line: index + 1 };
    }
  }
  if (field)
    problems.push(
      `ARCHIVE_DB.pl line ${field.line}: the value of ${field.name} never ends; the file is truncated`,
    );
  return { records, problems };
}

/** Field names of the Automated Archive and the sheet source they feed. */
const TAG_FIELDS: Record<string, string> = {
  category: 'category',
  categories: 'category',
  fandom: 'category',
  fandoms: 'category',
  characters: 'character',
  character: 'character',
  pairing: 'pairing',
  pairings: 'pairing',
  relationship: 'pairing',
  warnings: 'warnings',
  warning: 'warnings',
  genre: 'genre',
  genres: 'genre',
  keywords: 'keywords',
  subcategory: 'subcategory',
  spoilers: 'spoilers',
  season: 'spoilers',
};

function field(record: AaRecord, ...names: string[]): string {
  for (const name of names) {
    const found = Object.entries(record).find(([key]) => key.toLowerCase() === name.toLowerCase());
    if (found?.[1]) return found[1];
  }
  return '';
}

export async function readAutomatedArchive(path: string, storiesDir: string | null): Promise<RescueArchive> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new AppError('FILE_NOT_FOUND', `${path} does not exist or cannot be read.`);
  }
  const { text } = decodeText(bytes, path);
  const { records, problems } = parseArchiveDb(text);
  if (records.size === 0)
    throw new AppError(
      'INVALID_DUMP',
      `${path} holds no story records ('1' => { ... }): is it an Automated Archive ARCHIVE_DB.pl?`,
    );
  const folder = storiesDir ?? dirname(path);
  const skipped: RescueSkip[] = problems.map((reason) => ({ kind: 'row', oldId: '-', reason }));
  const authors = new Map<string, RescueAuthor>();
  const stories: RescueStory[] = [];
  const files = new Map<string, string>();
  for (const [id, record] of records) {
    const name = field(record, 'Author', 'Authors') || 'Anonymous';
    const email = field(record, 'Email', 'EmailAuthor', 'AuthorEmail') || null;
    // The Automated Archive has no author ids: an author is a name with an address.
    const authorId = email ? `${name} <${email.toLowerCase()}>` : name;
    if (!authors.has(authorId)) authors.set(authorId, { oldId: authorId, name, email });
    const location = field(record, 'Location');
    const type = field(record, 'FileType') || 'html';
    const url = field(record, 'LocationURL', 'StoryURL');
    const file = location ? `${location}.${type}` : url;
    if (!file) {
      skipped.push({
        kind: 'story',
        oldId: id,
        reason: 'the record names no story file (Location or LocationURL)',
      });
      continue;
    }
    if (/^[a-z]+:\/\//i.test(file)) {
      skipped.push({
        kind: 'story',
        oldId: id,
        reason: `a link to a story on another site (${file}), not a story of this archive`,
      });
      continue;
    }
    files.set(id, file);
    const tags: RescueTagRef[] = [];
    for (const [key, value] of Object.entries(record)) {
      const source = TAG_FIELDS[key.toLowerCase()];
      if (!source || !value) continue;
      for (const part of value.split(/\s*[,;]\s*/))
        if (part.trim()) tags.push({ source, original: part.trim() });
    }
    const date = legacyDate(field(record, 'PrintTime', 'DatePrint', 'Date'));
    stories.push({
      oldId: id,
      title: field(record, 'Title') || 'Untitled',
      summary: field(record, 'Summary') || null,
      notes: field(record, 'Notes') || null,
      endNotes: null,
      authorIds: [authorId],
      rating: field(record, 'Rating') || null,
      tags,
      complete: !/progress|wip|unfinished/i.test(field(record, 'Status')),
      published: date,
      updated: legacyDate(field(record, 'Updated')) ?? date,
      series: [],
      reviews: [],
      oldPaths: [file.replace(/^\/+/, '')],
      notesForReport:
        date || !field(record, 'PrintTime', 'DatePrint', 'Date')
          ? []
          : [`no usable date ("${field(record, 'PrintTime', 'DatePrint', 'Date')}")`],
    });
  }
  return {
    kind: 'automated-archive',
    authors,
    series: [],
    stories,
    browseLinks: [],
    skipped,
    readChapters: (story) => readStoryFiles(story.oldId, folder, [files.get(story.oldId) as string]),
    close: async () => {},
  };
}
