import type { Command } from 'commander';
import { runArchiveAction } from './archive-action.ts';
import { addStoreOptions } from './store-options.ts';

export function registerMail(program: Command): void {
  addStoreOptions(
    program
      .command('mail')
      .summary('read the mail outbox (mail kept when no SMTP server is configured)')
      .description(
        'Print the mail Quire kept in its outbox because no SMTP server is configured ($QUIRE_SMTP_URL): password resets, email confirmations, claim invitations. Messages shown are marked read.',
      )
      .option('--all', 'also show messages already read')
      .option('--keep', 'do not mark the messages shown as read')
      .option('--json', 'print JSON'),
  ).action(async (options: { all?: boolean; keep?: boolean; json?: boolean; data?: string }) =>
    runArchiveAction('mail', options, async ({ store }) => {
      const { listOutbox, markOutboxRead } = await import('../services/accounts/mailer.ts');
      const mails = await listOutbox(store.db, { unreadOnly: !options.all });
      if (!options.keep)
        await markOutboxRead(
          store.db,
          mails.filter((mail) => !mail.readAt).map((mail) => mail.id),
        );
      if (options.json) return JSON.stringify(mails, null, 2);
      if (mails.length === 0) return options.all ? 'The outbox is empty.' : 'No unread mail.';
      return mails
        .map((mail) =>
          [
            `To: ${mail.recipient}`,
            `Date: ${mail.createdAt}`,
            `Subject: ${mail.subject}`,
            '',
            mail.body,
          ].join('\n'),
        )
        .join('\n\n----\n\n');
    }),
  );
}
