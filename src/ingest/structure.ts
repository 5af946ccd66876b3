import {
  type EndSignal,
  isAuthorNote,
  matchChapterHeading,
  matchTrailer,
  splitChapters,
  stripNoteLabel,
} from './chapters.ts';
import { isFfnetInfoLine, readFfnetInfo } from './ffnet-info.ts';
import { parseHeader } from './header/parse-header.ts';
import { interpretFields } from './interpret.ts';
import { detectLanguage } from './language.ts';
import type { Block, DraftChapter, Evidence, RawChapter, RawStory, SourceField, WorkDraft } from './story.ts';
import { countWords, escapeHtml } from './text.ts';

/**
 * Apply the header and body conventions of FORMATS.md to what a format reader found: read the header,
 * split chapters, separate notes and trailers from story text, decide complete or in progress, count words
 * and detect the language.
 */
export function structureStory(raw: RawStory): WorkDraft {
  const notices = [...raw.notices];
  let chapters: RawChapter[] = raw.chapters.map((chapter) => ({ ...chapter, blocks: [...chapter.blocks] }));
  const fields: SourceField[] = [...raw.fields];

  // The header sits at the start of the first chapter's text, whoever delimited the chapters.
  const first = chapters[0];
  if (first) {
    const header = parseHeader(first.blocks, (line) => matchChapterHeading(line) !== null);
    if (header.fields.length > 0) {
      for (const field of header.fields) {
        // A fanfiction.net info line pasted into the text says rating, language, genres and characters at once.
        if (isFfnetInfoLine(field.label, field.value))
          fields.push(...readFfnetInfo(`Rated: ${field.value}`, field.origin));
        else fields.push(field);
      }
      const rest = first.blocks.slice(header.consumed);
      if (header.remainder) rest.unshift(paragraph(header.remainder));
      first.blocks = rest;
    }
  }

  const stated = interpretFields(fields);
  const title = raw.title ?? stated.title;
  const creators = raw.creators?.length ? raw.creators : stated.creators;

  const chapterHeading = findChapterNumber(chapters);
  if (!raw.chaptersGiven) {
    const allBlocks = chapters.flatMap((chapter) => chapter.blocks);
    chapters = splitChapters(allBlocks, { workTitle: title, creators });
  }

  let endSignal: { signal: EndSignal; text: string } | null = null;
  const draftChapters: DraftChapter[] = [];
  chapters.forEach((chapter, index) => {
    const cleaned = cleanChapter(chapter);
    if (index === chapters.length - 1 && cleaned.trailer) endSignal = cleaned.trailer;
    draftChapters.push(cleaned.chapter);
  });
  const finalChapters = dropEmptyChapters(draftChapters);

  const evidence: Record<string, Evidence[]> = { ...stated.evidence };
  const partOf =
    raw.partOf ?? findPartOf(raw, stated.chapterCount, chapterHeading, finalChapters.length) ?? undefined;
  const status = decideComplete({ ...raw, partOf }, stated.status, endSignal, finalChapters);
  evidence.complete = [status.evidence];

  const words = finalChapters.reduce((sum, chapter) => sum + chapter.words, 0);
  const language = stated.language ?? detectLanguage(sampleText(finalChapters));
  if (!stated.language) evidence.language = [{ source: 'rule', reason: 'detected from the story text' }];

  if (partOf) {
    const of = partOf.of === null ? 'an unknown number of' : String(partOf.of);
    notices.push(`This file holds only chapter ${partOf.chapter} of ${of} chapters of the work.`);
  }

  return {
    title: title ?? null,
    creators,
    fandoms: stated.fandoms,
    rating: stated.rating ?? { value: 'Not Rated', original: null },
    warnings: stated.warnings,
    categories: stated.categories,
    relationships: stated.relationships,
    characters: stated.characters,
    freeforms: stated.freeforms,
    summary: raw.summary ?? stated.summary,
    notes: raw.notes ?? stated.notes,
    endNotes: raw.endNotes ?? stated.endNotes,
    disclaimer: stated.disclaimer,
    language,
    complete: status.complete,
    completeReason: status.reason,
    words,
    published: stated.published,
    updated: stated.updated,
    series: stated.series,
    sourceUrl: stated.sourceUrl,
    partOf: partOf ?? null,
    chapters: finalChapters,
    fields,
    evidence,
    notices,
  };
}

/**
 * Chapters that turned out empty (a stray heading, a note before the first heading) are dropped, unless
 * nothing else is left; their notes move to the chapter that follows.
 */
