import type { Page } from 'playwright-core';
/**
 * Each kind of page a reader meets, at the two widths the docs show: a 375-pixel phone and a 1280-pixel
 * desktop. `npm run screenshots` writes `docs/screenshots/<kind>-<width>.png` for each; the browser tests
 * hold every one of them to the page it shows (see screenshots.e2e.test.ts).
 */
export const WIDTHS = [
  { width: 375, height: 800 },
  { width: 1280, height: 900 },
] as const;

export const PAGE_KINDS: {
  kind: string;
  path: string;
  settings?: string;
  /** An element to open (a `<details>`) and scroll to the top of the window before the screenshot. */
  show?: string;
}[] = [
  { kind: 'home', path: '/' },
  { kind: 'works', path: '/works' },
  { kind: 'works-filtered', path: '/works?tags=Sherlock+(TV)&exclude_tags=Angst&sort=words' },
  { kind: 'work', path: '/works/{Patrol Notes}' },
  { kind: 'work-downloads', path: '/works/{Patrol Notes}', show: 'details.download-menu' },
  { kind: 'work-end', path: '/works/{Patrol Notes}/chapters/2', show: 'section.kudos' },
  { kind: 'chapter-dark', path: '/works/{Patrol Notes}/chapters/2', settings: 'theme=dark&font_size=large' },
  { kind: 'chapter-index', path: '/works/{Patrol Notes}/navigate' },
  { kind: 'adult-gate', path: '/works/{Bloody Valentine}' },
  { kind: 'tag', path: '/tags/Sherlock%20(TV)/works' },
  { kind: 'fandoms', path: '/fandoms' },
  { kind: 'series-index', path: '/series' },
  { kind: 'series', path: '/series/{series The Tuesday Cases}' },
  { kind: 'creators', path: '/creators' },
  { kind: 'creator', path: '/creators/lanternfish' },
  { kind: 'search', path: '/search' },
  { kind: 'warnings-hidden', path: '/works', settings: 'hide_warnings=1' },
  { kind: 'settings', path: '/settings' },
];

/** Open and scroll to a page kind's `show` element, so its screenshot shows what sits below the fold. */
export async function showPart(page: Page, show: string | undefined): Promise<void> {
  if (!show) return;
  const part = page.locator(show).first();
  await part.evaluate((element) => {
    if (element instanceof HTMLDetailsElement) element.open = true;
    element.scrollIntoView({ block: 'start' });
  });
}

export const screenshotFile = (kind: string, width: number): string =>
  `docs/screenshots/${kind}-${width}.png`;

/**
 * A page kind's address on a running demo: `{Title}` becomes that work's id and `{series Title}` that
 * series' id, looked up through the site, since ids follow the order an import happened to store works in.
 */
export async function resolvePath(base: string, path: string): Promise<string> {
  let resolved = path;
  for (const [placeholder, inner] of path.matchAll(/\{([^}]+)\}/g)) {
    const series = /^series (.+)$/.exec(inner as string)?.[1];
    const listing = series ? '/series' : `/works?q=${encodeURIComponent(`title:"${inner}"`)}`;
    const html = await (await fetch(`${base}${listing}`)).text();
    const title = (series ?? inner ?? '').replaceAll('&', '&amp;');
    const link = new RegExp(`href="/${series ? 'series' : 'works'}/(\\d+)">${title}</a>`).exec(html);
    if (!link) throw new Error(`${path}: nothing called ${title} in the demo`);
    resolved = resolved.replace(placeholder, link[1] as string);
  }
  return resolved;
}
