/**
 * `npm run screenshots`: every kind of page of the demo archive (page-kinds.ts) on a 375-pixel phone and a
 * 1280-pixel desktop, in docs/screenshots/ (the README shows some). Needs Debian's chromium, as the browser
 * journeys do.
 */
import { mkdirSync } from 'node:fs';
import { HAVE_CHROMIUM, launchChromium, startDemoServer } from './demo-server.ts';
import { PAGE_KINDS, resolvePath, screenshotFile, showPart, WIDTHS } from './page-kinds.ts';

if (!HAVE_CHROMIUM) {
  console.error('chromium is missing: apt-get install chromium');
  process.exit(2);
}
mkdirSync('docs/screenshots', { recursive: true });
const server = await startDemoServer();
const browser = await launchChromium();
try {
  for (const { kind, path, settings, show } of PAGE_KINDS)
    for (const viewport of WIDTHS) {
      const context = await browser.newContext({ viewport });
      if (settings) await context.addCookies([{ name: 'quire_reader', value: settings, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`${server.url}${await resolvePath(server.url, path)}`);
      await showPart(page, show);
      const file = screenshotFile(kind, viewport.width);
      await page.screenshot({ path: file });
      await context.close();
      console.log(file);
    }
} finally {
  await browser.close();
  await server.close();
}
