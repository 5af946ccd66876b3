import type { Claim } from '../../services/accounts/claim.service.ts';
import { creatorPath } from '../paths.ts';
import { Csrf, Problems } from './account.page.tsx';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** A member asks for an imported creator name; an admin decides. */
export function ClaimRequestPage({
  ctx,
  csrf,
  name,
  owned,
  sent,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  name: string;
  owned: boolean;
  sent?: boolean;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title={`Claim ${name}`} noindex>
      <h1>Claim the name {name}</h1>
      <Problems problems={problems} />
      {sent ? (
        <p role="status">
          Your claim is sent. An admin looks at it; once approved, {name} is one of your pseuds and its works
          are yours to edit.
        </p>
      ) : owned ? (
        <p>{name} already belongs to a member.</p>
      ) : (
        <form method="post" action={`${creatorPath(name)}/claim`} class="account-form">
          <Csrf value={csrf} />
          <p>
            The works of <a href={creatorPath(name)}>{name}</a> came from an import. If you wrote them, ask
            for the name: an admin checks and approves.
          </p>
          <div class="field">
            <label for="message">How an admin can tell it is you</label>
            <textarea id="message" name="message" rows={4} />
          </div>
          <button type="submit" class="primary">
            Send my claim
          </button>
        </form>
      )}
    </Layout>
  );
}

/** The admin's page: claims waiting, and a work to manage by its number. */
export function AdminPage({
  ctx,
  csrf,
  claims,
  notice,
  problems,
}: {
  ctx: PageContext;
  csrf: string;
  claims: Claim[];
  notice?: string;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title="Admin" noindex>
      <h1>Admin</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <Problems problems={problems} />
      <ul class="admin-links">
        <li>
          <a href="/admin/reports">Reports</a>
        </li>
        <li>
          <a href="/admin/audit">Audit log</a>
        </li>
        <li>
          <a href="/tags/wrangle">Tag wrangling</a>
        </li>
      </ul>
      <section aria-labelledby="manage-heading">
        <h2 id="manage-heading">Manage a work</h2>
        <form method="get" action="/admin/work" class="account-form">
          <div class="field">
            <label for="work">Work number or address</label>
            <input id="work" name="work" type="text" required />
          </div>
          <button type="submit">Edit, hide or delete it</button>
        </form>
      </section>
      <section aria-labelledby="claims-heading">
        <h2 id="claims-heading">Claims of creator names</h2>
        {claims.length === 0 ? <p>No claims are waiting.</p> : null}
        <ul class="claims">
          {claims.map((claim) => (
            <li key={claim.id}>
              <p>
                <strong>{claim.claimant ?? claim.email}</strong> claims{' '}
                <a href={creatorPath(claim.creatorName)}>{claim.creatorName}</a> (
                {claim.createdAt.slice(0, 10)}){claim.message ? `: “${claim.message}”` : ''}
              </p>
              {(['approve', 'reject'] as const).map((decision) => (
                <form
                  key={decision}
                  method="post"
                  action={`/admin/claims/${claim.id}/${decision}`}
                  class="inline-form"
                >
                  <Csrf value={csrf} />
                  <button
                    type="submit"
                    aria-label={`${decision === 'approve' ? 'Approve' : 'Reject'} the claim of ${claim.creatorName}`}
                  >
                    {decision === 'approve' ? 'Approve' : 'Reject'}
                  </button>
                </form>
              ))}
            </li>
          ))}
        </ul>
        <form method="post" action="/admin/claims/invite" class="account-form">
          <Csrf value={csrf} />
          <h3>Invite the owner of a name by email</h3>
          <div class="field">
            <label for="creator">Creator name</label>
            <input id="creator" name="creator" type="text" required />
          </div>
          <div class="field">
            <label for="email">Their email address</label>
            <input id="email" name="email" type="email" required />
          </div>
          <button type="submit">Send the invitation</button>
        </form>
      </section>
    </Layout>
  );
}

/** A mailed invitation to claim a name, opened logged in: one button takes it. */
export function ClaimAcceptPage({ ctx, csrf, token }: { ctx: PageContext; csrf: string; token: string }) {
  return (
    <Layout ctx={ctx} title="Claim your works" noindex>
      <h1>Claim your works</h1>
      <form method="post" action="/claims/accept" class="account-form">
        <Csrf value={csrf} />
        <input type="hidden" name="token" value={token} />
        <p>Accept the invitation: the name becomes one of your pseuds, and its works yours to edit.</p>
        <button type="submit" class="primary">
          Accept
        </button>
      </form>
    </Layout>
  );
}
