import { storedCommentHtml } from '../../ingest/stored-html.ts';
import { COMMENT_MAX_CHARS } from '../../services/community/comment-body.ts';
import type { CommentSection, CommentView } from '../../services/community/comment-listing.service.ts';
import { chapterPath, creatorPath, fullWorkPath, reportPath } from '../paths.ts';
import { Csrf, PostForm } from './account.page.tsx';
import { formatDate } from './format.ts';
import { Pagination } from './pagination.tsx';

/** The comments of a work's page, and the form a member posts with (a guest's form is a page of its own). */
export interface CommentBox {
  section: CommentSection;
  /** A member's form token; null for a guest, whose page is shared by every guest. */
  csrf: string | null;
}

export const commentAnchor = (id: number) => `comment_${id}`;
export const commentPath = (id: number) => `/comments/${id}`;

/** Where a comment form for this place posts, and the link to it for guests. */
export function newCommentPath(workId: number, chapter: number | null): string {
  return `/works/${workId}/comments/new${chapter === null ? '' : `?chapter=${chapter}`}`;
}

function Writer({ comment }: { comment: CommentView }) {
  if (comment.deleted) return <span class="byline">(Previous comment deleted.)</span>;
  if (comment.name === null) return <span class="byline">A deleted account</span>;
  if (comment.guest) return <span class="byline">{comment.name} (Guest)</span>;
  return (
    <span class="byline">
      <a href={creatorPath(comment.name)}>{comment.name}</a>
      {comment.account ? ` (${comment.account})` : ''}
    </span>
  );
}

/** A comment's actions: links for everyone, forms only on a member's own page (which carries their token). */
function Actions({ comment, csrf }: { comment: CommentView; csrf: string | null }) {
  const path = commentPath(comment.id);
  const { can } = comment;
  return (
    <ul class="comment-actions">
      {can.reply ? (
        <li>
          <a href={`${path}/reply`}>Reply</a>
        </li>
      ) : null}
      <li>
        <a href={path}>Thread</a>
      </li>
      {can.edit ? (
        <li>
          <a href={`${path}/edit`}>Edit</a>
        </li>
      ) : null}
      {csrf && can.delete ? (
        <li>
          <PostForm action={`${path}/delete`} csrf={csrf} label="Delete" danger />
        </li>
      ) : null}
      {csrf && can.moderate && comment.held ? (
        <li>
          <PostForm action={`${path}/approve`} csrf={csrf} label="Approve" />
        </li>
      ) : null}
      {comment.deleted ? null : (
        <li>
          <a href={reportPath('comment', comment.id)} rel="nofollow">
            Report
          </a>
        </li>
      )}
      {csrf && can.moderate && !comment.held ? (
        <li>
          <PostForm
            action={`${path}/${comment.frozen ? 'unfreeze' : 'freeze'}`}
            csrf={csrf}
            label={comment.frozen ? 'Unfreeze Thread' : 'Freeze Thread'}
          />
        </li>
      ) : null}
    </ul>
  );
}

/** One comment and, nested below it, its replies, as AO3 lays a thread out. */
export function CommentItem({ comment, csrf }: { comment: CommentView; csrf: string | null }) {
  return (
    <li class={`comment${comment.held ? ' held' : ''}`} id={commentAnchor(comment.id)}>
      <h4 class="heading">
        <Writer comment={comment} />{' '}
        {comment.chapter !== null ? <span class="parent">on Chapter {comment.chapter}</span> : null}{' '}
        <time class="datetime" dateTime={comment.createdAt}>
          {formatDate(comment.createdAt)}
        </time>
        {comment.editedAt ? <span class="edited"> (Edited)</span> : null}
      </h4>
      {comment.held ? <p class="notice">This comment waits for the creator's approval.</p> : null}
      {comment.frozen ? <p class="notice">This thread is frozen: it takes no new replies.</p> : null}
      {comment.deleted ? null : (
        // Comment bodies are sanitized again on every reading (storedCommentHtml).
        <blockquote class="userstuff" dangerouslySetInnerHTML={{ __html: storedCommentHtml(comment.html) }} />
      )}
      <Actions comment={comment} csrf={csrf} />
      {comment.replies.length > 0 ? (
        <ol class="thread">
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} csrf={csrf} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** The comment field, with AO3's note on what it takes. */
export function CommentField({ value, label = 'Comment' }: { value?: string; label?: string }) {
  return (
    <div class="field">
      <label for="comment">{label}</label>
      <p class="hint" id="comment-hint">
        Plain text with limited HTML (emphasis, strike, sub and superscript); at most{' '}
        {COMMENT_MAX_CHARS.toLocaleString('en')} characters.
      </p>
      <textarea id="comment" name="comment" rows={8} required aria-describedby="comment-hint">
        {value ?? ''}
      </textarea>
    </div>
  );
}

function NewComment({ box }: { box: CommentBox }) {
  const { section, csrf } = box;
  if (!section.canComment) {
    const why = section.blocked
      ? "This work's creator has blocked you: you cannot comment on their works."
      : section.permission === 'none'
        ? "This work's creator has turned comments off."
        : section.permission === 'members'
          ? 'Only logged-in members can comment on this work.'
          : null;
    return why ? <p class="notice">{why}</p> : null;
  }
  const target = newCommentPath(section.workId, section.chapter);
  if (csrf === null)
    return (
      <p>
        <a class="button" href={target}>
          Comment as a guest
        </a>
      </p>
    );
  return (
    <form method="post" action={`/works/${section.workId}/comments`} class="comment-form">
      <Csrf value={csrf} />
      {section.chapter !== null ? (
        <input type="hidden" name="chapter" value={String(section.chapter)} />
      ) : null}
      <CommentField />
      {section.moderated && !section.canModerate ? (
        <p class="hint">Comments on this work wait for its creator's approval before others see them.</p>
      ) : null}
      <button type="submit">Comment</button> <a href={target}>Comment as another pseud</a>
    </form>
  );
}

/** The comments under a work's text: the form, then the newest threads, a page at a time. */
export function CommentsSection({ box }: { box: CommentBox }) {
  const { section } = box;
  const here =
    section.chapter === null ? fullWorkPath(section.workId) : chapterPath(section.workId, section.chapter);
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({section.count})</h2>
      <NewComment box={box} />
      {section.canModerate && section.moderated ? (
        <p>
          <a href={`/works/${section.workId}/comments/unreviewed`}>Unreviewed comments</a>
        </p>
      ) : null}
      {section.threads.length > 0 ? (
        <ol class="thread">
          {section.threads.map((comment) => (
            <CommentItem key={comment.id} comment={comment} csrf={box.csrf} />
          ))}
        </ol>
      ) : null}
      <Pagination basePath={here} pairs={[]} page={section.page} pages={section.pages} />
    </section>
  );
}
