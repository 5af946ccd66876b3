import type { Block, SourceField } from './story.ts';
import { squeezeSpaces } from './text.ts';

/** What a header label means, whatever words the file used for it. */
export type FieldMeaning =
  | 'title'
  | 'creators'
  | 'fandoms'
  | 'category'
  | 'relationships'
  | 'characters'
  | 'rating'
  | 'warnings'
  | 'genres'
  | 'freeforms'
  | 'summary'
  | 'notes'
  | 'endNotes'
  | 'disclaimer'
  | 'timeline'
  | 'words'
  | 'status'
  | 'chapters'
  | 'published'
  | 'updated'
  | 'language'
  | 'series'
  | 'stats'
  | 'source'
  | 'other';

const LABELS: Record<string, FieldMeaning> = {};
function define(meaning: FieldMeaning, labels: string[]): void {
  for (const label of labels) LABELS[label] = meaning;
}
define('title', ['title', 'story title', 'fic title', 'work title']);
define('creators', [
  'author',
  'authors',
  'by',
  'writer',
  'writers',
  'pseud',
  'written by',
  'author name',
  'creator',
]);
define('fandoms', ['fandom', 'fandoms', 'universe', 'crossover', 'crossover fandoms', 'verse']);
define('category', ['category', 'categories']);
define('relationships', [
  'pairing',
  'pairings',
  'ship',
  'ships',
  'relationship',
  'relationships',
  'couple',
  'couples',
  'main pairing',
  'pairing s',
  'relationship s',
]);
define('characters', ['characters', 'character', 'character s', 'featuring', 'main characters', 'cast']);
define('rating', ['rating', 'rated', 'ratings', 'rate']);
define('warnings', [
  'warning',
  'warnings',
  'content warning',
  'content warnings',
  'cw',
  'tw',
  'cws',
  'tws',
  'trigger',
  'triggers',
  'trigger warning',
  'trigger warnings',
  'archive warning',
  'archive warnings',
  'warning s',
]);
define('genres', ['genre', 'genres', 'type', 'genre s']);
define('freeforms', [
  'additional tags',
  'tags',
  'freeform',
  'freeforms',
  'other tags',
  'dc subject',
  'keywords',
]);
define('summary', ['summary', 'description', 'blurb', 'synopsis', 'abstract']);
define('notes', [
  'author s notes',
  'author s note',
  'authors notes',
  'authors note',
  'author notes',
  'author note',
  'a n',
  'an',
  'notes',
  'note',
  'story notes',
]);
define('endNotes', ['end notes', 'end note', 'endnotes']);
define('disclaimer', ['disclaimer', 'disclaimers']);
define('timeline', [
  'timeline',
  'time frame',
  'timeframe',
  'time line',
  'set',
  'setting',
  'spoilers',
  'spoiler',
  'spoiler warning',
  'spoilers for',
]);
define('words', ['word count', 'words', 'wordcount', 'length', 'word']);
define('status', ['status', 'completed', 'complete']);
define('chapters', ['chapters']);
define('published', [
  'published',
  'posted',
  'date',
  'date posted',
  'written',
  'first posted',
  'date written',
  // Mailing-list archives date a story by when it was sent.
  'date sent',
  'sent',
]);
define('updated', ['updated', 'last updated', 'date updated']);
define('language', ['language']);
define('series', ['series', 'part of series']);
define('stats', ['stats']);
define('source', ['source', 'url', 'original url', 'link', 'archive url']);
define('other', [
  'beta',
  'betas',
  'beta d by',
  'beta reader',
  'beta readers',
  'betaed by',
  'beta by',
  'feedback',
  'archive',
  'archiving',
  'dedication',
  'dedicated to',
  'written for',
  'prompt',
  'prompts',
  'request',
  'requested by',
  'challenge',
  'email',
  'e mail',
  'collections',
  'recipient',
  'recipients',
  'inspired by',
  'thanks',
]);

/** Normalize a label as written (`**Author's Notes**`, `A/N`, `Pairing(s)`) to a key of the label table. */
export function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/[’']/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function meaningOfLabel(label: string): FieldMeaning | null {
  return LABELS[normalizeLabel(label)] ?? null;
}

