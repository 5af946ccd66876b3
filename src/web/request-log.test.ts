import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../test/stores.ts';
import { buildApp } from './app.tsx';

/** The messages an app logs at `level` while it answers `urls`. */
async function messagesAt(db: TestStore, level: string, urls: string[]): Promise<string[]> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  const app = await buildApp({ store: db.store, search: db.search, logger: pino({ level }, sink) });
  try {
    for (const url of urls) await app.inject({ method: 'GET', url });
  } finally {
    await app.close();
  }
  return lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
}

describe("a server's log of its requests", () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore('sqlite');
  });
  afterAll(async () => db?.cleanup());

  const urls = ['/', '/works/999999', '/no/such/page', '/works?tag=%E0%A4%A'];

  it('has no line per request at info', async () => {
    const messages = await messagesAt(db, 'info', urls);
    expect(messages).not.toContain('incoming request');
    expect(messages).not.toContain('request completed');
  });

  it('has a line as each request comes and goes at debug', async () => {
    const messages = await messagesAt(db, 'debug', urls);
    expect(messages.filter((message) => message === 'incoming request')).toHaveLength(urls.length);
    expect(messages.filter((message) => message === 'request completed')).toHaveLength(urls.length);
  });
});
