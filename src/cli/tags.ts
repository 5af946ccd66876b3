import type { Command } from 'commander';
import { translateDatabaseError } from '../db/errors.ts';
import { isAppError } from '../errors.ts';
import { COMMAND_LINE } from './archive-action.ts';
import { addStoreOptions, openArchive } from './store-options.ts';

type TagService = typeof import('../services/tag.service.ts') &
  typeof import('../services/moderation/wrangling.service.ts');

/**
 * Run one tag-wrangling action against the archive, turning expected failures into messages. The service is
 * loaded here, when a tags command runs, not with the command line.
 */
async function withArchive(
  options: { data?: string },
  action: (archive: Awaited<ReturnType<typeof openArchive>>, service: TagService) => Promise<string>,
): Promise<void> {
  let archive: Awaited<ReturnType<typeof openArchive>> | null = null;
  try {
    const service = {
      ...(await import('../services/tag.service.ts')),
      ...(await import('../services/moderation/wrangling.service.ts')),
    };
    const opened = await openArchive(options);
    archive = opened;
    const { store } = opened;
    // One transaction per action: a wrangling change applies whole or not at all.
    const message = await store.db
      .transaction()
      .setAccessMode('read write')
      .execute(async (trx) => action({ ...opened, store: { ...store, db: trx as never } }, service));
    process.stdout.write(`${message}\n`);
  } catch (caught) {
    const error = archive ? translateDatabaseError(caught, archive.store.location) : caught;
    if (!isAppError(error)) throw error;
    process.stderr.write(`quire tags: ${error.message}\n`);
    process.exitCode = error.code === 'USAGE' || error.code === 'INVALID_INPUT' ? 2 : 1;
  } finally {
    await archive?.store.close();
  }
}

export function registerTags(program: Command): void {
  const tags = program
    .command('tags')
    .summary('wrangle tags: list unmapped ones, map, make synonyms, merge, rename')
    .description(
      'Wrangle the tags stories were imported with. Every change re-applies at once to the works already imported.',
    );

  addStoreOptions(
    tags
      .command('unmapped')
      .description('List tags as files wrote them that lead to no canonical tag, most used first.')
      .option(
        '--kind <kind>',
        'only tags of this kind (fandom, rating, warning, category, relationship, character, freeform)',
      )
      .option('--json', 'print JSON'),
  ).action(async (options: { kind?: string; json?: boolean; data?: string }) =>
    withArchive(options, async ({ store }, service) => {
      const rows = await service.listUnmappedTags(store.db, service.parseTagKind(options.kind));
      if (options.json) return JSON.stringify(rows, null, 2);
      return rows.length === 0
        ? 'No unmapped tags.'
        : rows
            .map((row) => `${String(row.works).padStart(6)}  ${row.kind.padEnd(12)} ${row.name}`)
            .join('\n');
    }),
  );

  for (const [name, description] of [
    [
      'map',
      'Map a tag as files wrote it to a canonical tag (created if new): `quire tags map "S/W" "Spike/Willow Rosenberg"`.',
    ],
    ['synonym', 'Make a tag a synonym of a canonical tag.'],
  ] as const) {
    addStoreOptions(
      tags
        .command(name)
        .description(description)
        .argument('<tag>', 'the tag as written')
        .argument('<canonical>', 'the canonical tag it should lead to')
        .option('--kind <kind>', 'the kind of tag, when the name is used by several kinds'),
    ).action(async (tag: string, canonical: string, options: { kind?: string; data?: string }) =>
      withArchive(options, async ({ store }, service) => {
        return service.wrangleTag(store.db, COMMAND_LINE, {
          action: name,
          tag,
          target: canonical,
          kind: service.parseTagKind(options.kind),
        });
      }),
    );
  }

  addStoreOptions(
    tags
      .command('merge')
      .description('Merge a tag into another: it and its synonyms become synonyms of the second.')
      .argument('<from>')
      .argument('<into>')
      .option('--kind <kind>'),
  ).action(async (from: string, into: string, options: { kind?: string; data?: string }) =>
    withArchive(options, async ({ store }, service) => {
      return service.wrangleTag(store.db, COMMAND_LINE, {
        action: 'merge',
        tag: from,
        target: into,
        kind: service.parseTagKind(options.kind),
      });
    }),
  );

  addStoreOptions(
    tags
      .command('rename')
      .description('Rename a tag.')
      .argument('<old>')
      .argument('<new>')
      .option('--kind <kind>'),
  ).action(async (oldName: string, newName: string, options: { kind?: string; data?: string }) =>
    withArchive(options, async ({ store }, service) => {
      return service.wrangleTag(store.db, COMMAND_LINE, {
        action: 'rename',
        tag: oldName,
        target: newName,
        kind: service.parseTagKind(options.kind),
      });
    }),
  );
}
