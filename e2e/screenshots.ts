/**
 * `npm run screenshots`: the main pages of the demo archive, on a desktop and a 320-pixel phone, in
 * docs/screenshots/ (the README shows them). Needs Debian's chromium, as the browser journeys do.
 */
import { mkdirSync } from 'node:fs';
import { HAVE_CHROMIUM, launchChromium, startDemoServer } from './demo-server.ts';

if (!HAVE_CHROMIUM) {
  console.error('chromium is missing: apt-get install chromium');
  process.exit(2);
}
const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });
const server = await startDemoServer();
const browser = await launchChromium();
const SHOTS: [string, string, { width: number; height: number }, string?][] = [
  ['home', '/', { width: 1280, height: 900 }],
  [
    'works-filtered',
    '/works?tags=Sherlock+(TV)&exclude_tags=Angst&sort=words',
    { width: 1280, height: 1100 },
  ],
  ['work', '/works/10', { width: 1280, height: 1100 }],
  ['adult-gate', '/works/1', { width: 1280, height: 600 }],
  ['work-dark-phone', '/works/10/chapters/2', { width: 320, height: 760 }, 'theme=dark&font_size=large'],
  ['fandoms', '/fandoms', { width: 1280, height: 700 }],
];
try {
  for (const [name, path, viewport, settings] of SHOTS) {
    const context = await browser.newContext({ viewport });
    if (settings) await context.addCookies([{ name: 'quire_reader', value: settings, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.screenshot({ path: `${OUT}/${name}.png` });
    await context.close();
    console.log(`${OUT}/${name}.png`);
  }
} finally {
  await browser.close();
  await server.close();
}
