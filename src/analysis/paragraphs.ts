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

/** The cue hits grouped by the paragraph (text between blank lines) they stand in. */
export function groupByParagraph(texts: readonly ChapterText[], hits: readonly CueHit[]): Passage[] {
  const passages: Passage[] = [];
  let current: Passage | null = null;
  for (const hit of hits) {
    const text = texts[hit.chapter - 1]?.text ?? '';
    if (!current || current.chapter !== hit.chapter || hit.start >= current.end) {
      const start = text.lastIndexOf('\n\n', hit.start) + 1;
      const endIndex = text.indexOf('\n\n', hit.end);
      current = {
        chapter: hit.chapter,
        start: start === 0 ? 0 : start + 1,
        end: endIndex === -1 ? text.length : endIndex,
        weights: {},
        hits: [],
      };
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
