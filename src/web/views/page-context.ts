import type { ReaderSettings } from '../reader-settings.ts';
import type { SiteConfig } from '../site-config.ts';
import type { KeptBlurbs } from './kept-blurbs.tsx';

/** What every view knows about the request: the site, the reader's settings, where they are. */
export interface PageContext {
  site: SiteConfig;
  settings: ReaderSettings;
  /** The request's path and query, for "return here" links. */
  url: string;
  /** Rendered blurbs kept by the server between requests; absent, listings render every blurb. */
  keptBlurbs?: KeptBlurbs;
}
