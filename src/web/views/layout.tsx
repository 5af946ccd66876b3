import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Feeds this page offers, linked in the head for feed readers. */
  feeds?: { title: string; href: string; type?: string }[];
  /** Keep search engines off pages that only repeat others (filtered listings, gates). */
  noindex?: boolean;
  /** Skip links beyond "Skip to content": a listing's filters, say. */
  skipLinks?: { href: string; label: string }[];
}

/**
 * The embedding, override and isolate controls of Unicode's bidirectional algorithm. In the page a writer's
 * title keeps them, each link isolated (quire.css); a tab's title is plain text with no way to isolate the
 * writer's part, where a title opening with RIGHT-TO-LEFT OVERRIDE reversed the rest of it, the site's name
 * too, so the tab's title goes without them. Right-to-left titles still read right to left: the algorithm
 * orders them by their letters.
 */
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function Layout({ ctx, title, children, feeds = [], noindex, skipLinks = [] }: LayoutProps) {
  const { settings, site } = ctx;
  const classes = [
    `theme-${settings.theme}`,
    `font-${settings.fontSize}`,
    `family-${settings.fontFamily}`,
    `width-${settings.width}`,
  ].join(' ');
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>
          {(title === site.name ? title : `${title} | ${site.name}`).replace(DIRECTION_CONTROLS, '')}
        </title>
        {noindex ? <meta name="robots" content="noindex" /> : null}
        <meta name="color-scheme" content={settings.theme === 'system' ? 'light dark' : settings.theme} />
        <link rel="stylesheet" href="/assets/quire.css" />
        {feeds.map((feed) => (
          <link
            key={feed.href}
            rel="alternate"
            type={feed.type ?? 'application/atom+xml'}
            title={feed.title}
            href={feed.href}
          />
        ))}
        <script src="/assets/quire.js" defer />
      </head>
      <body class={classes}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        {skipLinks.map((link) => (
          <a key={link.href} class="skip-link" href={link.href}>
            {link.label}
          </a>
        ))}
        <header class="site-header">
          <a class="site-name" href="/">
            {site.name}
          </a>
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/works">Works</a>
              </li>
              <li>
                <a href="/fandoms">Fandoms</a>
              </li>
              <li>
                <a href="/series">Series</a>
              </li>
              <li>
                <a href="/creators">Creators</a>
              </li>
              <li>
                <a href="/bookmarks">Bookmarks</a>
              </li>
              <li>
                <a href="/search">Search</a>
              </li>
              <li>
                <a href={`/settings?return_to=${encodeURIComponent(ctx.url)}`}>Settings</a>
              </li>
              <li>
                {/* The same link for everyone: cached pages do not depend on who is logged in. */}
                <a href="/account">Account</a>
              </li>
            </ul>
          </nav>
          <search class="quick-search">
            <form action="/works" method="get">
              <label for="site-search" class="sr-only">
                Search works
              </label>
              <input id="site-search" name="q" type="search" placeholder="Search works" />
              <button type="submit">Search</button>
            </form>
          </search>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            Powered by Quire. <a href="/opds">OPDS catalog</a> for e-reader apps.
          </p>
        </footer>
      </body>
    </html>
  );
}
