import type { Generated } from 'kysely';

/** A member's mutes, blocks, saved searches and exclusion list (migration 0015). */

/** One member muting another: the muted member's works and comments leave what the muter reads. */
export interface MuteTable {
  user_id: number;
  muted_user_id: number;
  created_at: string;
}

/** One member blocking another: the blocked member may not comment on the blocker's works or answer them. */
export interface BlockTable {
  user_id: number;
  blocked_user_id: number;
  created_at: string;
}

/** A works search a member named and kept: the query string as /works reads it. */
export interface SavedFilterTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  query: string;
  created_at: string;
}

export const EXCLUSION_KINDS = ['tag', 'creator', 'rating'] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

/** One entry of a member's exclusion list: a tag or creator by name, or a rating. */
export interface ExclusionTable {
  user_id: number;
  kind: ExclusionKind;
  value: string;
  created_at: string;
}

/** A member's private feed address, as the SHA-256 of its secret (migration 0019). */
export interface FeedTokenTable {
  user_id: number;
  token_hash: string;
  created_at: string;
}

export interface MemberFilterTables {
  feed_tokens: FeedTokenTable;
  mutes: MuteTable;
  blocks: BlockTable;
  saved_filters: SavedFilterTable;
  exclusions: ExclusionTable;
}
