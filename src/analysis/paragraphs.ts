import type { Evidence } from '../ingest/story.ts';
import type { CueKind } from './cues/cue.ts';
import { type ChapterText, type CueHit, passageEvidence } from './passages.ts';

/** A paragraph's cue weights by kind, and where the strongest cues are. */
export interface Passage {
  chapter: number;
  start: number;
  end: number;
  weights: Partial<Record<CueKind, number>>;
  hits: CueHit[];
}

/** The paragraph (text between blank lines) a span stands in, as offsets. */
export function paragraphAround(text: string, start: number, end: number): { start: number; end: number } {
  const before = text.lastIndexOf('\n\n', start);
  const after = text.indexOf('\n\n', end);
  return { start: before === -1 ? 0 : before + 2, end: after === -1 ? text.length : after };
}

/** The cue hits grouped by the paragraph (text between blank lines) they stand in. */
export function groupByParagraph(texts: readonly ChapterText[], hits: readonly CueHit[]): Passage[] {
  const passages: Passage[] = [];
  let current: Passage | null = null;
  for (const hit of hits) {
    const text = texts[hit.chapter - 1]?.text ?? '';
    if (!current || current.chapter !== hit.chapter || hit.start >= current.end) {
      current = { chapter: hit.chapter, ...paragraphAround(text, hit.start, hit.end), weights: {}, hits: [] };
      passages.push(current);
    }
    current.weights[hit.kind] = (current.weights[hit.kind] ?? 0) + hit.weight;
    current.hits.push(hit);
  }
  return passages;
}

export const weightOf = (passage: Passage, kind: CueKind) => passage.weights[kind] ?? 0;

/** A passage's first cue of a kind, quoted as evidence. */
export function cite(texts: readonly ChapterText[], passage: Passage, kind: CueKind): Evidence {
  const hit = passage.hits.find((candidate) => candidate.kind === kind) ?? (passage.hits[0] as CueHit);
  return passageEvidence(texts, hit, `${kind}: ${hit.match}`);
}

/** The passages with the most of a kind, strongest first, quoted as evidence. */
export function strongestOf(
  texts: readonly ChapterText[],
  passages: readonly Passage[],
  kind: CueKind,
  limit = 3,
): Evidence[] {
  return passages
    .filter((passage) => weightOf(passage, kind) > 0)
    .sort((a, b) => weightOf(b, kind) - weightOf(a, kind))
    .slice(0, limit)
    .map((passage) => cite(texts, passage, kind));
}
