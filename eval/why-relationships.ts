/**
 * `npm run eval -- --real --relationships`: for each story whose relationships were scored and missed, the
 * pairs the author tagged, the pairs the analysis suggested, and the text's pair scores behind them, to find
 * the kinds of mistakes the relationship analysis makes. Stories are numbered, not named: a file name can
 * hold the answer (see the real set's README).
 */
import { findMentions } from '../src/analysis/characters/mentions.ts';
import { resolveMentions } from '../src/analysis/characters/resolve.ts';
import { charactersPresentedAsChildren } from '../src/analysis/childhood.ts';
import { findCoupleStatements } from '../src/analysis/couple-statements.ts';
import type { Knowledge } from '../src/analysis/knowledge.ts';
import { chapterTexts, scanCues } from '../src/analysis/passages.ts';
import { scoreRelationships } from '../src/analysis/relationships.ts';
import type { TaggedWork } from '../src/analysis/tag-work.ts';
import type { Prediction } from './score.ts';
import { fandomsAllKnown, type RealLabels, relationshipOf } from './score-real.ts';

/** The top pairs of one story's text with what scored them, as lines. */
export function explainRelationships(
  tagged: TaggedWork,
  knowledge: Knowledge,
  labelled: readonly string[],
  shown = 8,
): string[] {
  const texts = chapterTexts(tagged.draft.chapters);
  const counts = resolveMentions(findMentions(texts, knowledge), {
    fandoms: new Set(tagged.fandoms),
    chapterCount: texts.length,
  });
  const children = charactersPresentedAsChildren(texts, counts);
  const mentions = (name: string) =>
    [...counts.values()].find((entry) => entry.character.name === name)?.total ?? 0;
  const scored = scoreRelationships(texts, counts, scanCues(texts));
  const lines: string[] = [];
  const mentioned = [...counts.values()].flatMap((entry) => entry.mentions);
  for (const statement of findCoupleStatements(texts, mentioned)) {
    const quote = texts[statement.chapter - 1]?.text.slice(statement.start, statement.end) ?? '';
    lines.push(`    statement${statement.inDialogue ? ' (speech)' : ''}: ${quote.replace(/\s+/g, ' ')}`);
  }
  const top = [...counts.values()].sort((a, b) => b.total - a.total).slice(0, 6);
  lines.push(`    people: ${top.map((entry) => `${entry.character.short} ${entry.total}`).join(', ')}`);
  if (children.size > 0) lines.push(`    children: ${[...children].map((child) => child.short).join(', ')}`);
  const suggested = tagged.relationships;
  const interesting = (relationship: (typeof scored)[number], index: number) =>
    index < shown || (relationship.own > 0 && !suggested.includes(relationship.tag));
  for (const relationship of scored.filter(interesting)) {
    const members = relationship.members.map((member) => mentions(member.name)).join('/');
    const cues = relationship.evidence
      .map((evidence) => (evidence.source === 'text' ? evidence.cue : ''))
      .filter(Boolean)
      .slice(0, 4)
      .join('; ');
    // `*` suggested, `L` the author's, `=` both.
    const ours = suggested.includes(relationship.tag);
    const theirs = labelled.includes(relationship.tag);
    const mark = ours && theirs ? '=' : ours ? '*' : theirs ? 'L' : ' ';
    lines.push(
      `   ${mark}${relationship.tag} ${relationship.kind} score ${relationship.score.toFixed(1)}${relationship.decisive ? ' decisive' : ''}${relationship.own ? ` own ${relationship.own}` : ''}${relationship.now ? ` now ${relationship.now}` : ''} mentions ${members}  ${cues}`,
    );
  }
  return lines;
}

/** The stories whose relationships or main relationship the analysis got wrong, each explained. */
export function relationshipMisses(
  items: readonly { labels: RealLabels; tagged: TaggedWork; prediction: Prediction }[],
  knowledge: Knowledge,
): string[] {
  const lines: string[] = ['\nrelationship mistakes (- missed, + not the author’s)'];
  items.forEach(({ labels, tagged, prediction }, index) => {
    if (!labels.relationships || !fandomsAllKnown(labels.fandoms ?? [], knowledge)) return;
    const want = labels.relationships
      .filter((tag) => tag.includes('/'))
      .map((tag) => relationshipOf(tag, knowledge));
    const got = prediction.relationships;
    const wantMain = labels.main_relationship ? relationshipOf(labels.main_relationship, knowledge) : null;
    const wrong = [
      ...want.filter((tag) => !got.includes(tag)).map((tag) => `-${tag}`),
      ...got.filter((tag) => !want.includes(tag)).map((tag) => `+${tag}${reasonOf(tagged, tag)}`),
    ];
    const mainWrong = wantMain !== null && prediction.mainRelationship !== wantMain;
    if (wrong.length === 0 && !mainWrong && !process.env.ALL && !(process.env.GEN && want.length === 0))
      return;
    lines.push(
      `#${index} ${wrong.join(' ')}${mainWrong ? `  main ${prediction.mainRelationship ?? 'none'} (labelled ${wantMain})` : ''}`,
    );
    lines.push(...explainRelationships(tagged, knowledge, want));
  });
  return lines;
}

/** What made the analysis suggest a pairing: the rule behind it, as short as it goes. */
function reasonOf(tagged: TaggedWork, tag: string): string {
  const suggestion = tagged.analysis.relationships.find((relationship) => relationship.value === tag);
  const rule = suggestion?.evidence.find((evidence) => evidence.source === 'rule');
  return rule?.source === 'rule' ? ` (${rule.reason})` : '';
}
