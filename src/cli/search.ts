import type { Command } from 'commander';
import { translateDatabaseError } from '../db/errors.ts';
import { isAppError } from '../errors.ts';
import { parseWorkQuery, type QueryInput } from '../search/work-query.ts';
import { addStoreOptions, openArchive } from './store-options.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerSearch(program: Command): void {
  addStoreOptions(
    program
      .command('search')
      .summary('search the archive with every AO3 filter')
      .description(
        'Search and filter the archive as AO3 readers do. Tags are given by name; a synonym finds its canonical tag and every synonym. Repeat an option to give several values.',
      )
      .argument('[text...]', 'full-text search over title, summary, tags and story text')
      .option('--tag <name>', 'works must have this tag (any kind); repeatable', collect, [])
      .option('--exclude-tag <name>', 'works must not have this tag; repeatable', collect, [])
      .option('--rating <rating>', 'one of the AO3 ratings; repeatable', collect, [])
      .option('--exclude-rating <rating>', 'repeatable', collect, [])
      .option('--warning <warning>', 'archive warning a work must have; repeatable', collect, [])
      .option('--exclude-warning <warning>', 'repeatable', collect, [])
      .option('--category <category>', 'F/F, F/M, Gen, M/M, Multi or Other; repeatable', collect, [])
      .option('--exclude-category <category>', 'repeatable', collect, [])
      .option('--complete <state>', 'any, complete or in-progress')
      .option('--words-min <n>')
      .option('--words-max <n>')
      .option('--published-from <date>', 'YYYY-MM-DD')
      .option('--published-to <date>', 'YYYY-MM-DD')
      .option('--updated-from <date>', 'YYYY-MM-DD')
      .option('--updated-to <date>', 'YYYY-MM-DD')
      .option('--language <code>', 'such as en')
      .option('--crossovers <mode>', 'include, exclude or only')
      .option('--fandoms-min <n>')
      .option('--fandoms-max <n>')
      .option('--main-relationship <tag>', 'only works where this relationship is a main pairing')
      .option(
        '--sort <sort>',
        'best, updated, published, words, kudos, hits, bookmarks, comments, title or author',
      )
      .option('--order <order>', 'asc or desc')
      .option('--page <n>')
      .option('--per-page <n>')
      .option('--facets <n>', 'top tags of each kind to count (default 10, 0 for none)')
      .option('--json', 'print the result as JSON'),
  ).action(async (words: string[], options: Record<string, string | string[] | boolean | undefined>) => {
    const input: QueryInput = {};
    if (words.length > 0) input.q = words.join(' ');
    for (const [key, value] of Object.entries(options)) {
      if (key === 'json' || key === 'data' || value === undefined || typeof value === 'boolean') continue;
      if (Array.isArray(value) && value.length === 0) continue;
      const name = key
        .replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
        .replace(/^tag$/, 'tags')
        .replace(/^exclude_tag$/, 'exclude_tags');
      input[name] = value;
    }
    let query: ReturnType<typeof parseWorkQuery>;
    try {
      query = parseWorkQuery(input);
    } catch (error) {
      if (!isAppError(error)) throw error;
      process.stderr.write(`quire search: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    let archive: Awaited<ReturnType<typeof openArchive>> | null = null;
    try {
      archive = await openArchive(options as { data?: string });
      const { searchWorks } = await import('../search/work-search.ts');
      const result = await searchWorks(archive.store.db, archive.search, query);
      if (result.total > 0 && query.page > result.pages) {
        process.stderr.write(
          `quire search: page ${query.page} is past the end: these filters give ${result.pages} page${result.pages === 1 ? '' : 's'}.\n`,
        );
        process.exitCode = 2;
        return;
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const lines = [
        `${result.total.toLocaleString('en-US')} works${result.pages > 1 ? `, page ${result.page} of ${result.pages}` : ''}`,
      ];
      for (const work of result.works) {
        lines.push(
          `  ${work.title ?? '(untitled)'} — ${work.rating}, ${work.words.toLocaleString('en-US')} words, ${work.complete ? 'complete' : 'in progress'}, updated ${work.updatedAt} [#${work.id}]`,
        );
      }
      for (const [kind, facets] of Object.entries(result.facets)) {
        if (facets.length > 0)
          lines.push(`${kind}: ${facets.map((facet) => `${facet.name} (${facet.count})`).join(', ')}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    } catch (caught) {
      // A locked file or a server gone away mid-query is a message, not a stack trace.
      const error = archive ? translateDatabaseError(caught, archive.store.location) : caught;
      if (!isAppError(error)) throw error;
      process.stderr.write(`quire search: ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await archive?.store.close();
    }
  });
}
