import type { DigestFrequency, SubscriptionKind } from '../../db/subscriptions.tables.ts';
import type { SubscriptionEntry } from '../../services/community/subscription.service.ts';
import { creatorPath, seriesPath, tagPath, workPath } from '../paths.ts';
import { Csrf } from './account.page.tsx';
import { formatDate } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { subscriptionPath } from './subscribe-button.tsx';

const KIND_LABELS: Record<SubscriptionKind, string> = {
  work: 'Work',
  creator: 'Creator',
  series: 'Series',
  tag: 'Tag',
};

const DIGEST_LABELS: Record<DigestFrequency, string> = {
  never: 'Never: the inbox is enough',
  immediately: 'Immediately: a mail for each new chapter or work',
  daily: 'Daily: one mail a day with what arrived the day before',
};

function targetPath(entry: SubscriptionEntry): string {
  switch (entry.kind) {
    case 'work':
      return workPath(entry.targetId);
    case 'creator':
      return creatorPath(entry.label);
    case 'series':
      return seriesPath(entry.targetId);
    case 'tag':
      return tagPath(entry.label);
  }
}

/** A member's subscriptions, each with its unsubscribe button, and their choice of mail. */
export function SubscriptionsPage({
  ctx,
  csrf,
  subscriptions,
  digest,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  subscriptions: SubscriptionEntry[];
  digest: DigestFrequency;
  notice?: string;
}) {
  return (
    <Layout ctx={ctx} title="Your subscriptions" noindex>
      <h1>Your subscriptions</h1>
      {notice ? <p role="status">{notice}</p> : null}
      <p>
        New chapters and works of what you subscribe to arrive in <a href="/inbox">your inbox</a>.
      </p>
      {subscriptions.length === 0 ? (
        <p>You subscribe to nothing yet: the Subscribe button is on works, creators, series and tags.</p>
      ) : (
        <ul class="subscriptions">
          {subscriptions.map((entry) => (
            <li key={`${entry.kind}-${entry.targetId}`}>
              {KIND_LABELS[entry.kind]}: <a href={targetPath(entry)}>{entry.label}</a>{' '}
              <span class="datetime">since {formatDate(entry.createdAt)}</span>{' '}
              <form
                method="post"
                action={`${subscriptionPath(entry.kind, entry.targetId)}/delete`}
                class="inline-form"
              >
                <Csrf value={csrf} />
                <input type="hidden" name="return_to" value="/account/subscriptions" />
                <button type="submit" aria-label={`Unsubscribe from ${entry.label}`}>
                  Unsubscribe
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/account/subscriptions/digest" class="account-form">
        <Csrf value={csrf} />
        <fieldset>
          <legend>Email me about my subscriptions</legend>
          {(Object.keys(DIGEST_LABELS) as DigestFrequency[]).map((frequency) => (
            <div class="field" key={frequency}>
              <input
                type="radio"
                id={`digest-${frequency}`}
                name="frequency"
                value={frequency}
                checked={digest === frequency}
              />{' '}
              <label for={`digest-${frequency}`}>{DIGEST_LABELS[frequency]}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit">Save</button>
      </form>
    </Layout>
  );
}
