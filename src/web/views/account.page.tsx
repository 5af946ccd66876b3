import type { Member } from '../../services/accounts/actor.ts';
import type { ApiToken } from '../../services/accounts/api-token.service.ts';
import type { Pseud } from '../../services/accounts/pseud.service.ts';
import { memberBookmarksPath, readingsPath } from '../paths.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** What every account form carries: the CSRF token, and the problems of the last try. */
export interface FormState {
  csrf: string;
  problems?: string[];
  /** Values to put back in the fields (never a password). */
  values?: Record<string, string>;
}

export function Problems({ problems }: { problems?: string[] }) {
  if (!problems || problems.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>That did not work</h2>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

/** A labelled text input with its hint, for the account forms and the work form. */
export function Field({
  name,
  label,
  type = 'text',
  value,
  autocomplete,
  hint,
  required = true,
  tagKind,
}: {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  autocomplete?: string;
  hint?: string;
  required?: boolean;
  /** A tag field: quire.js offers canonical tags of this kind as the author types. */
  tagKind?: string;
}) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        // Preact types each input type apart; the three used here take the same attributes.
        type={type as 'text'}
        value={value ?? ''}
        required={required}
        autocomplete={autocomplete}
        data-tag-kind={tagKind}
        aria-describedby={hint ? `${name}-hint` : undefined}
      />
    </div>
  );
}

function AccountForm({
  ctx,
  title,
  action,
  state,
  submit,
  children,
  after,
}: {
  ctx: PageContext;
  title: string;
  action: string;
  state: FormState;
  submit: string;
  children: preact.ComponentChildren;
  after?: preact.ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title} noindex>
      <h1>{title}</h1>
      <Problems problems={state.problems} />
      <form method="post" action={action} class="account-form">
        <input type="hidden" name="_csrf" value={state.csrf} />
        {children}
        <button type="submit" class="primary">
          {submit}
        </button>
      </form>
      {after}
    </Layout>
  );
}

export function SignUpPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  return (
    <AccountForm
      ctx={ctx}
      title="Sign up"
      action="/signup"
      state={state}
      submit="Sign up"
      after={
        <p>
          Already a member? <a href="/login">Log in</a>.
        </p>
      }
    >
      <Field
        name="username"
        label="Username"
        value={state.values?.username}
        autocomplete="username"
        hint="3 to 40 letters, digits or underscores. Your works appear under this name unless you add pseuds."
      />
      <Field name="email" label="Email" type="email" value={state.values?.email} autocomplete="email" />
      <Field
        name="password"
        label="Password"
        type="password"
        autocomplete="new-password"
        hint="At least 8 characters; a few words are easier to remember than symbols."
      />
    </AccountForm>
  );
}

export function LogInPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  return (
    <AccountForm
      ctx={ctx}
      title="Log in"
      action="/login"
      state={state}
      submit="Log in"
      after={
        <p>
          <a href="/account/forgot">Forgot your password?</a> New here? <a href="/signup">Sign up</a>.
        </p>
      }
    >
      <input type="hidden" name="return_to" value={state.values?.return_to ?? '/'} />
      <Field name="login" label="Username or email" value={state.values?.login} autocomplete="username" />
      <Field name="password" label="Password" type="password" autocomplete="current-password" />
    </AccountForm>
  );
}

export function ForgotPasswordPage({
  ctx,
  state,
  sent,
}: {
  ctx: PageContext;
  state: FormState;
  sent?: boolean;
}) {
  return (
    <AccountForm
      ctx={ctx}
      title="Reset your password"
      action="/account/forgot"
      state={state}
      submit="Send me a link"
    >
      {sent ? (
        <p role="status">
          If an account has that name or address, a link to reset its password is on its way. It works once,
          for an hour.
        </p>
      ) : null}
      <Field name="login" label="Username or email" value={state.values?.login} autocomplete="username" />
    </AccountForm>
  );
}

export function ResetPasswordPage({
  ctx,
  state,
  token,
}: {
  ctx: PageContext;
  state: FormState;
  token: string;
}) {
  return (
    <AccountForm
      ctx={ctx}
      title="Choose a new password"
      action="/account/reset"
      state={state}
      submit="Save and log in"
    >
      <input type="hidden" name="token" value={token} />
      <Field name="newPassword" label="New password" type="password" autocomplete="new-password" />
    </AccountForm>
  );
}

export function ChangePasswordPage({ ctx, state }: { ctx: PageContext; state: FormState }) {
  return (
    <AccountForm
      ctx={ctx}
      title="Change your password"
      action="/account/password"
      state={state}
      submit="Change password"
    >
      <Field
        name="currentPassword"
        label="Current password"
        type="password"
        autocomplete="current-password"
      />
      <Field
        name="newPassword"
        label="New password"
        type="password"
        autocomplete="new-password"
        hint="Every other browser logged in to your account is logged out."
      />
    </AccountForm>
  );
}

export interface AccountDetails {
  pseuds: Pseud[];
  tokens: ApiToken[];
  /** A token just made: its secret is shown this once. */
  newToken?: { name: string; secret: string };
}

