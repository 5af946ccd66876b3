import type { Store } from '../db/connect.ts';
import type { Rating } from '../domain/required-tags.ts';
import type { SearchProvider } from '../search/search-provider.ts';
import type { Mailer } from '../services/accounts/mailer.ts';
import { purgeExpiredSessions } from '../services/accounts/session.service.ts';
import { sendSubscriptionMail } from '../services/community/subscription-mail.service.ts';
import { publishDueChapters } from '../services/posting/chapter.service.ts';
import type { App } from './app-deps.ts';

/** How often the server looks for chapters due, subscription mail due and sessions expired. */
export const SCHEDULED_WORK_MS = 60_000;

/** Where subscription mail goes, and the public address its links start with (known once listening). */
export interface ScheduledMail {
  mailer: Mailer;
  siteUrl: () => string;
  /** Ratings the site hides: news of such works is not mailed. */
  hiddenRatings: readonly Rating[];
}

/**
 * While the server runs, every minute: post scheduled chapters whose time has come, send subscription mail
 * (what an immediate mail missed, and the daily digests after midnight UTC) and forget expired sessions.
 * Several servers may do it at once: each chapter is posted by whichever deletes its row first, each mail
 * sent by whichever moves the member's mark first.
 */
export function startScheduledWork(
  app: App,
  store: Store,
  search: SearchProvider,
  mail: ScheduledMail,
): void {
  const run = async () => {
    try {
      const posted = await publishDueChapters(store.db, search);
      if (posted > 0) app.log.info({ posted }, 'scheduled chapters posted');
      for (const frequency of ['immediately', 'daily'] as const) {
        const mailed = await sendSubscriptionMail(store.db, mail.mailer, {
          frequency,
          siteUrl: mail.siteUrl(),
          hiddenRatings: mail.hiddenRatings,
        });
        if (mailed.sent + mailed.failed > 0) app.log.info({ frequency, ...mailed }, 'subscription mail');
      }
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
