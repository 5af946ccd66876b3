import type { FastifyReply, FastifyRequest } from 'fastify';

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

/** The policy as a header value, for the few answers written before helmet's hook runs (error-pages.tsx). */
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
 * Strict-Transport-Security only on an answer that came over HTTPS (directly, or through a trusted proxy's
 * X-Forwarded-Proto, which `request.protocol` reads when `trustProxy` is set): over plain HTTP the header means
 * nothing to a browser (RFC 6797 §8.1) and only misleads whoever reads the headers.
 */
export function addHsts(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  if (request.protocol === 'https') reply.header('strict-transport-security', `max-age=${ONE_YEAR}`);
  done();
}
