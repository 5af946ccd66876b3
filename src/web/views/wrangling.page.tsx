import { TAG_KINDS } from '../../domain/tag-kinds.ts';
import type { SuggestedTag } from '../../services/moderation/suggested-tags.service.ts';
import type { UnmappedTag } from '../../services/tag.service.ts';
import { Csrf, Problems } from './account.page.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

const ACTIONS = [
  ['map', 'Map to the canonical tag'],
  ['synonym', 'Make a synonym of'],
  ['merge', 'Merge into'],
  ['rename', 'Rename to'],
] as const;

/** Unmapped tags with their work counts, filtered by kind and fandom, each with the wrangling form. */
export function WranglingPage({
  ctx,
  csrf,
  tags,
  kind,
  fandom,
  notice,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  tags: UnmappedTag[];
  kind?: string;
  fandom?: string;
  notice?: string;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title="Tag wrangling" noindex>
      <h1>Tag wrangling</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <Problems problems={problems} />
      <p>
        <a href="/tags/wrangle/suggested">Suggested tags to confirm or reject</a> ·{' '}
        <a href="/tags/wrangle/possible">Possible tags to add or dismiss</a>
      </p>
      <form method="get" action="/tags/wrangle" class="filters">
        <label>
          Kind{' '}
          <select name="kind">
            <option value="">any</option>
            {TAG_KINDS.map((value) => (
              <option value={value} selected={kind === value}>
                {value}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Fandom <input type="text" name="fandom" value={fandom ?? ''} maxLength={200} />
        </label>{' '}
        <button type="submit">Filter</button>
      </form>
      {tags.length === 0 ? <p>No unmapped tags.</p> : null}
      <table class="wrangling">
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Kind</th>
            <th scope="col">Works</th>
            <th scope="col">Wrangle</th>
          </tr>
        </thead>
        <tbody>
          {tags.map((tag) => (
            <tr>
              <td>{tag.name}</td>
              <td>{tag.kind}</td>
              <td>{tag.works}</td>
              <td>
                <form method="post" action="/tags/wrangle">
                  <Csrf value={csrf} />
                  <input type="hidden" name="tag" value={tag.name} />
                  <input type="hidden" name="kind" value={tag.kind} />
                  <select name="action" aria-label={`What to do with ${tag.name}`}>
                    {ACTIONS.map(([value, text]) => (
                      <option value={value}>{text}</option>
                    ))}
                  </select>{' '}
                  <input
                    type="text"
                    name="target"
                    required
                    maxLength={200}
                    aria-label={`Tag for ${tag.name}`}
                    data-autocomplete={tag.kind}
                  />{' '}
                  <button type="submit">Apply</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

function describeEvidence(evidence: SuggestedTag['evidence'][number]): string {
  if (evidence.source === 'text') return `“${evidence.quote}” (chapter ${evidence.chapter})`;
  if (evidence.source === 'header') return `${evidence.label}: ${evidence.value}`;
  return evidence.reason;
}

/**
 * A wrangler's queue of tags on works: each with its passages and a form per decision, posted to
 * `PATH/WORK/DECISION`, and the pages.
 */
export function TagQueue({
  path,
  csrf,
  tags,
  page,
  more,
  decisions,
  describe,
}: {
  path: string;
  csrf: string;
  tags: (Omit<SuggestedTag, 'kind'> & { kind: string })[];
  page: number;
  more: boolean;
  decisions: [action: string, label: string][];
  /** A few words after the tag's name, when the queue says more of it. */
  describe?: (index: number) => string;
}) {
  return (
    <>
      <ul class="suggested-tags">
        {tags.map((tag, index) => (
          <li>
            <p>
              <a href={`/works/${tag.workId}`}>{tag.title}</a>: {tag.kind} <strong>{tag.name}</strong>
              {describe ? ` ${describe(index)}` : null}
            </p>
            {tag.evidence.length > 0 ? (
              <ul>
                {tag.evidence.slice(0, 3).map((evidence) => (
                  <li>{describeEvidence(evidence)}</li>
                ))}
              </ul>
            ) : null}
            {decisions.map(([action, label]) => (
              <form method="post" action={`${path}/${tag.workId}/${action}`} class="inline">
                <Csrf value={csrf} />
                <input type="hidden" name="kind" value={tag.kind} />
                <input type="hidden" name="name" value={tag.name} />
                <button type="submit">
                  {label} {tag.name}
                </button>
              </form>
            ))}
          </li>
        ))}
      </ul>
      <nav aria-label="Pages">
        {page > 1 ? <a href={`${path}?page=${page - 1}`}>Previous</a> : null}{' '}
        {more ? <a href={`${path}?page=${page + 1}`}>Next</a> : null}
      </nav>
    </>
  );
}

/** Tags the analysis inferred on imported works, with their passages, to confirm or reject. */
export function SuggestedTagsPage({
  ctx,
  csrf,
  tags,
  page,
  more,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  tags: SuggestedTag[];
  page: number;
  more: boolean;
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Suggested tags" noindex>
      <h1>Suggested tags</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <p>
        Tags Quire inferred on imported works that no one has confirmed. Confirming keeps the tag; rejecting
        takes it off the work and keeps it off.
      </p>
      {tags.length === 0 ? <p>No tags wait for review.</p> : null}
      <TagQueue
        path="/tags/wrangle/suggested"
        csrf={csrf}
        tags={tags}
        page={page}
        more={more}
        decisions={[
          ['confirm', 'Confirm'],
          ['reject', 'Reject'],
        ]}
      />
    </Layout>
  );
}
