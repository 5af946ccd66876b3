import type { ColumnType } from 'kysely';

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

export interface CommunityTables {
  work_visits: WorkVisitTable;
  visit_salts: VisitSaltTable;
}
