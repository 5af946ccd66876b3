import { storedChapterHtml } from '../../ingest/stored-html.ts';
import type { WorkBlurb } from '../../repositories/work-view.ts';
import type { BookmarkView, CollectionView } from '../../services/community/bookmark.service.ts';
import type { SeriesBookmark } from '../../services/community/bookmark-listing.ts';
import { memberBookmarksPath, seriesPath, workPath } from '../paths.ts';
import { Csrf, Problems } from './account.page.tsx';
import { Blurb } from './blurb.tsx';
import { formatDate, formatNumber } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/**
 * One bookmark as listings show it (AO3's "bookmarker" box): who and when, recommendation and private marks,
 * the reader's tags and collections, their notes, and for its owner the edit and delete buttons.
 */
export function BookmarkBox({ bookmark, csrf }: { bookmark: BookmarkView; csrf: string | null }) {
  const own = csrf !== null;
  const owner = memberBookmarksPath(bookmark.userName);
  return (
    <div class="bookmark" id={`bookmark-${bookmark.id}`}>
      <p class="bookmarker">
        Bookmarked by <a href={owner}>{bookmark.userName}</a> on {formatDate(bookmark.createdAt)}
        {bookmark.rec ? <span class="rec"> · Recommended</span> : null}
        {bookmark.private ? <span class="private"> · Private bookmark</span> : null}
      </p>
      {bookmark.tags.length > 0 ? (
        <ul class="tags commas bookmark-tags" aria-label="Bookmarker's tags">
          {bookmark.tags.map((tag) => (
            <li key={tag}>
              <a class="tag" href={`${owner}?bookmark_tags=${encodeURIComponent(tag)}`}>
                {tag}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {bookmark.collections.length > 0 ? (
        <p class="bookmark-collections">
          In:{' '}
          {bookmark.collections.map((collection, index) => (
            <span key={collection.id}>
              {index > 0 ? ', ' : ''}
              <a href={`${owner}?collection=${collection.id}`}>{collection.name}</a>
            </span>
          ))}
        </p>
      ) : null}
      {bookmark.notes ? (
        <blockquote
          class="bookmark-notes"
          // The reader's notes as the sanitizer wrote them, as chapter bodies are (see storedChapterHtml).
          dangerouslySetInnerHTML={{
            __html: storedChapterHtml(bookmark.notes, bookmark.notesSanitizerVersion),
          }}
        />
      ) : null}
      {own ? (
        <div class="actions">
          <a class="button" href={`/bookmarks/${bookmark.id}/edit`}>
            Edit
          </a>
          <form method="post" action={`/bookmarks/${bookmark.id}/delete`} class="inline-form">
            <Csrf value={csrf} />
            <button type="submit">Delete</button>
          </form>
        </div>
      ) : null}
    </div>
  );
}

/** A work's bookmarks page: the work's blurb and its public bookmarks. */
export function WorkBookmarksPage({
  ctx,
  work,
  bookmarks,
}: {
  ctx: PageContext;
  work: WorkBlurb;
  bookmarks: BookmarkView[];
}) {
  return (
    <Layout ctx={ctx} title={`Bookmarks of ${work.title}`}>
      <h1>Bookmarks of {work.title}</h1>
      <ol class="work-list">
        <Blurb work={work} settings={ctx.settings} />
      </ol>
      <h2>
        {formatNumber(bookmarks.length)} {bookmarks.length === 1 ? 'bookmark' : 'bookmarks'}
      </h2>
      {bookmarks.length === 0 ? <p>No one has bookmarked this work publicly yet.</p> : null}
      {bookmarks.map((bookmark) => (
        <BookmarkBox key={bookmark.id} bookmark={bookmark} csrf={null} />
      ))}
    </Layout>
  );
}

/** What the bookmark form was filled with, for showing it back after a problem. */
export interface BookmarkFormValues {
  notes: string;
  tags: string;
  private: boolean;
  rec: boolean;
  collections: number[];
  newCollection: string;
}

/** The bookmark form of a work or series: new, or the member's bookmark to change. */
export function BookmarkFormPage({
  ctx,
  csrf,
  target,
  bookmark,
  collections,
  values,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  target: { kind: 'work' | 'series'; id: number; title: string };
  bookmark: BookmarkView | null;
  collections: CollectionView[];
  values: BookmarkFormValues;
  problems?: string[];
}) {
  const action = `/${target.kind === 'work' ? 'works' : 'series'}/${target.id}/bookmarks`;
  const heading = `${bookmark ? 'Edit your bookmark of' : 'Bookmark'} ${target.title}`;
  return (
    <Layout ctx={ctx} title={heading} noindex>
      <h1>{heading}</h1>
      <p>
        <a href={target.kind === 'work' ? workPath(target.id) : seriesPath(target.id)}>
          Back to {target.title}
        </a>
      </p>
      <Problems problems={problems} />
      <form method="post" action={action} class="bookmark-form account-form">
        <Csrf value={csrf} />
        <div class="field">
          <label for="notes">Notes</label>
          <p class="hint" id="notes-hint">
            Plain text or HTML (the tags a work's text may use). Blank lines make paragraphs.
          </p>
          <textarea id="notes" name="notes" rows={6} aria-describedby="notes-hint">
            {values.notes}
          </textarea>
        </div>
        <div class="field">
          <label for="tags">Your tags</label>
          <p class="hint" id="tags-hint">
            Comma-separated. Only your bookmarks carry them.
          </p>
          <input id="tags" name="tags" type="text" value={values.tags} aria-describedby="tags-hint" />
        </div>
        <fieldset>
          <legend>Collections</legend>
          {collections.length === 0 ? <p>You have no collections yet.</p> : null}
          {collections.map((collection) => (
            <label key={collection.id} class="check">
              <input
                type="checkbox"
                name="collections"
                value={String(collection.id)}
                checked={values.collections.includes(collection.id)}
              />{' '}
              {collection.name}
            </label>
          ))}
          <div class="field">
            <label for="new_collection">Add to a new collection</label>
            <input id="new_collection" name="new_collection" type="text" value={values.newCollection} />
          </div>
        </fieldset>
        <label class="check">
          <input type="checkbox" name="rec" value="1" checked={values.rec} /> Recommend this
        </label>
        <label class="check">
          <input type="checkbox" name="private" value="1" checked={values.private} /> Private bookmark (only
          you see it)
        </label>
        <button type="submit" class="primary">
          {bookmark ? 'Save bookmark' : 'Create bookmark'}
        </button>
      </form>
    </Layout>
  );
}

/** The bookmark form's values from a bookmark, or empty. */
export function bookmarkValues(bookmark: BookmarkView | null): BookmarkFormValues {
  return {
    notes: bookmark?.notes ?? '',
    tags: bookmark?.tags.join(', ') ?? '',
    private: bookmark?.private ?? false,
    rec: bookmark?.rec ?? false,
    collections: bookmark?.collections.map((collection) => collection.id) ?? [],
    newCollection: '',
  };
}

/** The member's bookmarks page's own filters and links, above the works the bookmarks are of. */
export function MemberBookmarksIntro({
  basePath,
  tags,
  rec,
  collection,
  collections,
  series,
  csrf,
}: {
  basePath: string;
  tags: string[];
  rec: boolean;
  collection: CollectionView | null;
  /** The owner's collections, shown to the owner only. */
  collections: CollectionView[] | null;
  series: SeriesBookmark[];
  csrf: string | null;
}) {
  return (
    <>
      <BookmarkFilters basePath={basePath} tags={tags} rec={rec} collection={collection} />
      {collections ? (
        <nav aria-label="Your collections" class="collections">
          <p>
            Your collections: {collections.length === 0 ? 'none yet. ' : null}
            {collections.map((item, index) => (
              <span key={item.id}>
                {index > 0 ? ', ' : ''}
                <a href={`${basePath}?collection=${item.id}`}>{item.name}</a> ({formatNumber(item.bookmarks)})
              </span>
            ))}{' '}
            <a href="/account/collections">Manage collections</a>
          </p>
        </nav>
      ) : null}
      {series.length > 0 ? (
        <section aria-labelledby="series-bookmarks-heading" class="series-bookmarks">
          <h2 id="series-bookmarks-heading">Series</h2>
          <ul>
            {series.map((item) => (
              <li key={item.bookmark.id}>
                <a href={seriesPath(item.series.id)}>{item.series.title}</a> (
                {formatNumber(item.series.works)} {item.series.works === 1 ? 'work' : 'works'})
                <BookmarkBox bookmark={item.bookmark} csrf={csrf} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** The bookmark filters the works filters do not have: the bookmarker's tags, recommendations, a collection. */
export function BookmarkFilters({
  basePath,
  tags,
  rec,
  collection,
}: {
  basePath: string;
  tags: string[];
  rec: boolean;
  collection: CollectionView | null;
}) {
  return (
    <form method="get" action={basePath} class="bookmark-filters">
      <div class="field">
        <label for="bookmark_tags">Bookmarker's tags</label>
        <input id="bookmark_tags" name="bookmark_tags" type="text" value={tags.join(', ')} />
      </div>
      <label class="check">
        <input type="checkbox" name="rec" value="1" checked={rec} /> Recommendations only
      </label>
      {collection ? (
        <label class="check">
          <input type="checkbox" name="collection" value={String(collection.id)} checked /> In{' '}
          {collection.name}
        </label>
      ) : null}
      <button type="submit">Filter bookmarks</button>
    </form>
  );
}

/** The member's collections: make, rename, delete (their bookmarks stay). */
export function CollectionsPage({
  ctx,
  csrf,
  member,
  collections,
  notice,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  member: string;
  collections: CollectionView[];
  notice?: string;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title="Your collections" noindex>
      <h1>Your collections</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <Problems problems={problems} />
      <p>
        Collections group your bookmarks; a bookmark can be in several. Choose them on each bookmark's form.
      </p>
      {collections.length === 0 ? <p>You have no collections yet.</p> : null}
      <ul class="collection-list">
        {collections.map((collection) => (
          <li key={collection.id}>
            <a href={`${memberBookmarksPath(member)}?collection=${collection.id}`}>{collection.name}</a> (
            {formatNumber(collection.bookmarks)} {collection.bookmarks === 1 ? 'bookmark' : 'bookmarks'})
            <form method="post" action={`/account/collections/${collection.id}/rename`} class="inline-form">
              <Csrf value={csrf} />
              <label for={`rename-${collection.id}`} class="sr-only">
                New name for {collection.name}
              </label>
              <input
                id={`rename-${collection.id}`}
                name="name"
                type="text"
                value={collection.name}
                required
              />
              <button type="submit">Rename</button>
            </form>
            <form method="post" action={`/account/collections/${collection.id}/delete`} class="inline-form">
              <Csrf value={csrf} />
              <button type="submit" aria-label={`Delete ${collection.name}`}>
                Delete
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action="/account/collections" class="account-form">
        <Csrf value={csrf} />
        <div class="field">
          <label for="name">New collection</label>
          <input id="name" name="name" type="text" required />
        </div>
        <button type="submit">Make collection</button>
      </form>
    </Layout>
  );
}
