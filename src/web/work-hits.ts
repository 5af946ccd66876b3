import type { FastifyRequest } from 'fastify';
import type { Actor } from '../services/accounts/actor.ts';
import type { HitCounter } from '../services/community/hit-counter.ts';

/**
 * Count a hit for a work's page answered with 200 (a route whose config says `countsHit`), by `viewer` (null:
 * a guest): the work pages' own hook and the page cache's early answers (page-cache-early.ts) count here.
 */
export async function countWorkHit(hits: HitCounter, request: FastifyRequest, viewer: Actor): Promise<void> {
  const { id } = request.params as { id: number | string };
  try {
    await hits.visit(
      Number(id),
      viewer
        ? { userId: viewer.userId }
        : { address: request.ip, userAgent: request.headers['user-agent'] ?? '' },
    );
  } catch (error) {
    // A hit not counted is no reason to fail the page (the work may have been deleted meanwhile).
    request.log.warn({ err: error }, 'hit not counted');
  }
}
