import { storedChapterHtml } from '../../ingest/stored-html.ts';
import type { Evidence } from '../../ingest/story.ts';
import type { CommentSettings } from '../../repositories/community/comment.repository.ts';
import type { WorkView } from '../../repositories/work-view.ts';
import type { ScheduledChapter } from '../../services/posting/author-view.service.ts';
import type { TagSuggestion } from '../../services/posting/suggestion.service.ts';
import { workPath } from '../paths.ts';
import { Csrf, PostForm, Problems } from './account.page.tsx';
import { TextParagraphs } from './blurb.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { WorkMeta } from './work/work-meta.tsx';

export interface ManageOptions {
  status: 'draft' | 'posted' | 'hidden';
  restricted: boolean;
  /** The actor writes this work (suggestions are theirs to answer). */
  isCreator: boolean;
  isAdmin: boolean;
  suggestions: TagSuggestion[];
  scheduled: ScheduledChapter[];
  /** Who may comment and whether comments wait for approval; null for an actor who does not moderate them. */
  comments: CommentSettings | null;
}

const PERMISSION_LABELS = [
  ['guests', 'Registered users and guests can comment'],
  ['members', 'Only registered users can comment'],
  ['none', 'No one can comment'],
] as const;

/** AO3's "Privacy" choices for comments, and comment moderation, as a form of its own. */
function CommentSettingsForm({
  work,
  csrf,
  settings,
}: {
  work: WorkView;
  csrf: string;
  settings: CommentSettings;
}) {
  return (
    <section aria-labelledby="comment-settings-heading">
      <h2 id="comment-settings-heading">Comments</h2>
      <form method="post" action={`/works/${work.id}/comment-settings`} class="account-form">
        <Csrf value={csrf} />
        <fieldset>
          <legend>Who can comment on this work</legend>
          {PERMISSION_LABELS.map(([value, label]) => (
            <div class="field" key={value}>
              <input
                type="radio"
                id={`comment_permission_${value}`}
                name="comment_permission"
                value={value}
                checked={settings.permission === value}
              />{' '}
              <label for={`comment_permission_${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <input type="checkbox" id="moderated" name="moderated" checked={settings.moderated} />{' '}
          <label for="moderated">Enable comment moderation (comments wait for your approval)</label>
        </div>
        <button type="submit">Save comment settings</button>
      </form>
      <p>
        <a href={`/works/${work.id}/comments/unreviewed`}>Unreviewed comments</a>
      </p>
    </section>
  );
}

function passage(evidence: Evidence): string {
  if (evidence.source === 'text') return `Chapter ${evidence.chapter}: “${evidence.quote}”`;
  if (evidence.source === 'header') return `${evidence.label}: ${evidence.value}`;
  return evidence.reason;
}

function Suggestions({
  work,
  csrf,
  suggestions,
}: {
  work: WorkView;
  csrf: string;
  suggestions: TagSuggestion[];
}) {
  return (
    <section aria-labelledby="suggestions-heading" class="suggestions">
      <h2 id="suggestions-heading">Quire's suggestions</h2>
      {suggestions.length === 0 ? (
        <p>Quire has nothing to suggest for this text.</p>
      ) : (
        <>
          <p>
            Quire read your text and suggests these tags. Nothing is added unless you add it; what you dismiss
            is not suggested again for this text.
          </p>
          <ul>
            {suggestions.map((suggestion) => (
              <li key={`${suggestion.kind}:${suggestion.value}`} class="suggestion">
                <p>{suggestion.message}</p>
                {suggestion.evidence.length > 0 ? (
                  <ul class="passages">
                    {suggestion.evidence.slice(0, 3).map((evidence, index) => (
                      <li key={index}>{passage(evidence)}</li>
                    ))}
                  </ul>
                ) : null}
                {(['add', 'dismiss'] as const).map((answer) => (
                  <form
                    key={answer}
                    method="post"
                    action={`/works/${work.id}/suggestions/${answer}`}
                    class="inline-form"
                  >
                    <Csrf value={csrf} />
                    <input type="hidden" name="kind" value={suggestion.kind} />
                    <input type="hidden" name="value" value={suggestion.value} />
                    <button
                      type="submit"
                      aria-label={`${answer === 'add' ? 'Add' : 'Dismiss'} ${suggestion.value}`}
                    >
                      {answer === 'add' ? 'Add' : 'Dismiss'}
                    </button>
                  </form>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Chapters({ work, csrf }: { work: WorkView; csrf: string }) {
  return (
    <section aria-labelledby="chapters-heading">
      <h2 id="chapters-heading">Chapters</h2>
      <ol class="chapter-list">
        {work.chapterTitles.map((chapter) => (
          <li key={chapter.position}>
            {chapter.title ?? `Chapter ${chapter.position}`}{' '}
            <a href={`/works/${work.id}/chapters/${chapter.position}/edit`}>Edit</a>
            {work.chapterCount > 1 ? (
              <PostForm
                action={`/works/${work.id}/chapters/${chapter.position}/delete`}
                csrf={csrf}
                label={`Delete chapter ${chapter.position}`}
                danger
              />
            ) : null}
          </li>
        ))}
      </ol>
      <p>
        <a href={`/works/${work.id}/chapters/new`}>Add a chapter</a>
      </p>
      {work.chapterCount > 1 ? (
        <form method="post" action={`/works/${work.id}/chapters/order`} class="reorder-form">
          <Csrf value={csrf} />
          <fieldset>
            <legend>Reorder chapters</legend>
            {work.chapterTitles.map((chapter) => (
              <div class="field" key={chapter.position}>
                <label for={`order-${chapter.position}`}>
                  New place of {chapter.title ?? `Chapter ${chapter.position}`}
                </label>
                <input
                  id={`order-${chapter.position}`}
                  name={`place_${chapter.position}`}
                  type="number"
                  min={1}
                  max={work.chapterCount}
                  value={String(chapter.position)}
                />
              </div>
            ))}
          </fieldset>
          <button type="submit">Save the order</button>
        </form>
      ) : null}
    </section>
  );
}

/** The author's view of a work: the preview, Quire's suggestions, and every way to change it. */
export function WorkManagePage({
  ctx,
  csrf,
  work,
  options,
  notice,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  work: WorkView;
  options: ManageOptions;
  notice?: string;
  problems?: string[];
}) {
  const { status } = options;
  return (
    <Layout ctx={ctx} title={`Preview: ${work.title}`} noindex>
      <h1>{work.title}</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <Problems problems={problems} />
      <p class="work-status">
        {status === 'draft'
          ? 'This is a draft: only its creators can see it. It is kept until you post or delete it.'
          : status === 'hidden'
            ? 'This work is hidden: only admins can see it.'
            : options.restricted
              ? 'Posted, for logged-in members only.'
              : 'Posted.'}{' '}
        {status !== 'draft' ? <a href={workPath(work.id)}>See it as readers do</a> : null}
      </p>
      <div class="actions">
        {status === 'draft' ? (
          <form method="post" action={`/works/${work.id}/post`} class="inline-form">
            <Csrf value={csrf} />
            <button type="submit" class="primary">
              Post
            </button>
          </form>
        ) : null}
        <a class="button" href={`/works/${work.id}/edit`}>
          Edit work
        </a>
        {options.isAdmin && status !== 'draft' ? (
          <PostForm
            action={`/works/${work.id}/${status === 'hidden' ? 'unhide' : 'hide'}`}
            csrf={csrf}
            label={status === 'hidden' ? 'Unhide' : 'Hide'}
          />
        ) : null}
        <form method="post" action={`/works/${work.id}/delete`} class="inline-form">
          <Csrf value={csrf} />
          <input type="checkbox" id="confirm-delete" name="confirm" required />
          <label for="confirm-delete">Yes, delete this work for good</label>{' '}
          <button type="submit" class="danger">
            Delete work
          </button>
        </form>
      </div>
      {options.isCreator && status !== 'hidden' ? (
        <Suggestions work={work} csrf={csrf} suggestions={options.suggestions} />
      ) : null}
      <Chapters work={work} csrf={csrf} />
      {options.comments ? <CommentSettingsForm work={work} csrf={csrf} settings={options.comments} /> : null}
      {options.scheduled.length > 0 ? (
        <section aria-labelledby="scheduled-heading">
          <h2 id="scheduled-heading">Scheduled chapters</h2>
          <ul>
            {options.scheduled.map((chapter) => (
              <li key={chapter.id}>
                {chapter.title ?? 'Untitled chapter'}: posts at{' '}
                {chapter.publishAt.replace('T', ' ').slice(0, 16)} UTC
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="preview-heading" class="preview">
        <h2 id="preview-heading">Preview</h2>
        <WorkMeta work={work} series={[]} settings={ctx.settings} />
        {work.summary ? (
          <div class="summary">
            <h3>Summary:</h3>
            <TextParagraphs text={work.summary} />
          </div>
        ) : null}
        {work.chapters.map((chapter) => (
          <div key={chapter.id} class="chapter">
            <h3 class="chapter-title">
              {chapter.title
                ? `Chapter ${chapter.position}: ${chapter.title}`
                : `Chapter ${chapter.position}`}
            </h3>
            <div
              class="userstuff"
              // Chapter bodies the sanitizer wrote, as on the work page (see storedChapterHtml).
              dangerouslySetInnerHTML={{ __html: storedChapterHtml(chapter.html, chapter.sanitizerVersion) }}
            />
          </div>
        ))}
      </section>
    </Layout>
  );
}
