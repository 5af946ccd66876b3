import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * The longest address Quire answers. The longest a page links to is a works index with every filter set, a
 * few hundred characters; 8 KB is what common proxies and servers accept for a request line.
 */
export const MAX_URL_LENGTH = 8192;

/** An over-long address is the 414 page, whatever route it names. */
export function refuseLongUrl(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  if (request.url.length <= MAX_URL_LENGTH) {
    done();
    return;
  }
  const error = new Error(
    `This address is ${request.url.length} characters long; Quire reads addresses of up to ${MAX_URL_LENGTH}.`,
  ) as Error & { statusCode: number };
  error.statusCode = 414;
  done(error);
}

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 3 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((item) => holdsNul(item, depth + 1));
}

/**
 * A NUL character in a path, query or form is refused before any route reads it: PostgreSQL's text cannot
 * hold one (it would fail the query), SQLite's can, and the answer should not depend on the database.
 */
export function refuseNul(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  const nul = holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body);
  done(
    nul
      ? new AppError(
          'INVALID_INPUT',
          'This request holds a NUL character (%00), which no name or text here contains.',
        )
      : undefined,
  );
}

function holdsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(holdsNonFinite);
}

/**
 * After validation: a number that is not finite is refused. Ajv's type coercion turns `1e309` into Infinity
 * and then skips its own minimum and maximum checks on it, so a route's `Type.Integer({ maximum })` alone lets
 * it through to the database (PostgreSQL fails the query).
 */
export function refuseNonFinite(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void {
  const infinite = holdsNonFinite(request.params) || holdsNonFinite(request.query);
  done(
    infinite
      ? new AppError('INVALID_INPUT', 'This address has a number too large to be one Quire uses.')
      : undefined,
  );
}
