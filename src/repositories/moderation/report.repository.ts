import type { Db } from '../../db/database.ts';
import type { ReportRow, ReportTarget, Resolution } from '../../db/moderation.tables.ts';

export interface NewReport {
  targetKind: ReportTarget;
  targetId: number;
  targetLabel: string;
  reporterId: number | null;
  reason: string;
  details: string;
}

export async function insertReport(db: Db, report: NewReport, now: Date): Promise<number> {
  const row = await db
    .insertInto('reports')
    .values({
      target_kind: report.targetKind,
      target_id: report.targetId,
      target_label: report.targetLabel,
      reporter_id: report.reporterId,
      reason: report.reason,
      details: report.details,
      created_at: now.toISOString(),
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      resolution_note: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A report with its reporter's name (null for a guest or a deleted account). */
export type ReportListing = ReportRow & { reporter_name: string | null };

/** Open reports, oldest first: the queue is worked from the front. */
export async function listOpenReports(db: Db, limit = 200): Promise<ReportListing[]> {
  return db
    .selectFrom('reports')
    .leftJoin('users', 'users.id', 'reports.reporter_id')
    .selectAll('reports')
    .select('users.name as reporter_name')
    .where('reports.resolved_at', 'is', null)
    .orderBy('reports.id')
    .limit(limit)
    .execute();
}

export async function findReport(db: Db, id: number): Promise<ReportRow | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Close an open report; false when it was already resolved (by another admin, or a second click). */
export async function closeReport(
  db: Db,
  id: number,
  by: number | null,
  resolution: Resolution,
  note: string | null,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set({ resolved_at: now.toISOString(), resolved_by: by, resolution, resolution_note: note })
    .where('id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
