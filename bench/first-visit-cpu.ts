/**
 * `node --import tsx bench/first-visit-cpu.ts [--data DIR | --database-url URL] [--pages N] [--only chapters,index,tags] [--rounds R]
 * [--profile PREFIX] [--accept-encoding br] [--slowest N]`: the CPU a first-visit page costs, in this process, through `app.inject` on the app as
 * `quire serve` builds it (page cache, hits written in batches, the text thread), each kind's addresses from
 * bench:http's traffic, every address once. Steadier than bench:http's CPU per request on a shared machine:
 * no load generator, no second process, and the same addresses in the same order each run. Prints CPU ms per
 * request (and the kernel's part of it) and SQL statements per request; `--profile` writes a .cpuprofile of
 * each kind's timed requests.
 * On PostgreSQL (`--database-url`, a server on this machine) it prints the backends' own CPU per request too
 * (bench/pg-backends.ts), which Quire's process does not see. `--slowest N` prints each kind's p50, p99 and
 * N slowest addresses by wall time (run it with `--concurrency 1`, or a page's time includes the others').
 */
import { rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { KyselyPlugin } from 'kysely';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { openStore } from '../src/db/connect.ts';
import { servingSearchProvider } from '../src/search/providers.ts';
import { buildApp } from '../src/web/app.tsx';
import { PageCache } from '../src/web/page-cache.ts';
import { prepareDownloads } from '../src/web/server.ts';
import { buildTraffic } from './http-traffic.ts';
import { meterPostgresCpu } from './pg-backends.ts';

const { values } = parseScriptArgs({
  options: {
    data: { type: 'string', default: 'bench/out/data-10000' },
    'database-url': { type: 'string' },
    pages: { type: 'string', default: '800' },
    only: { type: 'string', default: 'chapters,index,tags' },
    rounds: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
    profile: { type: 'string' },
    slowest: { type: 'string', default: '0' },
    // What browsers send: bench:http's requests ask for no compression.
    'accept-encoding': { type: 'string' },
  },
});
const pages = Number(values.pages);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);
if (!(pages > 0) || !(concurrency > 0) || !(rounds > 0))
  throw new Error('--pages, --concurrency and --rounds must be positive numbers');

let statements = 0;
// Counted as results come back: a fixed query (db/fixed-query.ts) is compiled, and transformed, only once.
const counting: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    statements++;
    return args.result;
  },
};
const databaseUrl = values['database-url'];
const store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: values.data });
const search = servingSearchProvider(store);
// Downloads as quire serve makes them: a build thread and a folder of kept files (a temporary one, so every
// download is a first visit).
const { downloads, temporaryFolder } = await prepareDownloads({
  converters: { chromium: 'none', ebookConvert: 'none' },
});
const app = await buildApp({
  downloads,
  store: { ...store, db: store.db.withPlugin(counting) },
  search,
  hits: { writeEveryMs: 200 },
  pageCache: new PageCache(),
  site: { rateLimit: 10_000_000 },
});
const traffic = await buildTraffic(store, 200_000);
const kinds = values.only.split(',');
// Readers who proceed past the adult notice, as in bench:http.
const headers: Record<string, string> = {
  cookie: 'view_adult=true',
  ...(values['accept-encoding'] ? { 'accept-encoding': values['accept-encoding'] } : {}),
};
const pathsOf = (kind: string) => traffic.find((entry) => entry.kind === kind)?.paths ?? [];

/**
 * One page, then a turn of the event loop, as a server's sockets give it. A page's queries are synchronous,
 * so requests run back to back never left the microtasks: a whole round ran in one turn, every response's
 * setImmediate and the hits' write timer waited for its end, and the heap held each answer until then.
 */
async function visit(url: string) {
  const response = await app.inject({ url, headers });
  await new Promise((resolve) => setImmediate(resolve));
  return response;
}

// The filter index's load and each kind's code, on addresses the timed requests do not visit; then what
// those visits left to do (the hits' batch written) done before any round is timed.
for (const kind of kinds) for (const url of pathsOf(kind).slice(-100)) await visit(url);
await new Promise((resolve) => setTimeout(resolve, 500));

console.log(`first-visit CPU in-process, ${store.location}, ${pages} pages a kind, ${concurrency} at a time`);
for (let round = 0; round < rounds; round++) {
  for (const kind of kinds) {
    const paths = pathsOf(kind).slice(round * pages, (round + 1) * pages);
    let next = 0;
    let failed = 0;
    const timed: { url: string; ms: number }[] = [];
    statements = 0;
    const session = values.profile ? new Session() : null;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const postgres = databaseUrl ? meterPostgresCpu(databaseUrl) : null;
    const start = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < paths.length) {
          const url = paths[next++] as string;
          const began = performance.now();
          const response = await visit(url);
          timed.push({ url, ms: performance.now() - began });
          if (response.statusCode !== 200) failed++;
        }
      }),
    );
    const used = process.cpuUsage(start);
    const postgresMs = postgres ? (postgres.read() * 1000) / paths.length : null;
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(`${values.profile}-${kind}-${round + 1}.cpuprofile`, JSON.stringify(profile));
      session.disconnect();
    }
    const perRequest = (used.user + used.system) / 1000 / paths.length;
    console.log(
      `${kind.padEnd(9)} round ${round + 1}: ${paths.length} pages, ${perRequest.toFixed(2)} ms CPU a page ` +
        `(${(used.system / 1000 / paths.length).toFixed(2)} in the kernel), ` +
        `${(statements / paths.length).toFixed(1)} statements a page, ${failed} not 200` +
        (postgresMs === null ? '' : `, PostgreSQL ${postgresMs.toFixed(2)} ms CPU a page`),
    );
    const slowest = Number(values.slowest);
    if (slowest > 0) {
      timed.sort((a, b) => a.ms - b.ms);
      const at = (share: number) => (timed[Math.floor(share * (timed.length - 1))]?.ms ?? 0).toFixed(1);
      console.log(`  wall time a page: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms; the slowest:`);
      for (const { url, ms } of timed.slice(-slowest).reverse())
        console.log(`    ${ms.toFixed(1)} ms  ${url}`);
    }
  }
}
await app.close();
await downloads.close();
if (temporaryFolder) rmSync(temporaryFolder, { recursive: true, force: true });
await search.close();
await store.close();
