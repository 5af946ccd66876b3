import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The Content-Security-Policy every answer carries, as @fastify/helmet takes it. Nothing is loaded from another
 * origin: no inline script or style, no fonts but the site's own (it ships none today; helmet's default would
 * allow any https: origin), images only from the site and `data:` addresses.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  fontSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

/** What helmet sends on every answer: the policy above, and cross-origin reads of downloads and feeds. */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  // Sent only over HTTPS, by the hook below.
  strictTransportSecurity: false,
  // Downloads and feeds are opened by e-reader apps from other origins.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/** The headers helmet sets and the ones it removes, for options whose values do not depend on the request. */
export function helmetHeaders(options: HelmetOptions): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const response = {
    setHeader: (name: string, value: unknown) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return { set, removed };
}

/** The policy as a header value, for the few answers written before the security headers' hook runs (error-pages.tsx). */
export function cspHeader(): string {
  return Object.entries(CSP_DIRECTIVES)
    .map(
      ([name, values]) =>
        `${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join('; ');
}

/** Headers for an answer sent without the app's hooks (a bad URL, a request the HTTP parser refused). */
export const BARE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': cspHeader(),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const ONE_YEAR = 365 * 24 * 60 * 60;

/**
 * One onRequest hook setting helmet's headers, worked out once (@fastify/helmet ran helmet's middleware anew
 * on every request, in two hooks), and Strict-Transport-Security only on an answer that came over HTTPS
 * (directly, or through a trusted proxy's X-Forwarded-Proto, which `request.protocol` reads when `trustProxy`
 * is set): over plain HTTP the header means nothing to a browser (RFC 6797 §8.1) and only misleads whoever
 * reads the headers.
 */
export function securityHeadersHook(
  options: HelmetOptions = HELMET_OPTIONS,
): (request: FastifyRequest, reply: FastifyReply, done: () => void) => void {
  const { set, removed } = helmetHeaders(options);
  return (request, reply, done) => {
    // On the raw response, as helmet does: they go out before the headers Fastify writes.
    const raw = reply.raw;
    for (const [name, value] of set) raw.setHeader(name, value);
    for (const name of removed) raw.removeHeader(name);
    if (request.protocol === 'https') reply.header('strict-transport-security', `max-age=${ONE_YEAR}`);
    done();
  };
}