// Meanings whose values commonly run over several lines.
// (Fandoms and creators are one line: the line after `Fandom: Buffy` is more often a pairing on its own.)
const MULTILINE = new Set<FieldMeaning>([
  'summary',
  'notes',
  'endNotes',
  'disclaimer',
  'warnings',
  'characters',
  'relationships',
  'genres',
  'freeforms',
  'timeline',
  'other',
]);

/** A pairing written alone on a header line, with no key: `Willow x Spike`, `Spike/Buffy`. */
const BARE_PAIRING =
  /^[\p{Lu}][\p{L}.'-]*(?: [\p{Lu}][\p{L}.'-]*)?\s*(?:\/|\s[x×]\s|&)\s*[\p{Lu}][\p{L}.'-]*(?: [\p{Lu}][\p{L}.'-]*)?$/u;

const KEY_LINE = /^[\s*_~#>]*([A-Za-z][A-Za-z0-9'’ ()/&.-]{0,32}?)[\s*_~]*[:：][\s*_~]*(.*)$/;
const BOLD_KEY = /^\s*(?:\*\*|__)([A-Za-z][A-Za-z0-9'’ ()/&.-]{0,32}?)(?:\*\*|__)\s*(?:[-–—]\s*)?(.+)$/;
const DASH_KEY = /^\s*([A-Za-z][A-Za-z'’ ]{0,20}?)\s+[-–—]\s+(.+)$/;

export interface KeyLine {
  label: string;
  meaning: FieldMeaning;
  value: string;
}

/** A `Key: value` line in any of the forms headers use, when the key is one a header would hold. */
export function matchKeyLine(line: string): KeyLine | null {
  const match = KEY_LINE.exec(line) ?? BOLD_KEY.exec(line) ?? DASH_KEY.exec(line);
  if (!match) return null;
  const label = squeezeSpaces(match[1] ?? '');
  const meaning = meaningOfLabel(label);
  if (!meaning) return null;
  const value = squeezeSpaces((match[2] ?? '').replace(/^[*_~]+|[*_~]+$/g, ''));
  // `By the time she arrived: ...` is a sentence, not a key; keys are short and the colon follows them closely.
  if (label.split(' ').length > 4) return null;
  return { label, meaning, value };
}

// Labels a header may write with no colon at all (`Title Salt Lines`, `RATING PG-13`). Only labels that rarely
// open a sentence: `Set the table.`, `Note the time.` and `Words failed her.` are story.
const LOOSE_LABELS = new Set([
  'title',
  'author',
  'authors',
  'writer',
  'pseud',
  'fandom',
  'fandoms',
  'pairing',
  'pairings',
  'pairing s',
  'relationship',
  'relationships',
  'relationship s',
  'characters',
  'character s',
  'rating',
  'rated',
  'warning',
  'warnings',
  'content warning',
  'content warnings',
  'genre',
  'genres',
  'summary',
  'disclaimer',
  'spoilers',
  'timeline',
  'category',
  'categories',
  'word count',
  'status',
]);
const LOOSE_FIRST_WORDS = new Set([...LOOSE_LABELS].map((label) => label.split(' ')[0] as string));
const FIRST_WORD = /^[A-Z][A-Za-z]*/;
const LOOSE_WORD = /^([A-Za-z][A-Za-z'’()]*)[ \t]+(\S.*)$/;
const LEADING_DECORATION = /^[\s*_~#>]+/;

/**
 * A header line with no colon: a label from a short list, capitalized, then white space and the value. Only
 * trusted inside a block that holds at least two of them.
 */
export function matchLooseKeyLine(line: string): KeyLine | null {
  if (line.length > 300) return null;
  const text = line.replace(LEADING_DECORATION, '');
  // Most lines are story: a set lookup on the first word turns them away before any other work.
  const firstWord = FIRST_WORD.exec(text)?.[0];
  if (!firstWord || !LOOSE_FIRST_WORDS.has(firstWord.toLowerCase())) return null;
  const first = LOOSE_WORD.exec(text);
  if (!first) return null;
  const second = LOOSE_WORD.exec(first[2] as string);
  const pick = (label: string, value: string): KeyLine | null => {
    const meaning = LOOSE_LABELS.has(normalizeLabel(label)) ? meaningOfLabel(label) : null;
    return meaning ? { label, meaning, value: squeezeSpaces(value) } : null;
  };
  return (
    (second ? pick(`${first[1]} ${second[1]}`, second[2] as string) : null) ??
    pick(first[1] as string, first[2] as string)
  );
}

/** Keys without colons count in a block only when at least two lines of it are such keys. */
function allowsLooseKeys(lines: readonly string[]): boolean {
  let loose = 0;
  for (let i = 0; i < lines.length && i < 40; i++) {
    const line = lines[i] as string;
    if (matchLooseKeyLine(line) && !matchKeyLine(line) && ++loose >= 2) return true;
  }
  return false;
}

const looseOrStrictKey = (line: string): KeyLine | null => matchKeyLine(line) ?? matchLooseKeyLine(line);

function keyMatcher(lines: readonly string[]): (line: string) => KeyLine | null {
  return allowsLooseKeys(lines) ? looseOrStrictKey : matchKeyLine;
}

// A value continued on the next line is a hard-wrapped header value; a longer line is the story starting.
const CONTINUATION_MAX = 100;

/**
 * How many leading lines of a group of consecutive lines are a header: up to three title or `by` lines, then
 * key lines, keyless pairings and the lines that continue a multi-line value. 0 when the group opens with no
 * key. Plain-text readers use it to keep a header apart from story lines that follow with no blank line.
 */
export function countHeaderLines(lines: readonly string[]): number {
  let index = 0;
  // A title or `by` line reads like a name, not a sentence.
  while (index < 3 && index < lines.length && !looseOrStrictKey(lines[index] as string)) {
    const line = (lines[index] as string).trim();
    if (line.length > 150 || (/[.!?,;:"”]$/.test(line) && !line.endsWith('...'))) return 0;
    index++;
  }
  const firstKey = lines[index];
  if (firstKey === undefined || !looseOrStrictKey(firstKey)) return 0;
  const keyOf = keyMatcher(lines);
  if (!keyOf(firstKey)) return 0;
  let open = false;
  for (; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (!line) continue;
    const key = keyOf(line);
    if (key) {
      open = MULTILINE.has(key.meaning);
      continue;
    }
    if (BARE_PAIRING.test(line)) {
      open = false;
      continue;
    }
    if (open && line.length <= CONTINUATION_MAX) continue;
    break;
  }
  return index;
}

const DISCLAIMER_CUES =
  /\b(?:(?:do|does|did)(?: not|n['’]t) own|not mine|belongs? to|(?:is|are) the property of|property of|no (?:copyright )?infringement|no profit|not making (?:any )?money|owned by|all rights reserved|copyright)\b/i;

// Dialogue: `"It's not mine," Willow said.` and `The sword belongs to her, Buffy said.` are story, not disclaimers.
const DIALOGUE_CUES =
  /^\s*["“'‘]|[,!?]["”]|\b(?:said|says|asked|asks|whispered|replied|muttered|shouted|thought)\b/i;

/** A paragraph that only says who owns the characters. */
export function isDisclaimerParagraph(text: string): boolean {
  return text.length < 800 && DISCLAIMER_CUES.test(text) && !DIALOGUE_CUES.test(text);
}

const TITLE_BY_AUTHOR = /^\s*(.{1,150}?)\s+by\s+([^.!?]{1,80})\s*$/i;

/** `Title by Author` alone on a line. The title must not read like a sentence. */
export function matchTitleByAuthor(line: string): { title: string; creator: string } | null {
  const match = TITLE_BY_AUTHOR.exec(line);
  if (!match) return null;
  const title = squeezeSpaces(match[1] ?? '').replace(/^["“]|["”]$/g, '');
  const creator = squeezeSpaces(match[2] ?? '');
  if (!title || !creator || creator.split(' ').length > 6) return null;
  if (/[.!?,]$/.test(title) && !/\.\.\.$/.test(title)) return null;
  // A sentence such as "She was hit by a car" has lower-case function words near the start and a lower-case creator.
  if (/^[a-z]/.test(creator) && !/^[a-z0-9_]+$/i.test(creator.replace(/[ .-]/g, ''))) return null;
  if (/^(?:the|a|an|her|his|their|my|our|your|its)$/i.test(creator.split(' ')[0] ?? '')) return null;
  // `Stand by Me`, `Written by You`: a pronoun is no author.
  if (/^(?:me|you|him|her|us|them|it|myself|yourself)$/i.test(creator)) return null;
  return { title, creator };
}

export interface ParsedHeader {
  fields: SourceField[];
  /** How many leading blocks the header used. */
  consumed: number;
  /** Story lines that shared the header's last block, to put back in front of the story. */
  remainder: string | null;
}

/**
 * Read the header at the start of a story: `Key: value` lines (values may run over several lines),
 * a `Title by Author` line or `Title` / `by Author` pair, and a disclaimer paragraph. Stops at the first
 * block that is story text. Never takes a title from the story's first sentence.
 */
export function parseHeader(
  blocks: readonly Block[],
  isChapterHeading: (text: string) => boolean,
): ParsedHeader {
  const fields: SourceField[] = [];
  let open: SourceField | null = null; // the field a following line may continue
  let openMeaning: FieldMeaning | null = null;
  let emptyValue = false; // the last key had no value on its line: its value is the next block
  let consumed = 0;
  let lineNumber = 0;
  let sawTitle = false;
  let remainder: string | null = null;

  const add = (label: string, value: string, origin: string): SourceField => {
    const field: SourceField = { label, value, origin };
    fields.push(field);
    return field;
  };

  for (let index = 0; index < blocks.length && index < 80; index++) {
    const block = blocks[index] as Block;
    if (block.type === 'break') {
      if (fields.length > 0) {
        consumed = index + 1;
        break;
      }
      // Decoration before anything else.
      consumed = index + 1;
      continue;
    }
    const text = block.text;
    const lines = text.split('\n');
    if (block.type === 'heading' || lines.length === 1) {
      const only = lines[0] ?? '';
      if (isChapterHeading(only) && !matchKeyLine(only)) break;
    }
    // A document's first heading (Word's Title style, an <h1>) is its title, not a sentence of the story.
    if (
      block.type === 'heading' &&
      index === consumed &&
      !sawTitle &&
      fields.length === 0 &&
      text.length <= 150
    ) {
      const byAuthor = matchTitleByAuthor(text);
      add('Title', byAuthor?.title ?? text, `heading ${index + 1}`);
      if (byAuthor) add('Author', byAuthor.creator, `heading ${index + 1}`);
      sawTitle = true;
      consumed = index + 1;
      continue;
    }

    // A key line with nothing after it takes the next block as its value (`Summary:` then a paragraph).
    if (emptyValue && open && !matchKeyLine(lines[0] ?? '') && block.type === 'paragraph') {
      open.value = squeezeSpaces(text.replace(/\n/g, ' '));
      lineNumber += lines.length;
      emptyValue = false;
      consumed = index + 1;
      continue;
    }

    const keyOf = keyMatcher(lines);
    let keyLines = 0;
    let storyFrom = -1; // index of the first story line after the keys, when a block mixes the two
    const before: string[] = []; // lines ahead of the first key (a title line, a `by` line)
    for (let l = 0; l < lines.length; l++) {
      lineNumber++;
      const line = (lines[l] as string).trim();
      if (!line) continue;
      const key = keyOf(line);
      if (key) {
        keyLines++;
        const field = add(key.label, key.value, `header line ${lineNumber}`);
        open = MULTILINE.has(key.meaning) ? field : null;
        openMeaning = key.meaning;
        // `Summary:` alone on its line: the summary is the next paragraph. `Status:` alone is just empty.
        emptyValue = key.value === '' && MULTILINE.has(key.meaning);
        if (key.meaning === 'title') sawTitle = true;
        continue;
      }
      if (keyLines === 0) {
        before.push(line);
        continue;
      }
      if (BARE_PAIRING.test(line)) {
        add('Pairing', line, `header line ${lineNumber} (a pairing with no key)`);
        open = null;
        continue;
      }
      if (open) {
        // A continuation of the previous value, inside the same block.
        open.value = open.value ? `${open.value} ${line}` : line;
        emptyValue = false;
        if (openMeaning === 'title') open = null;
        continue;
      }
      storyFrom = l;
      lineNumber += lines.length - l - 1;
      break;
    }

    if (keyLines > 0) {
      if (before.length > 0) {
        const titleFields =
          readTitleLines(before, sawTitle, lineNumber - lines.length + 1) ??
          // One short line right above the keys is the title.
          (before.length === 1 &&
          !sawTitle &&
          (before[0] as string).length <= 100 &&
          !/[.!?,;:"”]$/.test(before[0] as string)
            ? [
                {
                  label: 'Title',
                  value: squeezeSpaces(before[0] as string),
                  origin: `header line ${lineNumber - lines.length + 1}`,
                },
              ]
            : null);
        if (!titleFields) {
          // Story text ahead of the keys: this is no header block after all.
          fields.splice(fields.length - keyLines, keyLines);
          break;
        }
        fields.splice(fields.length - keyLines, 0, ...titleFields);
        sawTitle = true;
      }
      consumed = index + 1;
      if (storyFrom >= 0) {
        remainder = lines.slice(storyFrom).join('\n');
        break;
      }
      continue;
    }

    // No key line in this block.
    if (index <= 3 && !sawTitle && fields.every((field) => meaningOfLabel(field.label) === 'disclaimer')) {
      const titleFields = readTitleLines(lines, false, lineNumber - lines.length + 1, blocks[index + 1]);
      if (titleFields) {
        fields.push(...titleFields);
        sawTitle = true;
        // `Title` then `by Author` in the next block.
        const usedNext = titleFields.some((field) => field.origin.endsWith('(next line)'));
        consumed = index + (usedNext ? 2 : 1);
        if (usedNext) index++;
        open = null;
        continue;
      }
    }
    if (index <= 6 && isDisclaimerParagraph(text) && text.length < 800) {
      add('Disclaimer', squeezeSpaces(text.replace(/\n/g, ' ')), `paragraph ${index + 1}`);
      consumed = index + 1;
      open = null;
      continue;
    }
    break;
  }
  return { fields, consumed, remainder };
}

/**
 * Lines that give a title and author without keys: `Title by Author`, or `Title` followed by `by Author`
 * (FanFicFare's text output). A lone line is a title only when the next line names the author.
 */
function readTitleLines(
  lines: string[],
  sawTitle: boolean,
  firstLine: number,
  nextBlock?: Block,
): SourceField[] | null {
  if (sawTitle) {
    const byLine = lines.length === 1 ? /^by:?\s+(.{1,80})$/i.exec(lines[0]?.trim() ?? '') : null;
    return byLine
      ? [{ label: 'by', value: squeezeSpaces(byLine[1] ?? ''), origin: `header line ${firstLine}` }]
      : null;
  }
  const nonEmpty = lines.map((line) => line.trim()).filter(Boolean);
  if (nonEmpty.length === 1) {
    const titleByAuthor = matchTitleByAuthor(nonEmpty[0] as string);
    if (titleByAuthor) {
      const origin = `header line ${firstLine} (Title by Author)`;
      return [
        { label: 'Title', value: titleByAuthor.title, origin },
        { label: 'Author', value: titleByAuthor.creator, origin },
      ];
    }
    const next =
      nextBlock?.type === 'paragraph' || nextBlock?.type === 'heading' ? nextBlock.text.trim() : '';
    // A short line straight before a block of header keys is the title (`Corner Office` then `Rated: ...`).
    const line = nonEmpty[0] as string;
    const firstNext = next.split('\n')[0] ?? '';
    if (
      line.length <= 100 &&
      !/[.!?,;:"”]$/.test(line) &&
      matchKeyLine(firstNext) &&
      !/^by:?\s/i.test(firstNext)
    ) {
      return [{ label: 'Title', value: squeezeSpaces(line), origin: `header line ${firstLine}` }];
    }
    const byNext = /^by:?\s+(.{1,80})$/i.exec(next);
    if (byNext && (nonEmpty[0] as string).length <= 150) {
      return [
        { label: 'Title', value: squeezeSpaces(nonEmpty[0] as string), origin: `header line ${firstLine}` },
        {
          label: 'by',
          value: squeezeSpaces(byNext[1] ?? ''),
          origin: `header line ${firstLine + 1} (next line)`,
        },
      ];
    }
  }
  if (nonEmpty.length === 2) {
    const byLine = /^by:?\s+(.{1,80})$/i.exec(nonEmpty[1] as string);
    if (byLine && (nonEmpty[0] as string).length <= 150 && !/[.!?]$/.test(nonEmpty[0] as string)) {
      return [
        { label: 'Title', value: squeezeSpaces(nonEmpty[0] as string), origin: `header line ${firstLine}` },
        { label: 'by', value: squeezeSpaces(byLine[1] ?? ''), origin: `header line ${firstLine + 1}` },
      ];
    }
  }
  return null;
}