function dropEmptyChapters(chapters: DraftChapter[]): DraftChapter[] {
  const kept: DraftChapter[] = [];
  let carriedNotes: string[] = [];
  for (const chapter of chapters) {
    if (chapter.words === 0) {
      carriedNotes.push(...[chapter.notes, chapter.endNotes].filter((note): note is string => Boolean(note)));
      continue;
    }
    if (carriedNotes.length > 0) {
      chapter.notes = [...carriedNotes, chapter.notes].filter(Boolean).join('\n\n');
      carriedNotes = [];
    }
    kept.push(chapter);
  }
  if (kept.length === 0) return chapters.slice(0, 1);
  const last = kept[kept.length - 1] as DraftChapter;
  if (carriedNotes.length > 0) last.endNotes = [last.endNotes, ...carriedNotes].filter(Boolean).join('\n\n');
  return kept;
}

function paragraph(text: string): Block {
  return { type: 'paragraph', text, html: escapeHtml(text).replace(/\n/g, '<br>') };
}

// FanFicFare ends every text download with `End file.`, finished or not: it is no end marker.
const FILE_TRAILER = /^\s*end file\.?\s*$/i;
const NOTES_LABEL = /^\s*(?:author['’]?s['’]? notes?|story notes?|notes?)\s*:\s*$/i;
const END_NOTES_LABEL = /^\s*end notes?\s*:\s*$/i;

interface CleanedChapter {
  chapter: DraftChapter;
  trailer: { signal: EndSignal; text: string } | null;
}

/** Separate a chapter's notes and trailers from its story text, and tidy its scene breaks. */
function cleanChapter(chapter: RawChapter): CleanedChapter {
  const blocks = [...chapter.blocks];
  const notes: string[] = chapter.notes ? [chapter.notes] : [];
  const endNotes: string[] = chapter.endNotes ? [chapter.endNotes] : [];
  let trailer: { signal: EndSignal; text: string } | null = null;

  const textOf = (block: Block | undefined) => (block && block.type !== 'break' ? block.text : '');

  // Leading notes: `A/N: ...`, or an `Author's Notes:` label followed by the note (eFiction).
  while (blocks.length > 0) {
    const head = blocks[0] as Block;
    if (head.type === 'break') {
      blocks.shift();
      continue;
    }
    if (NOTES_LABEL.test(head.text) && blocks.length > 2) {
      blocks.shift();
      const note = blocks.shift();
      if (note && note.type !== 'break') notes.push(note.text);
      continue;
    }
    if (isAuthorNote(head.text) && blocks.length > 1) {
      notes.push(stripNoteLabel(head.text));
      blocks.shift();
      continue;
    }
    break;
  }

  // Trailing: breaks, end notes, continuation trailers and end markers, in any order.
  for (let guard = 0; blocks.length > 0 && guard < 50; guard++) {
    const tail = blocks[blocks.length - 1] as Block;
    if (tail.type === 'break') {
      blocks.pop();
      continue;
    }
    if (FILE_TRAILER.test(tail.text)) {
      blocks.pop();
      continue;
    }
    const signal = matchTrailer(tail.text);
    if (signal) {
      trailer ??= { signal, text: tail.text };
      blocks.pop();
      continue;
    }
    const endLabelIndex = blocks.findIndex(
      (block, i) => i >= blocks.length - 3 && END_NOTES_LABEL.test(textOf(block)),
    );
    if (endLabelIndex >= 0) {
      const taken = blocks.splice(endLabelIndex);
      endNotes.unshift(taken.slice(1).map(textOf).filter(Boolean).join('\n\n'));
      continue;
    }
    if (isAuthorNote(tail.text) && blocks.length > 1) {
      endNotes.unshift(stripNoteLabel(tail.text));
      blocks.pop();
      continue;
    }
    // `The End` followed by nothing but `A/N` was handled above; a last line like `TBC...` inside a
    // paragraph's final line is also a trailer.
    const lines = tail.text.split('\n');
    const lastLine = lines[lines.length - 1] ?? '';
    if (lines.length > 1 && matchTrailer(lastLine)) {
      trailer ??= { signal: matchTrailer(lastLine), text: lastLine };
      const kept = lines.slice(0, -1).join('\n');
      blocks[blocks.length - 1] = paragraph(kept);
      continue;
    }
    break;
  }

  // One break marker between scenes, never two in a row.
  const body: Block[] = [];
  for (const block of blocks) {
    if (block.type === 'break' && body[body.length - 1]?.type === 'break') continue;
    body.push(block);
  }
  const words = body.reduce(
    (sum, block) => sum + (block.type === 'paragraph' ? countWords(block.text) : 0),
    0,
  );
  return {
    chapter: {
      title: chapter.title,
      notes: notes.filter(Boolean).join('\n\n') || null,
      endNotes: endNotes.filter(Boolean).join('\n\n') || null,
      blocks: body,
      words,
    },
    trailer,
  };
}

