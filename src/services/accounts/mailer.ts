import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../errors.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Where the archive's mail goes: an SMTP server when one is configured, else the outbox. */
export interface Mailer {
  send(db: Db, message: MailMessage): Promise<void>;
}

/** Mail kept in the database for an admin to read with `quire mail` (and pass on by hand). */
export const outboxMailer: Mailer = {
  async send(db, message) {
    await db
      .insertInto('mail_outbox')
      .values({
        recipient: message.to,
        subject: message.subject,
        body: message.text,
        created_at: new Date().toISOString(),
      })
      .execute();
  },
};

/** Mail sent through an SMTP server (`smtp://user:pass@host:587` or `smtps://...`), from `from`. */
export function smtpMailer(
  url: string,
  from: string,
  transport: Transporter = nodemailer.createTransport(url),
): Mailer {
  return {
    async send(_db, message) {
      try {
        await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        throw new AppError(
          'MAIL_FAILED',
          `The mail server did not take the message to ${message.to}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    },
  };
}

/** The mailer `QUIRE_SMTP_URL` and `QUIRE_MAIL_FROM` configure; the outbox when no server is set. */
export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  const url = env.QUIRE_SMTP_URL;
  if (!url) return outboxMailer;
  return smtpMailer(url, env.QUIRE_MAIL_FROM ?? 'Quire <quire@localhost>');
}

export interface OutboxMail {
  id: number;
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

/** The outbox, oldest first; `unreadOnly` leaves out what an admin has already read. */
export async function listOutbox(db: Db, options: { unreadOnly?: boolean } = {}): Promise<OutboxMail[]> {
  let query = db.selectFrom('mail_outbox').selectAll().orderBy('id');
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at,
    readAt: row.read_at,
  }));
}

export async function markOutboxRead(db: Db, ids: readonly number[], now = new Date()): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('mail_outbox')
    .set({ read_at: now.toISOString() })
    .where('id', 'in', [...ids])
    .execute();
}
