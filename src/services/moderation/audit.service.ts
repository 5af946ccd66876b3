import type { Db } from '../../db/database.ts';
import type { AuditRow } from '../../db/moderation.tables.ts';
import { listAudit } from '../../repositories/moderation/audit.repository.ts';
import type { Actor } from '../accounts/actor.ts';
import { authorize, SITE } from '../accounts/policy.ts';

export const AUDIT_PAGE_SIZE = 50;

/** One page of the audit log, newest first, for an admin. */
export async function readAuditLog(
  db: Db,
  actor: Actor,
  page: number,
): Promise<{ entries: AuditRow[]; page: number; more: boolean }> {
  authorize(actor, 'audit.read', SITE, 'the audit log');
  const { entries, more } = await listAudit(db, page, AUDIT_PAGE_SIZE);
  return { entries, page, more };
}