export function Csrf({ value }: { value: string }) {
  return <input type="hidden" name="_csrf" value={value} />;
}

/** A form that is one button: an action on a thing, with the form's token. */
export function PostForm({
  action,
  csrf,
  label,
  danger,
}: {
  action: string;
  csrf: string;
  label: string;
  danger?: boolean;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf value={csrf} />
      <button type="submit" class={danger ? 'danger' : undefined}>
        {label}
      </button>
    </form>
  );
}

export function AccountPage({
  ctx,
  member,
  csrf,
  details,
  notice,
  problems,
}: {
  ctx: PageContext;
  member: Member;
  csrf: string;
  details: AccountDetails;
  notice?: string;
  problems?: string[];
}) {
  return (
    <Layout ctx={ctx} title="Your account" noindex>
      <h1>Your account</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <Problems problems={problems} />
      <p>
        You are logged in as <strong>{member.name}</strong>
        {member.role === 'member' ? '' : ` (${member.role})`}.
      </p>
      {member.suspended ? <p role="alert">Your account is suspended: you can read, but not post.</p> : null}
      <ul>
        <li>
          <a href="/account/works">Your works</a> (drafts included)
        </li>
        <li>
          <a href="/inbox">Your inbox</a> (comments on your works, replies to yours)
        </li>
        <li>
          <a href="/account/subscriptions">Your subscriptions</a> and their email digest
        </li>
        <li>
          <a href={memberBookmarksPath(member.name)}>Your bookmarks</a> and{' '}
          <a href="/account/collections">your collections</a>
        </li>
        <li>
          <a href={readingsPath(member.name)}>Your history</a> and{' '}
          <a href={`${readingsPath(member.name)}?show=to-read`}>Marked for Later</a>
        </li>
        {member.role === 'admin' ? (
          <li>
            <a href="/admin">Admin: claims, and any work to edit, hide or delete</a>
          </li>
        ) : null}
        <li>
          <a href="/works/new">Post a new work</a>
        </li>
        <li>
          <a href="/account/password">Change your password</a>
        </li>
        <li>
          <a href="/settings">Reading settings</a>
        </li>
      </ul>
      <form method="post" action="/logout">
        <Csrf value={csrf} />
        <button type="submit">Log out</button>
      </form>

      <section aria-labelledby="pseuds-heading">
        <h2 id="pseuds-heading">Pseuds</h2>
        <ul class="pseuds">
          {details.pseuds.map((pseud) => (
            <li key={pseud.id}>
              {pseud.name}
              {pseud.isDefault ? ' (default)' : ''}
            </li>
          ))}
        </ul>
        <form method="post" action="/account/pseuds" class="account-form">
          <Csrf value={csrf} />
          <Field name="name" label="New pseud" hint="Another name to post under." />
          <button type="submit">Add pseud</button>
        </form>
      </section>

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Access tokens for the API</h2>
        {details.newToken ? (
          <p role="status">
            Your new token “{details.newToken.name}” is <code class="token">{details.newToken.secret}</code>.
            Copy it now: it will not be shown again.
          </p>
        ) : null}
        {details.tokens.length === 0 ? <p>You have no tokens.</p> : null}
        <ul class="tokens">
          {details.tokens.map((token) => (
            <li key={token.id}>
              {token.name}, made {token.createdAt.slice(0, 10)}
              {token.lastUsedAt ? `, last used ${token.lastUsedAt.slice(0, 10)}` : ', never used'}
              <form method="post" action={`/account/tokens/${token.id}/revoke`} class="inline-form">
                <Csrf value={csrf} />
                <button type="submit">Revoke</button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" action="/account/tokens" class="account-form">
          <Csrf value={csrf} />
          <Field name="name" label="Token name" hint="Where you will use it, such as “my e-reader”." />
          <button type="submit">Make a token</button>
        </form>
      </section>

      <section aria-labelledby="email-heading">
        <h2 id="email-heading">Email address</h2>
        <form method="post" action="/account/email" class="account-form">
          <Csrf value={csrf} />
          <Field name="newEmail" label="New email address" type="email" autocomplete="email" />
          <Field name="password" label="Your password" type="password" autocomplete="current-password" />
          <button type="submit">Send a confirmation link</button>
        </form>
      </section>

      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete your account</h2>
        <form method="post" action="/account/delete" class="account-form">
          <Csrf value={csrf} />
          <fieldset>
            <legend>Your works</legend>
            <div class="radio">
              <input type="radio" id="works-orphan" name="works" value="orphan" checked />
              <label for="works-orphan">Orphan them: they stay, under orphan_account</label>
            </div>
            <div class="radio">
              <input type="radio" id="works-delete" name="works" value="delete" />
              <label for="works-delete">Delete them (works written with others stay theirs)</label>
            </div>
          </fieldset>
          <Field name="password" label="Your password" type="password" autocomplete="current-password" />
          <button type="submit" class="danger">
            Delete my account
          </button>
        </form>
      </section>
    </Layout>
  );
}
