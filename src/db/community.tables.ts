import type { ColumnType, Generated } from 'kysely';

/**
 * A visit to a work, for its hit count: one row per visitor, work and day, kept only until counted. The
 * visitor is a SHA-256 of the day's secret salt with the member's id or the guest's address and browser, so
 * no address is stored and yesterday's rows cannot be linked to today's once the salt is gone.
 */
export interface WorkVisitTable {
  work_id: number;
  day: string;
  visitor_hash: string;
  /** 0 until added to the work's hits_count; then the number of the batch that added it. */
  counted: ColumnType<number, number | undefined, number>;
}

/** The secret salt of one UTC day (YYYY-MM-DD); deleted with the day's visits. */
export interface VisitSaltTable {
  day: string;
  salt: string;
}

/**
 * What a member's inbox lists: a comment on their work (`comment`), one held for their approval
 * (`comment_held`), a reply to their comment (`reply`), a new chapter or work of what they subscribe to
 * (`new_chapter`, `new_work`). `read_at` is set when the member has seen it.
 */
export interface NotificationTable {
  id: Generated<number>;
  kind: string;
  user_id: number;
  work_id: number | null;
  comment_id: number | null;
  /** The new chapter of a `new_chapter` notice (migration 0014). */
  chapter_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: string;
  read_at: string | null;
}

export interface CommunityTables {
  notifications: NotificationTable;
  work_visits: WorkVisitTable;
  visit_salts: VisitSaltTable;
}
