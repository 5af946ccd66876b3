import type { Db } from '../../db/database.ts';
import type { AuditRow } from '../../db/moderation.tables.ts';

/** Who acted: a member, or the command line (user number 0, which no account has). */
export interface AuditActor {
  userId: number;
  name: string;
}

export interface AuditEntry {
  action: string;
  targetKind: string;
  targetId: number | null;
  targetLabel: string;
  note?: string | null;
}

/** Write one line of the audit log. Called inside the action's own transaction, so both apply or neither. */
export async function recordAudit(
  db: Db,
  actor: AuditActor,
  entry: AuditEntry,
  now = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actor.userId > 0 ? actor.userId : null,
      actor_name: actor.name,
      action: entry.action,
      target_kind: entry.targetKind,
      target_id: entry.targetId,
      target_label: entry.targetLabel.slice(0, 300),
      note: entry.note?.trim() ? entry.note.trim() : null,
      created_at: now.toISOString(),
    })
    .execute();
}

/** A page of the log, newest first, and whether an older page follows. */
export async function listAudit(
  db: Db,
  page: number,
  perPage: number,
): Promise<{ entries: AuditRow[]; more: boolean }> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return { entries: rows.slice(0, perPage), more: rows.length > perPage };
}
