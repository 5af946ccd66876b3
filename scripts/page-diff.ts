/**
 * Proof that a change to the site renders every page as before: crawl a running Quire from its home page,
 * following every link on the site, and keep each answer's status, type and body; then compare two crawls.
 *
 *   npm run page-diff -- ref main      (the whole proof against a git ref: the demo archive built, served by
 *                                      the ref and by this checkout, plain and --hide-explicit, compared)
 *
 * or by hand:
 *   quire serve --data DIR --rate-limit 1000000 --base-url BASE_URL   (the crawl asks faster than a reader;
 *   the same --base-url for both crawls, so the absolute links in feeds and downloads compare)
 *   node --import tsx scripts/page-diff.ts crawl http://127.0.0.1:8080/ before.json [--max 800] [--site BASE_URL]
 *   node --import tsx scripts/page-diff.ts compare before.json after.json
 *
 * Work pages are read twice, as a new visitor (the adult notice) and after Proceed (the view_adult cookie).
 * The only text masked is what differs on every request: the OPDS navigation feeds' `<updated>` (the time of
 * the request) and the forms' CSRF tokens.
 */

import { execSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScriptArgs } from './script-args.ts';

interface Answer {
  status: number;
  type: string;
  sha256: string;
  /** The body when it is text (for showing where two crawls differ). */
  text?: string;
}

const START = [
  '/',
  '/works',
  '/fandoms',
  '/search',
  '/settings',
  '/opds',
  '/tags/missing/works',
  '/works/999999',
  // Listings with every kind of filter chip, which no link on the site leads to (the filter form does).
  '/works?tags=Harry+Potter+-+J.+K.+Rowling&exclude_tags=Angst&rating=Teen+And+Up+Audiences&rating=general+audiences',
  '/works?exclude_rating=Explicit&warning=No+Archive+Warnings+Apply&exclude_warning=Underage&category=F%2FM&exclude_category=Gen',
  '/works?complete=complete&words_min=1%2C000&words_max=90000&published_from=2000-01-01&updated_to=2030-12-31&language=en',
  '/works?crossovers=exclude&fandoms_min=1&fandoms_max=3&main_relationship=Spike%2FWillow+Rosenberg&sort=words&order=asc',
  '/works?q=tea&sort=best&per_page=5&page=2',
  '/works?q=%22the+library%22+-vampire&facets=3',
  '/works?sort=nope&words_min=x&page=0',
];
const LINK = /(?:href|src)="([^"]+)"/g;

