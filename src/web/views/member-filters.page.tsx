import { RATINGS } from '../../domain/required-tags.ts';
import type {
  ExclusionRow,
  MemberRef,
  SavedFilterRow,
} from '../../services/community/member-filter.service.ts';
import { creatorPath, memberActionPath, reportPath, tagPath } from '../paths.ts';
import { Csrf, Field, PostForm, Problems } from './account.page.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { PrivateFeedSection, type PrivateFeedState } from './private-feed.tsx';

export const FILTERS_PATH = '/account/filters';

/** The settings page's lists: whom the member mutes and blocks, their saved searches, their exclusions. */
export interface MemberFilters {
  muted: MemberRef[];
  blocked: MemberRef[];
  saved: SavedFilterRow[];
  exclusions: ExclusionRow[];
}

const KIND_LABELS = { tag: 'Tags', creator: 'Creators', rating: 'Ratings' } as const;

export function MemberFiltersPage({
  ctx,
  csrf,
  filters,
  notice,
  problems,
  privateFeed,
}: {
  ctx: PageContext;
  csrf: string;
  filters: MemberFilters;
  notice?: string;
  problems?: string[];
  privateFeed: PrivateFeedState;
}) {
  return (
    <Layout ctx={ctx} title="Muting, blocking and filters" noindex>
      <h1>Muting, blocking and filters</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <Problems problems={problems} />
      <MemberList
        id="muted"
        title="Muted members"
        intro="Their works and comments are left out of everything you read here, and out of every count."
        members={filters.muted}
        undo="unmute"
        csrf={csrf}
      />
      <MemberList
        id="blocked"
        title="Blocked members"
        intro="They cannot comment on your works or reply to your comments; you are not told of what they write."
        members={filters.blocked}
        undo="unblock"
        csrf={csrf}
      />
      <section aria-labelledby="saved-heading">
        <h2 id="saved-heading">Saved searches</h2>
        {filters.saved.length === 0 ? (
          <p>None yet: filter the works index, then choose “Save these filters”.</p>
        ) : null}
        <ul class="saved-filters">
          {filters.saved.map((saved) => (
            <li key={saved.id}>
              <a href={`/works?${saved.query}`}>{saved.name}</a>{' '}
              <PostForm
                action={`${FILTERS_PATH}/saved/${saved.id}/delete`}
                csrf={csrf}
                label="Delete"
                danger
              />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="exclusions-heading">
        <h2 id="exclusions-heading">Always leave out</h2>
        <p>
          Works with these tags, by these creators or with these ratings are left out of every listing you
          read.
        </p>
        {filters.exclusions.length === 0 ? <p>Nothing is left out.</p> : null}
        <ul class="exclusions">
          {filters.exclusions.map((entry) => (
            <li key={`${entry.kind}:${entry.value}`}>
              {KIND_LABELS[entry.kind].slice(0, -1)}:{' '}
              {entry.kind === 'tag' ? (
                <a href={tagPath(entry.value)}>{entry.value}</a>
              ) : entry.kind === 'creator' ? (
                <a href={creatorPath(entry.value)}>{entry.value}</a>
              ) : (
                entry.value
              )}{' '}
              <form method="post" action={`${FILTERS_PATH}/exclusions/delete`} class="inline-form">
                <Csrf value={csrf} />
                <input type="hidden" name="kind" value={entry.kind} />
                <input type="hidden" name="value" value={entry.value} />
                <button type="submit">Remove</button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" action={`${FILTERS_PATH}/exclusions`} class="account-form">
          <Csrf value={csrf} />
          <div class="field">
            <label for="exclusion-kind">Kind</label>
            <select id="exclusion-kind" name="kind">
              <option value="tag">Tag</option>
              <option value="creator">Creator</option>
              <option value="rating">Rating</option>
            </select>
          </div>
          <Field
            name="value"
            label="Name"
            hint={`A tag or creator as the archive names it, or a rating (${RATINGS.join(', ')}).`}
          />
          <button type="submit">Leave out</button>
        </form>
      </section>
      <PrivateFeedSection state={privateFeed} csrf={csrf} />
    </Layout>
  );
}

function MemberList(props: {
  id: string;
  title: string;
  intro: string;
  members: MemberRef[];
  undo: 'unmute' | 'unblock';
  csrf: string;
}) {
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>{props.title}</h2>
      <p>{props.intro}</p>
      {props.members.length === 0 ? <p>No one.</p> : null}
      <ul class={`${props.id}-members`}>
        {props.members.map((member) => (
          <li key={member.userId}>
            {member.name}{' '}
            <PostForm
              action={`${memberActionPath(member.userId, props.undo)}?return_to=${FILTERS_PATH}`}
              csrf={props.csrf}
              label={props.undo === 'unmute' ? 'Unmute' : 'Unblock'}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The form that names and keeps a works search. */
export function SaveFilterPage({
  ctx,
  csrf,
  query,
  name,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  query: string;
  name?: string;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title="Save these filters" noindex>
      <h1>Save these filters</h1>
      <Problems problems={problems} />
      <p>
        The search: <a href={`/works?${query}`}>{query === '' ? 'all works' : `/works?${query}`}</a>
      </p>
      <form method="post" action={`${FILTERS_PATH}/saved`} class="account-form">
        <Csrf value={csrf} />
        <input type="hidden" name="query" value={query} />
        <Field name="name" label="Name" value={name} hint="How your saved searches list it." />
        <button type="submit">Save</button>
      </form>
    </Layout>
  );
}

/** Under a listing's count: a member's exclusions at work, and a link to keep the search. */
export function ListingPersonalNote({ personal, query }: { personal: boolean; query: string | null }) {
  return (
    <p class="personal-note">
      {personal ? (
        <>
          Works by members you muted and your exclusions are left out of this list and its counts (
          <a href={FILTERS_PATH}>change</a>).{' '}
        </>
      ) : null}
      {query === null ? null : (
        <a href={`${FILTERS_PATH}/new?query=${encodeURIComponent(query)}`} rel="nofollow">
          Save these filters
        </a>
      )}
    </p>
  );
}

/** On a member's creator page: mute, block and report, each a form or link. */
export function MemberActions({
  userId,
  csrf,
  relation,
  returnTo,
}: {
  userId: number;
  csrf: string | null;
  relation: { muted: boolean; blocked: boolean } | null;
  returnTo: string;
}) {
  const back = `?return_to=${encodeURIComponent(returnTo)}`;
  return (
    <ul class="member-actions">
      {csrf && relation ? (
        <>
          <li>
            <PostForm
              action={`${memberActionPath(userId, relation.muted ? 'unmute' : 'mute')}${back}`}
              csrf={csrf}
              label={relation.muted ? 'Unmute' : 'Mute'}
            />
          </li>
          <li>
            <PostForm
              action={`${memberActionPath(userId, relation.blocked ? 'unblock' : 'block')}${back}`}
              csrf={csrf}
              label={relation.blocked ? 'Unblock' : 'Block'}
            />
          </li>
        </>
      ) : null}
      <li>
        <a href={reportPath('member', userId)} rel="nofollow">
          Report
        </a>
      </li>
    </ul>
  );
}
