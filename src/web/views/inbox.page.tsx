import { isSubscriptionNotice, type NotificationRow } from '../../services/community/notification.service.ts';
import { chapterPath, workPath } from '../paths.ts';
import { Csrf } from './account.page.tsx';
import { commentPath } from './comments.tsx';
import { formatDate } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { Pagination } from './pagination.tsx';

const WHAT: Record<string, string> = {
  comment: 'commented on',
  comment_held: 'left a comment waiting for your approval on',
  reply: 'replied to your comment on',
};

/** A new chapter or work of something the member subscribes to, linked while the work is posted. */
function SubscriptionNotice({ row }: { row: NotificationRow }) {
  const link =
    row.workId === null || row.workTitle === null ? null : (
      <a
        href={
          row.chapterPosition === null ? workPath(row.workId) : chapterPath(row.workId, row.chapterPosition)
        }
      >
        {row.workTitle}
      </a>
    );
  return (
    <li class={row.readAt ? 'read' : 'unread'}>
      {row.readAt ? null : <span class="sr-only">Unread: </span>}
      {link === null ? (
        'New from your subscriptions, in a work no longer available'
      ) : row.kind === 'new_chapter' ? (
        <>
          New chapter{row.chapterPosition === null ? '' : ` ${row.chapterPosition}`} of {link}
        </>
      ) : (
        <>New work: {link}</>
      )}{' '}
      <time dateTime={row.createdAt}>{formatDate(row.createdAt)}</time>
    </li>
  );
}

function Notice({ row }: { row: NotificationRow }) {
  if (isSubscriptionNotice(row.kind)) return <SubscriptionNotice row={row} />;
  const who = row.commenterName ?? 'Someone';
  const title = row.workTitle ?? 'a deleted work';
  return (
    <li class={row.readAt ? 'read' : 'unread'}>
      {row.readAt ? null : <span class="sr-only">Unread: </span>}
      {who} {WHAT[row.kind] ?? 'wrote on'}{' '}
      {row.workId !== null && row.workTitle !== null ? <a href={workPath(row.workId)}>{title}</a> : title}
      {row.commentId !== null ? (
        <>
          {' '}
          (
          <a
            href={
              row.kind === 'comment_held'
                ? `/works/${row.workId}/comments/unreviewed`
                : commentPath(row.commentId)
            }
          >
            {row.kind === 'comment_held' ? 'review it' : 'read it'}
          </a>
          )
        </>
      ) : null}{' '}
      <time dateTime={row.createdAt}>{formatDate(row.createdAt)}</time>
    </li>
  );
}

/**
 * A member's inbox: comments on their works and replies to them, new chapters and works of their
 * subscriptions, newest first, and the choice of comment mail (subscription mail is on the subscriptions page).
 */
export function InboxPage({
  ctx,
  csrf,
  inbox,
  page,
  pages,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  inbox: { rows: NotificationRow[]; unread: number; commentMail: boolean };
  page: number;
  pages: number;
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Your inbox" noindex>
      <h1>Your inbox</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <p>{inbox.unread === 0 ? 'Nothing unread.' : `${inbox.unread} unread.`}</p>
      {inbox.rows.length === 0 ? (
        <p>
          Comments on your works, replies to your comments and new chapters and works of{' '}
          <a href="/account/subscriptions">your subscriptions</a> will be listed here.
        </p>
      ) : (
        <ol class="inbox">
          {inbox.rows.map((row) => (
            <Notice key={row.id} row={row} />
          ))}
        </ol>
      )}
      <Pagination basePath="/inbox" pairs={[]} page={page} pages={pages} />
      {inbox.unread > 0 ? (
        <form method="post" action="/inbox/read" class="inline-form">
          <Csrf value={csrf} />
          <button type="submit">Mark all as read</button>
        </form>
      ) : null}
      <form method="post" action="/inbox/mail" class="account-form">
        <Csrf value={csrf} />
        <div class="field">
          <input type="checkbox" id="comment_mail" name="comment_mail" checked={inbox.commentMail} />{' '}
          <label for="comment_mail">Email me about comments on my works and replies to my comments</label>
        </div>
        <button type="submit">Save</button>
      </form>
    </Layout>
  );
}
