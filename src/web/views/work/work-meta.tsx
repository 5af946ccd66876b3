import type { TagKind } from '../../../domain/tag-kinds.ts';
import type { Evidence } from '../../../ingest/story.ts';
import type { TagView, WorkSummary } from '../../../repositories/work-view.ts';
import type { SeriesNeighbours } from '../../../services/catalog.service.ts';
import type { ReaderSettings } from '../../reader-settings.ts';
import { HiddenTags, TagLink, WorkStats } from '../blurb.tsx';
import { SeriesNav } from './series-nav.tsx';

const META_KINDS: [TagKind, string, string][] = [
  ['rating', 'Rating', 'Ratings'],
  ['warning', 'Archive Warning', 'Archive Warnings'],
  ['category', 'Category', 'Categories'],
  ['fandom', 'Fandom', 'Fandoms'],
  ['relationship', 'Relationship', 'Relationships'],
  ['character', 'Character', 'Characters'],
  ['freeform', 'Additional Tags', 'Additional Tags'],
];

function describeEvidence(evidence: Evidence): string {
  if (evidence.source === 'header') return `The work's header: "${evidence.label}: ${evidence.value}"`;
  if (evidence.source === 'rule') return evidence.reason;
  return `Chapter ${evidence.chapter}: “${evidence.quote}”`;
}

/** Quire's suggestions carry their passages, opened on demand (a disclosure, so it works without JavaScript). */
function TagWithEvidence({ tag }: { tag: TagView }) {
  const passages = tag.evidence.filter((evidence) => evidence.source !== 'header');
  if (tag.source !== 'inferred' || passages.length === 0) return <TagLink tag={tag} />;
  return (
    <span class="inferred-tag">
      <TagLink tag={tag} />
      <details class="evidence">
        <summary>
          <span class="sr-only">Why Quire suggests {tag.name}: </span>
          <span aria-hidden="true">why?</span>
        </summary>
        <ul>
          {passages.map((evidence, index) => (
            <li key={index}>{describeEvidence(evidence)}</li>
          ))}
        </ul>
      </details>
    </span>
  );
}

/** Ratings, warnings and categories are AO3's fixed names: a file's own spelling ("NC-17") is not shown. */
const FIXED_KINDS: ReadonlySet<TagKind> = new Set(['rating', 'warning', 'category']);

/** A work's tags of one kind as the page shows them: the fixed kinds by their AO3 names, once each. */
function tagsOfKind(work: WorkSummary, kind: TagKind): TagView[] {
  const tags = work.tags.filter((tag) => tag.kind === kind);
  if (!FIXED_KINDS.has(kind)) return tags;
  const seen = new Set<number>();
  return tags.flatMap((tag) => {
    if (seen.has(tag.canonicalId)) return [];
    seen.add(tag.canonicalId);
    return [{ ...tag, name: tag.canonicalName }];
  });
}

/** One kind's tags, the main pairing marked. */
function MetaTagList({ tags }: { tags: TagView[] }) {
  return (
    <ul class="tags commas">
      {tags.map((tag) => (
        <li key={tag.id} class={tag.kind === 'relationship' && tag.main ? 'main-pairing' : undefined}>
          <TagWithEvidence tag={tag} />
          {tag.kind === 'relationship' && tag.main ? <span class="badge">main pairing</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * AO3's tag block: every tag grouped by kind, then series and stats. Warnings and additional tags the
 * reader hides stay behind a "Show" button; on a chapter page after the first the whole block is folded,
 * so the chapter's heading is on the first screen of a phone.
 */
export function WorkMeta({
  work,
  series,
  settings,
  folded = false,
}: {
  work: WorkSummary;
  series: SeriesNeighbours[];
  settings: ReaderSettings;
  folded?: boolean;
}) {
  const hasInferred = work.tags.some((tag) => tag.source === 'inferred');
  const hidden: Partial<Record<TagKind, string>> = {
    ...(settings.hideWarnings ? { warning: 'Show warnings' } : {}),
    ...(settings.hideFreeforms ? { freeform: 'Show additional tags' } : {}),
  };
  const block = (
    <>
      <dl class="meta">
        {META_KINDS.map(([kind, one, many]) => {
          const tags = tagsOfKind(work, kind);
          if (tags.length === 0) return null;
          const hide = hidden[kind];
          return (
            <div key={kind} class={`meta-${kind}`}>
              <dt>{hide ? many : tags.length === 1 ? one : many}:</dt>
              <dd>{hide ? <HiddenTags label={hide} tags={tags} /> : <MetaTagList tags={tags} />}</dd>
            </div>
          );
        })}
        {work.series.length > 0 ? (
          <div>
            <dt>Series:</dt>
            <dd>
              <SeriesNav series={series} label="Series" />
            </dd>
          </div>
        ) : null}
      </dl>
      <WorkStats work={work} full />
      {hasInferred ? (
        <p class="inferred-note">
          <span class="tag tag-inferred">Dashed tags</span> were suggested by Quire from the text, not given
          by the author; open “why?” to see the passages.
        </p>
      ) : null}
    </>
  );
  if (folded)
    return (
      <details class="work-meta">
        <summary>Work tags and stats</summary>
        {block}
      </details>
    );
  return (
    <div class="work-meta">
      <h2 class="sr-only">Work tags</h2>
      {block}
    </div>
  );
}
