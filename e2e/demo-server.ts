/** The demo archive served on a free port, and Debian's Chromium, for the browser journeys and screenshots. */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SAMPLES_DIR } from '../src/cli/demo.ts';
import { openStore, type Store } from '../src/db/connect.ts';
import type { SearchProvider } from '../src/search/search-provider.ts';
import { sqliteSearch } from '../src/search/sqlite-fts.ts';
import { importStories } from '../src/services/import.service.ts';
import type { App } from '../src/web/app-deps.ts';
import { startServer } from '../src/web/server.ts';
import { openTestStore } from '../test/stores.ts';

export const CHROMIUM = process.env.QUIRE_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM)
  console.log(`${CHROMIUM} is missing: browser tests are skipped (.ci/run installs Debian's chromium).`);

export interface DemoServer {
  url: string;
  app: App;
  /** The archive served, for journeys that set up what no page does (the first admin). */
  store: Store;
  /** Its search provider, for journeys that post works through the services. */
  search: SearchProvider;
  close(): Promise<void>;
}

/**
 * The demo archive on SQLite, or on PostgreSQL (a schema of its own, dropped at close) for the journeys that
 * run on both (test/stores.ts: when QUIRE_TEST_PG_URL is set).
 */
export async function startDemoServer(dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<DemoServer> {
  const { store, search, cleanup } =
    dialect === 'sqlite'
      ? await (async () => {
          const sqlite = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'quire-e2e-')) });
          return { store: sqlite, search: sqliteSearch, cleanup: () => sqlite.close() };
        })()
      : await openTestStore('postgres');
  const summary = await importStories(store, search, { paths: [SAMPLES_DIR] });
  if (summary.counts.failed > 0) throw new Error(`demo import failed: ${JSON.stringify(summary.failures)}`);
  const { app, url } = await startServer({
    store,
    search,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'warn',
    site: { name: 'Quire demo', rateLimit: 100_000 },
  });
  return {
    url: url.replace(/\/$/, ''),
    app,
    store,
    search,
    close: async () => {
      await app.close();
      await cleanup();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * The demo server and Chromium that the journeys of one describe block share: registered as its beforeAll
 * and afterAll, so call it inside the block; both are there once its tests run.
 */
export function useDemoBrowser(dialect: 'sqlite' | 'postgres' = 'sqlite'): {
  readonly server: DemoServer;
  readonly browser: Browser;
} {
  const session = {} as { server: DemoServer; browser: Browser };
  beforeAll(async () => {
    session.server = await startDemoServer(dialect);
    session.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

/** A page of a browser context of its own, logged in as the member (password "correct horse"). */
export async function logInPage(browser: Browser, siteUrl: string, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${siteUrl}/login`);
  await page.getByLabel('Username or email').fill(name);
  await page.getByLabel('Password').fill('correct horse');
  await page.locator('main form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}