function decideComplete(
  raw: RawStory,
  stated: { complete: boolean; reason: string } | null,
  endSignal: { signal: EndSignal; text: string } | null,
  chapters: DraftChapter[],
): { complete: boolean; reason: string; evidence: Evidence } {
  const make = (complete: boolean, reason: string) => ({
    complete,
    reason,
    evidence: { source: 'rule', reason } as Evidence,
  });
  // One chapter of a longer work is not the work, whatever the work's own status.
  const part = raw.partOf;
  if (part && part.of !== null && part.chapter < part.of) {
    return make(false, `the file holds chapter ${part.chapter} of ${part.of}, not the last one`);
  }
  if (part && part.of !== null && part.of > 1) {
    return make(false, `the file holds only chapter ${part.chapter} of ${part.of}: the others are not in it`);
  }
  if (part && part.of === null) {
    return make(
      false,
      raw.nextChapterLink
        ? 'the page holds one chapter and links to the next'
        : 'the file holds one chapter of a work whose chapter count is unknown',
    );
  }
  if (stated) return make(stated.complete, `the file says so: ${stated.reason}`);
  if (endSignal?.signal === 'continued') {
    return make(false, `the last chapter ends with a continuation marker ("${endSignal.text}")`);
  }
  if (endSignal?.signal === 'end')
    return make(true, `the last chapter ends with an end marker ("${endSignal.text}")`);
  const cut = stopsMidSentence(chapters[chapters.length - 1]);
  if (cut) return make(false, `the text stops mid-sentence ("…${cut}") with no end marker`);
  return make(
    true,
    chapters.length > 1
      ? `no status or end marker; ${chapters.length} chapters with no continuation marker are taken as complete`
      : 'no status or end marker; a single chapter with no continuation marker is taken as complete',
  );
}

// Words a sentence cannot end on.
const OPEN_ENDED =
  /\b(?:the|a|an|and|or|but|of|to|with|in|on|at|for|from|by|into|onto|his|her|their|its|my|your|our|that|which|who|whose|as|than|if|when|was|were|is|are|had|has|have|be|would|could|should|will|can|not|very|so)$/i;

/**
 * The end of the last paragraph when it stops mid-sentence: after a comma, or on a word no sentence ends
 * on. A last line with no closing punctuation but a full last word (a signature, a line of verse) is left
 * alone.
 */
function stopsMidSentence(chapter: DraftChapter | undefined): string | null {
  const last = chapter?.blocks.findLast((block) => block.type === 'paragraph');
  if (last?.type !== 'paragraph') return null;
  // The end is all it needs: a text on one line may be megabytes long.
  const line = (last.text.slice(-300).trim().split('\n').pop() ?? '').trim();
  if (line.split(/\s+/).length < 5 || !/\p{Ll}/u.test(line)) return null;
  if (!/[,;]$/.test(line) && !OPEN_ENDED.test(line)) return null;
  return line.split(/\s+/).slice(-6).join(' ');
}

/** `Chapter 3 of 12`, or a bare `Chapter 3`, heading the text or given as the chapter's title. */
function findChapterNumber(chapters: RawChapter[]): { chapter: number; of: number | null } | null {
  const first = chapters[0];
  if (!first) return null;
  const lines = [
    first.title ?? '',
    ...first.blocks
      .slice(0, 6)
      .map((block) => (block.type === 'break' ? '' : (block.text.slice(0, 200).split('\n')[0] ?? ''))),
  ];
  for (const line of lines) {
    const match = /^\W*(?:chapter|part)\s+(\d{1,4})(?:\s*(?:of|\/)\s*(\d{1,4}))?\b/i.exec(line.trim());
    if (match) return { chapter: Number(match[1]), of: match[2] ? Number(match[2]) : null };
  }
  return null;
}

/**
 * A file of one chapter says it is part of a longer work: `Chapter 3 of 12`, a page whose chapters the
 * format delimits with `Chapters: 12` in its info, or a link to the next chapter.
 */
function findPartOf(
  raw: RawStory,
  chapterCount: { posted: number; planned: number | null } | null,
  heading: { chapter: number; of: number | null } | null,
  chapters: number,
): { chapter: number; of: number | null } | null {
  if (chapters !== 1) return null;
  if (heading?.of && heading.of > 1) return heading;
  if (raw.chaptersGiven && chapterCount && chapterCount.posted > 1)
    return { chapter: heading?.chapter ?? 1, of: chapterCount.planned ?? chapterCount.posted };
  if (raw.nextChapterLink) return { chapter: heading?.chapter ?? 1, of: null };
  return null;
}

function sampleText(chapters: DraftChapter[]): string {
  let sample = '';
  for (const chapter of chapters) {
    for (const block of chapter.blocks) {
      if (block.type !== 'paragraph') continue;
      sample += `${block.text} `;
      if (sample.length > 3000) return sample;
    }
  }
  return sample;
}
