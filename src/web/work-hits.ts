import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Actor } from '../services/accounts/actor.ts';
import type { HitCounter, Visitor } from '../services/community/hit-counter.ts';

/**
 * Count a hit for a work's page answered with 200 (a route whose config says `countsHit`), by `viewer` (null:
 * a guest): the work pages' own hook and the page cache's early answers (page-cache-early.ts) count here.
 */
export async function countWorkHit(hits: HitCounter, request: FastifyRequest, viewer: Actor): Promise<void> {
  const { id } = request.params as { id: number | string };
  await countVisit(
    hits,
    Number(id),
    viewer
      ? { userId: viewer.userId }
      : { address: request.ip, userAgent: request.headers['user-agent'] ?? '' },
    request.log,
  );
}

/** Count a visit to a work, logging rather than throwing when it cannot be counted; false then. */
export async function countVisit(
  hits: HitCounter,
  workId: number,
  visitor: Visitor,
  log: FastifyBaseLogger,
): Promise<boolean> {
  try {
    await hits.visit(workId, visitor);
    return true;
  } catch (error) {
    // A hit not counted is no reason to fail the page (the work may have been deleted meanwhile).
    log.warn({ err: error }, 'hit not counted');
    return false;
  }
}
