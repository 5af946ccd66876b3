import type { Pseud } from '../../services/accounts/pseud.service.ts';
import type { CommentView } from '../../services/community/comment-listing.service.ts';
import { chapterPath, workPath } from '../paths.ts';
import { Csrf, Field, Problems } from './account.page.tsx';
import { CommentField, CommentItem, commentPath } from './comments.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** The work a comment page is about, for its heading and the way back. */
export interface CommentedWork {
  id: number;
  title: string;
}

function BackToWork({ work, chapter }: { work: CommentedWork; chapter?: number | null }) {
  return (
    <p>
      <a href={chapter ? chapterPath(work.id, chapter) : workPath(work.id)}>Back to {work.title}</a>
    </p>
  );
}

/**
 * A comment form of its own: a guest's (their work page is shared by every guest, so it cannot carry their
 * token), a member's choice of pseud, a reply under the comment it answers, and any form shown again with
 * its problems.
 */
export function NewCommentPage({
  ctx,
  csrf,
  work,
  chapter,
  parent,
  pseuds,
  values = {},
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  work: CommentedWork;
  chapter: number | null;
  parent?: CommentView;
  /** A member's pseuds; null for a guest. */
  pseuds: Pseud[] | null;
  values?: Record<string, string>;
  problems?: string[];
}) {
  const title = parent ? `Reply to a comment on ${work.title}` : `Comment on ${work.title}`;
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <Problems problems={problems} />
      {parent ? (
        <ol class="thread">
          <CommentItem comment={{ ...parent, replies: [] }} csrf={null} />
        </ol>
      ) : null}
      <form method="post" action={`/works/${work.id}/comments`} class="comment-form">
        <Csrf value={csrf} />
        {chapter !== null ? <input type="hidden" name="chapter" value={String(chapter)} /> : null}
        {parent ? <input type="hidden" name="parent" value={String(parent.id)} /> : null}
        {pseuds === null ? (
          <>
            <Field name="name" label="Guest name" value={values.name} autocomplete="nickname" />
            <Field
              name="email"
              label="Guest email (optional)"
              type="email"
              value={values.email}
              autocomplete="email"
              hint="Never shown to anyone; the creator cannot see it either."
              required={false}
            />
          </>
        ) : pseuds.length > 1 ? (
          <div class="field">
            <label for="pseud">Comment as</label>
            <select id="pseud" name="pseud">
              {pseuds.map((pseud) => (
                <option key={pseud.id} value={String(pseud.id)} selected={values.pseud === String(pseud.id)}>
                  {pseud.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <CommentField value={values.comment} />
        <button type="submit">{parent ? 'Reply' : 'Comment'}</button>
      </form>
      <BackToWork work={work} chapter={chapter} />
    </Layout>
  );
}

export function EditCommentPage({
  ctx,
  csrf,
  work,
  comment,
  value,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  work: CommentedWork;
  comment: CommentView;
  value: string;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title={`Edit your comment on ${work.title}`} noindex>
      <h1>Edit your comment on {work.title}</h1>
      <Problems problems={problems} />
      <form method="post" action={`${commentPath(comment.id)}/edit`} class="comment-form">
        <Csrf value={csrf} />
        <CommentField value={value} />
        <button type="submit">Update</button>
      </form>
      <p>
        <a href={commentPath(comment.id)}>Cancel</a>
      </p>
    </Layout>
  );
}

/** A comment's own page: the thread it is in, with the comment marked. */
export function CommentThreadPage({
  ctx,
  csrf,
  work,
  thread,
  comment,
  notice,
}: {
  ctx: PageContext;
  csrf: string | null;
  work: CommentedWork;
  thread: CommentView[];
  comment: CommentView;
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title={`Comment on ${work.title}`} noindex>
      <h1>
        Comment on <a href={workPath(work.id)}>{work.title}</a>
      </h1>
      {notice ? <p role="status">{notice}</p> : null}
      <ol class="thread">
        {thread.map((root) => (
          <CommentItem key={root.id} comment={root} csrf={csrf} />
        ))}
      </ol>
      <BackToWork work={work} chapter={comment.chapter} />
    </Layout>
  );
}

/** What a guest sees after posting a comment the creator must approve first. */
export function CommentHeldPage({ ctx, work }: { ctx: PageContext; work: CommentedWork }) {
  return (
    <Layout ctx={ctx} title="Your comment waits for approval" noindex>
      <h1>Your comment waits for approval</h1>
      <p role="status">
        The creator of {work.title} approves comments before they show. Yours will appear once they do.
      </p>
      <BackToWork work={work} />
    </Layout>
  );
}

/** The creators' queue of comments waiting for their approval. */
export function HeldCommentsPage({
  ctx,
  csrf,
  work,
  comments,
}: {
  ctx: PageContext;
  csrf: string;
  work: CommentedWork;
  comments: CommentView[];
}) {
  return (
    <Layout ctx={ctx} title={`Unreviewed comments on ${work.title}`} noindex>
      <h1>Unreviewed comments on {work.title}</h1>
      {comments.length === 0 ? (
        <p>No comment waits for your approval.</p>
      ) : (
        <ol class="thread">
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} csrf={csrf} />
          ))}
        </ol>
      )}
      <BackToWork work={work} />
    </Layout>
  );
}
