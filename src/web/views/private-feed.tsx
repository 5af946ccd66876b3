import { Csrf } from './account.page.tsx';

/** Where a member makes, replaces and revokes their private feed address (on /account/filters). */
export const PRIVATE_FEED_PATH = '/account/filters/feed-key';

/** The private feed section's state: when the address was made, and the new one just made (shown once). */
export interface PrivateFeedState {
  madeAt: string | null;
  /** The feed the member came from (a page's Atom feed), to show its private address. */
  feed: string | null;
  /** Full addresses with the new secret, right after it was made; never again. */
  made?: { label: string; href: string }[];
}

/** The settings page's private feed address: what it is, the one just made, make anew, revoke. */
export function PrivateFeedSection({ state, csrf }: { state: PrivateFeedState; csrf: string }) {
  return (
    <section id="private-feed" aria-labelledby="private-feed-heading">
      <h2 id="private-feed-heading">Private feed address</h2>
      <p>
        Feed readers do not log in, so the site's feeds leave nothing out for you. A private address (a secret
        key added to a feed's address) gives you the Atom and OPDS feeds without the works of members you
        muted and without what you always leave out. Anyone with the address sees that feed: replace it if it
        leaks.
      </p>
      {state.made ? (
        <div role="status" class="private-feed-made">
          <p>Copy your private addresses now: they are not shown again.</p>
          <ul>
            {state.made.map((address) => (
              <li key={address.label}>
                {address.label}: <code>{address.href}</code>
              </li>
            ))}
          </ul>
          <p>Add the same “key=…” to any other feed's address.</p>
        </div>
      ) : state.madeAt ? (
        <p>
          You made one on {state.madeAt.slice(0, 10)}. It is shown only when made: make a new one to see it
          again (the old one then stops working).
        </p>
      ) : (
        <p>You have none.</p>
      )}
      <form method="post" action={PRIVATE_FEED_PATH} class="inline-form">
        <Csrf value={csrf} />
        {state.feed ? <input type="hidden" name="feed" value={state.feed} /> : null}
        <button type="submit">
          {state.madeAt ? 'Replace my private address' : 'Make a private address'}
        </button>
      </form>
      {state.madeAt ? (
        <form method="post" action={`${PRIVATE_FEED_PATH}/delete`} class="inline-form">
          <Csrf value={csrf} />
          <button type="submit" class="danger">
            Revoke it
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** Beside a page's feed link, for a member: where to get the same feed with their filters. */
export function PrivateFeedLink({ feed }: { feed: string }) {
  return (
    <a class="private-feed-link" href={`/account/filters?feed=${encodeURIComponent(feed)}#private-feed`}>
      Your private feed (without what you muted or leave out)
    </a>
  );
}
