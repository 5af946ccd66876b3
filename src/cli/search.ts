import type { Command } from 'commander';
import { translateDatabaseError } from '../db/errors.ts';
import { isAppError } from '../errors.ts';
import { cliOption, QUERY_KEYS } from '../search/query-parameters.ts';
import { parseWorkQuery, type QueryInput } from '../search/work-query.ts';
import { COMMAND_LINE } from './archive-action.ts';
import { addStoreOptions, openArchive } from './store-options.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Commander's name for an option's value: `exclude-tag` is `excludeTag`. */
const camelCase = (flag: string) => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

export function registerSearch(program: Command): void {
  const command = program
    .command('search')
    .summary('search the archive with every AO3 filter')
    .description(
      'Search and filter the archive as AO3 readers do. Tags are given by name; a synonym finds its canonical tag and every synonym. Repeat an option to give several values.',
    )
    .argument('[text...]', 'full-text search over title, summary, tags and story text');
  // Every other query parameter as an option, from the one definition the web's query string uses too.
  for (const key of QUERY_KEYS) {
    if (key === 'q') continue;
    const { flag, value, description, repeatable } = cliOption(key);
    if (repeatable) command.option(`--${flag} <${value}>`, description ?? '', collect, []);
    else command.option(`--${flag} <${value}>`, description);
  }
  addStoreOptions(command.option('--json', 'print the result as JSON')).action(
    async (words: string[], options: Record<string, string | string[] | boolean | undefined>) => {
      const input: QueryInput = {};
      if (words.length > 0) input.q = words.join(' ');
      for (const key of QUERY_KEYS) {
        const value = options[camelCase(cliOption(key).flag)];
        if (value === undefined || typeof value === 'boolean') continue;
        if (Array.isArray(value) && value.length === 0) continue;
        input[key] = value;
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
        archive = await openArchive(options as { data?: string }, { readOnlyFallback: true });
        const { CatalogService } = await import('../services/catalog.service.ts');
        // The archive's owner at the command line sees every work.
        const catalog = new CatalogService(archive.store, archive.search, { hideExplicit: false });
        const result = await catalog.search(query, COMMAND_LINE);
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
            `  ${work.title ?? '(untitled)'} — ${work.rating}, ${work.words.toLocaleString('en-US')} words, ${work.complete ? 'complete' : 'in progress'}, ${work.updatedUnknown ? 'date unknown' : `updated ${work.updatedAt}`} [#${work.id}]`,
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
    },
  );
}
