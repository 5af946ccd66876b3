import type { NotificationRow } from '../../services/community/notification.service.ts';
import { workPath } from '../paths.ts';
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

function Notice({ row }: { row: NotificationRow }) {
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

/** A member's inbox: comments on their works and replies to them, newest first, and the choice of mail. */
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
        <p>Comments on your works and replies to your comments will be listed here.</p>
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
