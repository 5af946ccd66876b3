import type { FastifyRequest } from 'fastify';

/** What an archive owner sets for the whole site (`quire serve` options or environment). */
export interface SiteConfig {
  /** The archive's name, shown in the header, titles and feeds. */
  name: string;
  /** The public address, for feeds and downloads; when null, taken from each request's Host header. */
  baseUrl: string | null;
  /** Keep Explicit works out of listings, counts and feeds for visitors (their pages stay reachable). */
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

/** The site's public address: the configured one, else the request's own. */
export function siteAddress(site: SiteConfig, request: FastifyRequest): string {
  return (site.baseUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}
