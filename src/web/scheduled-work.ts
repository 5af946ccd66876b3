import type { Store } from '../db/connect.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import { purgeExpiredSessions } from '../services/accounts/session.service.ts';
import { publishDueChapters } from '../services/posting/chapter.service.ts';
import type { App } from './app-deps.ts';

/** How often the server looks for chapters due and sessions expired. */
export const SCHEDULED_WORK_MS = 60_000;

/**
 * While the server runs: post scheduled chapters whose time has come and forget expired sessions, every
 * minute. Several servers may do it at once: each chapter is posted by whichever deletes its row first.
 */
export function startScheduledWork(app: App, store: Store, search: SearchProvider): void {
  const run = async () => {
    try {
      const posted = await publishDueChapters(store.db, search);
      if (posted > 0) app.log.info({ posted }, 'scheduled chapters posted');
      await purgeExpiredSessions(store.db);
    } catch (error) {
      app.log.error({ err: error }, 'scheduled work failed');
    }
  };
  const timer = setInterval(run, SCHEDULED_WORK_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  void run();
}
