import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { HTTP_STATUS, isAppError } from '../errors.ts';
import { describeArchiveFailure } from '../services/archive-failure.ts';
import type { AppDeps } from './app-deps.ts';
import { DEFAULT_SETTINGS } from './reader-settings.ts';
import { sendPage } from './render.ts';
import { BARE_PAGE_HEADERS } from './security-headers.ts';
import type { SiteConfig } from './site-config.ts';
import { ErrorPage } from './views/pages.tsx';

/**
 * Every failure a visitor can meet is the site's own page with the status that says what happened: a bad
 * parameter, a missing page, a URL the router cannot read, a request the HTTP parser refused, an archive that
 * went away. Never Fastify's JSON, and never a stack trace.
 */

const TITLE_OF: Record<number, string> = {
  400: 'That request cannot be answered',
  403: 'That is not allowed',
  404: 'Page not found',
  408: 'That request took too long',
  413: 'That request is too large',
  414: 'That address is too long',
  415: 'That request is in a form Quire does not read',
  429: 'Too many requests',
  431: 'That request has too many headers',
  503: 'The archive is unavailable',
};

const MALFORMED_MULTIPART =
  /^(Unexpected end of multipart data|Malformed part header|Multipart: Boundary not found)/;

const INTERNAL = 'Something went wrong on our side. It has been logged; please try again later.';

/** The status and the sentence a visitor is shown for an error thrown while answering. */
export function describeError(error: unknown): { status: number; message: string } {
  const failure = error as Error & { statusCode?: number; validation?: unknown };
  if (failure.validation)
    return { status: 400, message: `This address has a value Quire cannot use: ${failure.message}.` };
  const known = isAppError(error) ? error : describeArchiveFailure(error);
  if (known) {
    const status = HTTP_STATUS[known.code];
    return { status, message: status < 500 || status === 503 ? known.message : INTERNAL };
  }
  if (failure.statusCode && failure.statusCode >= 400 && failure.statusCode < 500)
    return { status: failure.statusCode, message: failure.message };
  // Busboy (under @fastify/multipart) throws plain errors for a malformed upload, before any handler runs.
  if (MALFORMED_MULTIPART.test(failure.message ?? ''))
    return { status: 400, message: `The uploaded form cannot be read: ${failure.message}.` };
  return { status: 500, message: INTERNAL };
}

export function errorPage(
  status: number,
  message: string,
  deps: Pick<AppDeps, 'context'>,
  request: FastifyRequest,
) {
  return (
    <ErrorPage
      ctx={deps.context(request)}
      status={status}
      title={TITLE_OF[status] ?? 'Something went wrong'}
      message={message}
    />
  );
}

/** The app's error handler. */
export function handleError(deps: Pick<AppDeps, 'context'>) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { status, message } = describeError(error);
    // A visitor never sees a stack trace; the log keeps it.
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status, reason: message }, 'request refused');
    if (status === 429) reply.header('retry-after', '60');
    if (status === 503) reply.header('retry-after', '30');
    return sendPage(reply, errorPage(status, message, deps, request), status);
  };
}

/** The app's 404 page. */
export function handleNotFound(deps: Pick<AppDeps, 'context'>) {
  return (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(
      reply,
      errorPage(
        404,
        'There is no page at this address. The work may have been removed, or the link may be mistyped.',
        deps,
        request,
      ),
      404,
    );
}

/**
 * What the router cannot route: a malformed percent escape (`%ff`) and a path segment over the length limit.
 * Fastify calls this before any hook, so the security headers are set here.
 */
export function handleFrameworkError(deps: Pick<AppDeps, 'context'>) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status =
      error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : error.code === 'FST_ERR_BAD_URL' ? 400 : 500;
    const message =
      status === 414
        ? 'A part of this address is longer than Quire reads.'
        : status === 400
          ? 'This address cannot be read: it has a % that is not followed by two hexadecimal digits, or bytes that are not UTF-8.'
          : INTERNAL;
    request.log.info({ status, reason: error.code }, 'request refused');
    reply.headers(BARE_PAGE_HEADERS);
    return sendPage(reply, errorPage(status, message, deps, request), status);
  };
}

/** Why Node's HTTP parser refused a request, in the visitor's words. */
const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    message:
      'The request’s headers (cookies above all) are larger than Quire reads. Clearing this site’s cookies may help.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive in time.' },
};

/**
 * Node's HTTP parser refused the request before Fastify saw it (headers too large, malformed request line):
 * the same page, written straight to the socket, as Fastify's own handler does with JSON.
 */
export function handleClientError(site: SiteConfig) {
  return (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, message } = CLIENT_ERRORS[error.code ?? ''] ?? {
      status: 400,
      message: 'This request is not valid HTTP.',
    };
    if (socket.writable) {
      const body = `<!DOCTYPE html>${renderToString(
        <ErrorPage
          ctx={{ site, settings: DEFAULT_SETTINGS, url: '/' }}
          status={status}
          title={TITLE_OF[status] ?? 'That request cannot be answered'}
          message={message}
        />,
      )}`;
      const headers = {
        ...BARE_PAGE_HEADERS,
        'content-length': String(Buffer.byteLength(body)),
        connection: 'close',
      };
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join('')}\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
