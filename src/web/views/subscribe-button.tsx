import type { SubscriptionKind } from '../../db/subscriptions.tables.ts';
import { Csrf } from './account.page.tsx';

/** What a page shows of a subscription: the button for a member, a log-in prompt for a guest. */
export interface SubscribeBox {
  kind: SubscriptionKind;
  targetId: number;
  /** What is followed, as the button names it ("this work", "dawnlark", "Fluff"). */
  label: string;
  subscribed: boolean;
  /** A member's form token; null for a guest, whose page is shared by every guest. */
  csrf: string | null;
  /** The page to come back to: the one the button is on. */
  returnTo: string;
}

export const subscriptionPath = (kind: SubscriptionKind, id: number) => `/subscriptions/${kind}/${id}`;

export function SubscribeButton({ box }: { box: SubscribeBox }) {
  if (box.csrf === null)
    return (
      <p class="subscribe-link">
        <a href={`/login?return_to=${encodeURIComponent(box.returnTo)}`}>Log in</a> to subscribe to{' '}
        {box.label}.
      </p>
    );
  const action = `${subscriptionPath(box.kind, box.targetId)}${box.subscribed ? '/delete' : ''}`;
  return (
    <form method="post" action={action} class="inline-form subscribe-form">
      <Csrf value={box.csrf} />
      <input type="hidden" name="return_to" value={box.returnTo} />
      <button
        type="submit"
        aria-label={`${box.subscribed ? 'Unsubscribe from' : 'Subscribe to'} ${box.label}`}
      >
        {box.subscribed ? 'Unsubscribe' : 'Subscribe'}
      </button>
    </form>
  );
}
