import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { mailerFromEnv, outboxMailer, smtpMailer } from './mailer.ts';

const message = { to: 'willow@example.org', subject: 'Hello', text: 'A link: https://fic.example/x' };

describe('the mailer', () => {
  it('keeps mail in the outbox unless an SMTP server is configured', () => {
    expect(mailerFromEnv({})).toBe(outboxMailer);
    expect(mailerFromEnv({ QUIRE_SMTP_URL: 'smtp://127.0.0.1:2525' })).not.toBe(outboxMailer);
  });

  it('sends through the transport with the configured sender', async () => {
    const transport = nodemailer.createTransport({ jsonTransport: true });
    const sent: string[] = [];
    const original = transport.sendMail.bind(transport);
    transport.sendMail = (async (mail: Parameters<typeof original>[0]) => {
      const info = await original(mail);
      sent.push(String((info as { message: string }).message));
      return info;
    }) as typeof transport.sendMail;
    await smtpMailer('smtp://unused', 'Quire <q@fic.example>', transport).send(null as never, message);
    expect(JSON.parse(sent[0] ?? '{}')).toMatchObject({
      from: { address: 'q@fic.example' },
      to: [{ address: 'willow@example.org' }],
      subject: 'Hello',
      text: message.text,
    });
  });

  it('says which message a refusing server did not take', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const mailer = smtpMailer('smtp://127.0.0.1:1', 'q@fic.example');
    await expect(mailer.send(null as never, message)).rejects.toMatchObject({
      code: 'MAIL_FAILED',
      message: /did not take the message to willow@example.org/,
    });
  });
});
