import type { FastifyRequest } from 'fastify';

/** What an archive owner sets for the whole site (`quire serve` options or environment). */
export interface SiteConfig {
  /** The archive's name, shown in the header, titles and feeds. */
  name: string;
  /** The public address, for feeds, downloads and mailed links; when null, the server's own (siteAddress). */
  baseUrl: string | null;
  /** Keep Explicit works out of listings, counts, feeds and subscription news for visitors (their pages stay reachable). */
  hideExplicit: boolean;
  /** Requests per minute one address may make before it is asked to slow down. */
  rateLimit: number;
  /** Works per listing page. */
  perPage: number;
  /** The largest story file a member may upload to start a work from. */
  maxUploadBytes: number;
}

export const DEFAULT_SITE: SiteConfig = {
  name: 'Quire',
  baseUrl: null,
  hideExplicit: false,
  rateLimit: 600,
  perPage: 20,
  maxUploadBytes: 32 * 1024 * 1024,
};

/**
 * The site's public address, for feeds, downloads and mailed links: the configured one, else the address this
 * server was reached at, as its own socket says (`http://127.0.0.1:8080`). Never the request's Host or
 * X-Forwarded-Host header, which a visitor writes: in a link a shared cache keeps, or in a password-reset mail,
 * another site's name would send readers there. `quire serve` asks for `--base-url` wherever the socket's
 * address is not what readers use (any address but loopback, or behind a proxy).
 */
export function siteAddress(site: SiteConfig, request: FastifyRequest): string {
  if (site.baseUrl) return site.baseUrl.replace(/\/+$/, '');
  const { localAddress, localPort } = request.socket;
  // Injected requests (tests) have no socket address.
  if (!localAddress || !localPort) return 'http://localhost';
  const address = localAddress.replace(/^::ffff:/, '');
  return `http://${address.includes(':') ? `[${address}]` : address}:${localPort}`;
}
