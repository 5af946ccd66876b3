import type { FastifyRequest } from 'fastify';
import { mailerFromEnv } from '../services/accounts/mailer.ts';
import { sendSubscriptionMail } from '../services/community/subscription-mail.service.ts';
import type { AccountDeps } from './auth.ts';
import { siteAddress } from './site-config.ts';

/**
 * After a posting: mail the subscribers who want news at once. The posting is done whatever happens here; a
 * mail that does not go is logged and tried again by the scheduled work (scheduled-work.ts).
 */
export async function mailSubscribersNow(deps: AccountDeps, request: FastifyRequest): Promise<void> {
  try {
    await sendSubscriptionMail(deps.store.db, mailerFromEnv(), {
      frequency: 'immediately',
      siteUrl: siteAddress(deps.site, request),
      hiddenRatings: deps.catalog.hiddenRatings(),
    });
  } catch (error) {
    request.log.warn({ err: error }, 'subscription mail not sent');
  }
}
