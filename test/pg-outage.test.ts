/**
 * A PostgreSQL server that dies while Quire serves, and comes back: the connections go through a TCP proxy
 * this test owns, so "dying" is real to the driver (sockets reset mid-query, new connections refused) without
 * touching the shared server. Every page answers the documented 503 page meanwhile, and the archive serves
 * again once the server is back, without a restart.
 */
import { createServer, type Server, Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/connect.ts';
import { postgresSearch } from '../src/search/postgres-fts.ts';
import { buildApp } from '../src/web/app.tsx';
import { insertStories, PG_URL } from './stores.ts';

const STORY = 'Title: Outage\nAuthor: cedar\nFandom: Sherlock (TV)\n\nJohn waited for the kettle.\n';

/** A TCP proxy to the PostgreSQL server that can be cut (every socket destroyed, no listener) and restored. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** While stalled, bytes from the server are held back: a query is in flight when the cut comes. */
  stalled = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    public port = 0,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {});
      }
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => {
        if (!this.stalled) client.write(chunk);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe.skipIf(!PG_URL)('a PostgreSQL server that dies while serving', () => {
  let proxy: CuttableProxy;
  let store: Store;
  let cleanup: () => Promise<void>;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    const target = new URL(PG_URL as string);
    proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
    await proxy.open();
    const viaProxy = new URL(PG_URL as string);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const schema = `quire_outage_${process.pid}`;
    store = await openStore({ databaseUrl: viaProxy.toString(), schema, poolSize: 2 });
    await insertStories({ store, search: postgresSearch, cleanup: async () => {} }, [STORY]);
    app = await buildApp({ store, search: postgresSearch, pageCache: false });
    cleanup = async () => {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.cut();
    await store?.close().catch(() => {});
    await cleanup?.();
  });

  it('answers the 503 page mid-request and after, then serves again once the server is back', async () => {
    expect((await app.inject('/works')).statusCode).toBe(200);

    // A request whose query is in flight when the server dies.
    proxy.stalled = true;
    const inFlight = app.inject('/works/1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await proxy.cut();
    proxy.stalled = false;
    const answered = await inFlight;
    expect(answered.statusCode).toBe(503);
    expect(answered.body).toContain('The archive cannot be reached just now.');

    // While it is down: every page kind, no details of the database.
    for (const url of ['/', '/works', '/works/1', '/tags/Sherlock%20(TV)/works', '/opds/new']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(503);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['retry-after']).toBeTruthy();
      expect(response.body).not.toMatch(/postgres|ECONNREFUSED|127\.0\.0\.1|at async/i);
    }

    // The server comes back on the same address: no restart of Quire is needed.
    await proxy.open();
    const back = await app.inject('/works/1');
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('Outage');
  }, 60_000);
});
