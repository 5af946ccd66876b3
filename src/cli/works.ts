import type { Command } from 'commander';
import { AppError } from '../errors.ts';
import { COMMAND_LINE, runArchiveAction } from './archive-action.ts';
import { addStoreOptions } from './store-options.ts';

function workId(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new AppError('USAGE', `A work is named by its number (as in /works/12), not "${value}".`);
  return Number(value);
}

/** A comma-separated list option: tags never hold commas. */
const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

const LIST_OPTIONS = [
  ['fandoms', 'fandoms'],
  ['warnings', 'archive warnings'],
  ['categories', 'categories'],
  ['relationships', 'relationships'],
  ['characters', 'characters'],
  ['tags', 'additional tags'],
] as const;

export function registerWorks(program: Command): void {
  const works = program.command('works').summary('hide, unhide, delete or edit works as an admin');

  for (const [name, hidden, description] of [
    ['hide', true, 'Hide a work: only admins see it; it leaves listings, counts, feeds, OPDS and downloads.'],
    ['unhide', false, 'Show a hidden work again.'],
  ] as const) {
    addStoreOptions(works.command(name).description(description).argument('<id>', 'the work number')).action(
      async (id: string, options: { data?: string }) =>
        runArchiveAction(`works ${name}`, options, async ({ store }) => {
          const { setWorkHidden } = await import('../services/posting/work-posting.service.ts');
          await setWorkHidden(store.db, COMMAND_LINE, workId(id), hidden);
          return `Work ${id} is ${hidden ? 'hidden' : 'shown again'}.`;
        }),
    );
  }

  addStoreOptions(
    works.command('delete').description('Delete a work for good.').argument('<id>', 'the work number'),
  ).action(async (id: string, options: { data?: string }) =>
    runArchiveAction('works delete', options, async ({ store, search }) => {
      const { deleteWorkAs } = await import('../services/posting/work-posting.service.ts');
      await deleteWorkAs(store.db, search, COMMAND_LINE, workId(id));
      return `Work ${id} is deleted.`;
    }),
  );

  const edit = works
    .command('edit')
    .description("Change a work's fields. Lists are comma-separated and replace the work's list.")
    .argument('<id>', 'the work number')
    .option('--title <title>')
    .option('--summary <text>', 'plain text; blank lines separate paragraphs')
    .option('--rating <rating>', 'General Audiences, Teen And Up Audiences, Mature, Explicit or Not Rated')
    .option('--language <code>', 'such as en')
    .option('--restricted', 'show to logged-in members only')
    .option('--public', 'show to everyone')
    .option('--complete', 'mark complete')
    .option('--in-progress', 'mark in progress');
  for (const [option, what] of LIST_OPTIONS)
    edit.option(`--${option} <list>`, `the ${what}, comma-separated`);
  addStoreOptions(edit).action(async (id: string, options: Record<string, string | boolean | undefined>) =>
    runArchiveAction('works edit', options, async ({ store, search }) => {
      const [{ editWork }, { loadWorkFields }] = await Promise.all([
        import('../services/posting/work-posting.service.ts'),
        import('../services/posting/work-store.repository.ts'),
      ]);
      const fields = await loadWorkFields(store.db, workId(id));
      if (!fields) throw new AppError('NOT_FOUND', `There is no work ${id}.`);
      const changed: Record<string, unknown> = { ...fields };
      for (const key of ['title', 'summary', 'rating', 'language'] as const)
        if (typeof options[key] === 'string') changed[key] = options[key];
      for (const [option] of LIST_OPTIONS) {
        const value = options[option];
        if (typeof value === 'string') changed[option === 'tags' ? 'freeforms' : option] = list(value);
      }
      if (options.restricted && options.public)
        throw new AppError('USAGE', 'Give --restricted or --public, not both.');
      if (options.complete && options.inProgress)
        throw new AppError('USAGE', 'Give --complete or --in-progress, not both.');
      if (options.restricted || options.public) changed.restricted = Boolean(options.restricted);
      if (options.complete || options.inProgress) changed.complete = Boolean(options.complete);
      await editWork(store.db, search, COMMAND_LINE, workId(id), { ...changed, format: 'text' });
      return `Work ${id} is updated.`;
    }),
  );
}
