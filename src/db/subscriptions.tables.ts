import type { ColumnType, Generated } from 'kysely';

/** What a member can follow: a work's chapters, a member's works, a series' works, a tag's new works. */
export type SubscriptionKind = 'work' | 'creator' | 'series' | 'tag';
export const SUBSCRIPTION_KINDS = ['work', 'creator', 'series', 'tag'] as const satisfies SubscriptionKind[];

/**
 * A member following something. `target_id` is a work's, a member's (users.id, covering all their pseuds), a
 * series' or a canonical tag's id; no foreign key, so readers pass over a target that is gone.
 */
export interface SubscriptionTable {
  id: Generated<number>;
  user_id: number;
  kind: SubscriptionKind;
  target_id: number;
  created_at: string;
}

/** How often a member wants their subscriptions' news by mail. */
export type DigestFrequency = 'never' | 'immediately' | 'daily';
export const DIGEST_FREQUENCIES = ['never', 'immediately', 'daily'] as const satisfies DigestFrequency[];

/** A member's mail choice; no row means never. */
export interface SubscriptionDigestTable {
  user_id: number;
  frequency: DigestFrequency;
  /** The newest notification a mail has covered: the next mail starts after it. */
  last_notification_id: ColumnType<number, number | undefined, number>;
  /** When the last mail (or daily digest run) went, ISO 8601. */
  sent_at: string | null;
}

export interface SubscriptionTables {
  subscriptions: SubscriptionTable;
  subscription_digests: SubscriptionDigestTable;
}
