import type { Generated, Selectable } from 'kysely';

export const REPORT_TARGETS = ['work', 'comment', 'member'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

/** What an admin did about a report. */
export const RESOLUTIONS = ['hide-work', 'remove-comment', 'suspend-member', 'dismiss'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** A report of a work, a comment or a member, open until an admin resolves it. */
export interface ReportTable {
  id: Generated<number>;
  target_kind: ReportTarget;
  target_id: number;
  /** The target's title or name when reported, kept should it be deleted. */
  target_label: string;
  /** null for a guest. */
  reporter_id: number | null;
  reason: string;
  details: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: number | null;
  resolution: Resolution | null;
  resolution_note: string | null;
}

/** One moderation or wrangling action: who, what, to what, when and why. Never updated. */
export interface AuditLogTable {
  id: Generated<number>;
  /** null for the command line and for an account since deleted. */
  actor_id: number | null;
  actor_name: string;
  action: string;
  target_kind: string;
  target_id: number | null;
  target_label: string;
  note: string | null;
  created_at: string;
}

/**
 * A wrangler's answer to a tag an import inferred on a work: `confirmed` takes it off the suggested-tags
 * queue; `rejected` took it off the work, and keeps it off.
 */
export interface TagReviewTable {
  work_id: number;
  kind: string;
  name: string;
  decision: 'confirmed' | 'rejected';
  decided_by: number | null;
  decided_at: string;
}

export interface ModerationTables {
  reports: ReportTable;
  audit_log: AuditLogTable;
  tag_reviews: TagReviewTable;
}

export type ReportRow = Selectable<ReportTable>;
export type AuditRow = Selectable<AuditLogTable>;