async function crawl(base: string, max: number, site: string): Promise<Record<string, Answer>> {
  const origins = new Set([new URL(base).origin, new URL(site).origin]);
  const answers: Record<string, Answer> = {};
  const queue = [...START];
  const seen = new Set(queue);
  let settingsLinks = 0;
  while (queue.length > 0 && Object.keys(answers).length < max) {
    const path = queue.shift() as string;
    for (const adult of path.startsWith('/works/') ? [false, true] : [false]) {
      const response = await fetch(new URL(path, base), {
        redirect: 'manual',
        headers: adult ? { cookie: 'view_adult=true' } : {},
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const type = response.headers.get('content-type') ?? '';
      const textual = /^text\/|xml|json/.test(type);
      const text = textual ? new TextDecoder().decode(bytes) : undefined;
      const location = response.headers.get('location');
      answers[`${adult ? '[adult] ' : ''}${path}`] = {
        status: response.status,
        type,
        sha256: createHash('sha256')
          .update(bytes)
          .update(location ?? '')
          .digest('hex'),
        ...(text === undefined ? {} : { text }),
      };
      const found = [...(text?.matchAll(LINK) ?? [])].map((match) => match[1] as string);
      if (location) found.push(location);
      for (const raw of found) {
        const href = raw.replaceAll('&amp;', '&');
        const url = new URL(href, new URL(path, base));
        if (!origins.has(url.origin)) continue;
        const next = `${url.pathname}${url.search}`;
        // Every page links to the settings form with its own address to return to: a few of those suffice.
        if (url.pathname === '/settings' && ++settingsLinks > 10) continue;
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
  }
  return answers;
}

const CSRF_TOKEN = /(name="_csrf" value=")[^"]*/g;

/** An answer's hash, without what differs on every request: the OPDS `<updated>`, form tokens. */
function masked(answer: Answer): string {
  if (answer.text === undefined) return answer.sha256;
  let text = answer.text.replace(CSRF_TOKEN, '$1');
  if (answer.type.includes('kind=navigation')) text = text.replace(/<updated>[^<]*<\/updated>/g, '');
  return text === answer.text ? answer.sha256 : createHash('sha256').update(text).digest('hex');
}

function compare(before: Record<string, Answer>, after: Record<string, Answer>): number {
  let differences = 0;
  for (const url of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[url];
    const b = after[url];
    if (!a || !b) {
      differences++;
      console.log(`${url}: only in the ${a ? 'first' : 'second'} crawl`);
      continue;
    }
    if (a.status === b.status && a.type === b.type && masked(a) === masked(b)) continue;
    differences++;
    console.log(`${url}: ${a.status} ${a.type} -> ${b.status} ${b.type}`);
    if (a.text !== undefined && b.text !== undefined) {
      let at = 0;
      while (at < a.text.length && a.text[at] === b.text[at]) at++;
      console.log(`  first: ...${a.text.slice(Math.max(0, at - 80), at + 80)}`);
      console.log(`  second: ...${b.text.slice(Math.max(0, at - 80), at + 80)}`);
    }
  }
  console.log(
    `${Object.keys(before).length} and ${Object.keys(after).length} answers; ${differences} differ.`,
  );
  return differences;
}

/** The site's address in every crawl, so the absolute links in feeds and downloads compare. */
const SITE = 'http://demo.quire.test';

/** `quire serve` from a checkout on a free port; resolves once it prints its address. */
async function serve(
  checkout: string,
  data: string,
  extra: string[],
): Promise<{ url: string; stop(): void }> {
  const args = ['bin/quire.js', 'serve', '--data', data, '--port', '0', '--name', 'Quire demo'];
  args.push('--base-url', SITE, '--rate-limit', '1000000', '--log-level', 'warn', ...extra);
  const child = spawn(process.execPath, args, { cwd: checkout, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const found = / at (http:\/\/\S+)/.exec(printed);
      if (found) resolve(found[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`quire serve in ${checkout} stopped (${code}): ${printed}`)));
  });
  return { url, stop: () => child.kill() };
}

/**
 * The whole proof: the demo archive built once (by this checkout), served by `ref` and by this checkout,
 * plain and with --hide-explicit, each crawled and the crawls compared. Both checkouts run built (`ref` is
 * built in a temporary folder, with this checkout's node_modules, when it has a build step).
 */
async function compareWithRef(ref: string, max: number): Promise<number> {
  const here = fileURLToPath(new URL('..', import.meta.url));
  const work = mkdtempSync(join(tmpdir(), 'quire-page-diff-'));
  const old = join(work, 'ref');
  mkdirSync(old);
  execSync(`git archive ${ref} | tar -x -C ${old}`, { cwd: here, shell: '/bin/sh' });
  symlinkSync(join(here, 'node_modules'), join(old, 'node_modules'));
  if (existsSync(join(old, 'tsconfig.build.json')))
    execSync('npm run --silent build', { cwd: old, stdio: 'inherit' });
  const data = join(work, 'data');
  execSync(`"${process.execPath}" bin/quire.js demo --no-serve --data ${data}`, {
    cwd: here,
    stdio: 'inherit',
  });
  let differences = 0;
  for (const extra of [[], ['--hide-explicit']]) {
    const crawls: Record<string, Answer>[] = [];
    for (const checkout of [old, here]) {
      const server = await serve(checkout, data, extra);
      try {
        crawls.push(await crawl(server.url, max, SITE));
      } finally {
        server.stop();
      }
    }
    console.log(`${ref} against this checkout${extra.length > 0 ? ` (${extra.join(' ')})` : ''}:`);
    differences += compare(crawls[0] ?? {}, crawls[1] ?? {});
  }
  rmSync(work, { recursive: true, force: true });
  return differences;
}

const { positionals, values } = parseScriptArgs({
  allowPositionals: true,
  options: { max: { type: 'string', default: '1500' }, site: { type: 'string' } },
});
const [command, first, second] = positionals;
if (command === 'ref' && first) {
  process.exitCode = (await compareWithRef(first, Number(values.max))) > 0 ? 1 : 0;
} else if (command === 'crawl' && first && second) {
  const answers = await crawl(first, Number(values.max), values.site ?? first);
  writeFileSync(second, JSON.stringify(answers));
  console.log(`${Object.keys(answers).length} answers from ${first} written to ${second}.`);
} else if (command === 'compare' && first && second) {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, Answer>;
  process.exitCode = compare(read(first), read(second)) > 0 ? 1 : 0;
} else {
  console.error(
    'usage: page-diff.ts ref GIT_REF | crawl URL OUT.json [--site URL] | compare A.json B.json [--max N]',
  );
  process.exitCode = 2;
}
