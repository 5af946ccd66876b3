import type { MemberWork } from '../../services/posting/author-view.service.ts';
import type { Invitation } from '../../services/posting/cocreator.service.ts';
import { Csrf } from './account.page.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

const STATUS: Record<MemberWork['status'], string> = {
  draft: 'Draft',
  posted: 'Posted',
  hidden: 'Hidden by an admin',
};

/** A member's works, drafts first, and the co-creator invitations waiting for them. */
export function MemberWorksPage({
  ctx,
  csrf,
  works,
  invitations,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  works: MemberWork[];
  invitations: Invitation[];
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Your works" noindex>
      <h1>Your works</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <p>
        <a class="button primary" href="/works/new">
          Post a new work
        </a>
      </p>
      {invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">Invitations to co-create</h2>
          <ul>
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                {invitation.invitedBy ?? 'A member'} invites {invitation.pseud} to co-create “
                {invitation.workTitle ?? 'Untitled'}”.
                {(['accept', 'decline'] as const).map((answer) => (
                  <form
                    key={answer}
                    method="post"
                    action={`/account/invitations/${invitation.id}/${answer}`}
                    class="inline-form"
                  >
                    <Csrf value={csrf} />
                    <button type="submit">{answer === 'accept' ? 'Accept' : 'Decline'}</button>
                  </form>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {works.length === 0 ? (
        <p>You have not posted anything yet.</p>
      ) : (
        <table class="member-works">
          <thead>
            <tr>
              <th scope="col">Work</th>
              <th scope="col">Status</th>
              <th scope="col">Chapters</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {works.map((work) => (
              <tr key={work.id}>
                <td>
                  <a href={`/works/${work.id}/manage`}>{work.title}</a>
                </td>
                <td>
                  {STATUS[work.status]}
                  {work.restricted ? ', members only' : ''}
                </td>
                <td>{work.chapterCount}</td>
                <td>{work.updatedAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
