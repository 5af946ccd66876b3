import type { Command } from 'commander';
import type { RescueArchive } from '../rescue/rescue-archive.ts';
import type { CommonOptions } from './rescue-options.ts';
import { addStoreOptions } from './store-options.ts';

/** The readers and the run are loaded when a rescue command runs, not when any command is registered. */
const sources = () => import('../services/rescue/rescue-sources.ts');
const run = async (
  command: string,
  options: CommonOptions,
  read: (onRead: (done: number, total: number) => void) => Promise<RescueArchive>,
) => (await import('./rescue-run.ts')).runRescue(command, options, read);

function addCommonOptions(command: Command, defaultName: string): Command {
  return addStoreOptions(command)
    .option(
      '--name <name>',
      "the old archive's name in Quire (keeps two rescued archives apart)",
      defaultName,
    )
    .option(
      '--sheet <file>',
      'the tag-mapping sheet to write, edit and apply (default: quire-rescue-NAME-tags.csv)',
    )
    .option('--skip <file>', 'do-not-import list: lines "story ID" or "author ID"')
    .option(
      '--report <file>',
      'where to write the report of everything skipped (default: quire-rescue-NAME-report.txt)',
    )
    .option(
      '--pack <file>',
      'add a fandom knowledge pack for the suggestions; may be repeated',
      (value: string, previous: string[]) => [...previous, value],
      [],
    );
}

export function registerRescue(program: Command): void {
  const rescue = program
    .command('rescue')
    .summary('rescue an old archive (eFiction, the Automated Archive, a CSV) with its old links')
    .description(
      'Turn a whole old archive into Quire works: authors as claimable creators, tags through an editable mapping sheet, series, reviews as comments, and every old address redirected. Run it again after editing the sheet; Ctrl-C stops cleanly and a second run goes on.',
    );

  addCommonOptions(
    rescue
      .command('efiction')
      .description('from an eFiction 3.x MySQL dump (gzip or not) or live database, and its stories/ folder')
      .argument('[dump]', 'the dump file (mysqldump or phpMyAdmin .sql, or .sql.gz)')
      .option('--mysql <url>', 'read the live database instead: mysql://user:password@host/database')
      .option('--stories <dir>', 'the stories/ folder where eFiction kept chapter files')
      .option('--prefix <prefix>', 'the table prefix (default: found from the tables, usually fanfiction_)'),
    'efiction',
  ).action(
    async (
      dump: string | undefined,
      options: CommonOptions & { mysql?: string; stories?: string; prefix?: string },
    ) =>
      run('efiction', options, async (onRead) =>
        (await sources()).readEfictionSource({
          ...(dump ? { dump } : {}),
          ...(options.mysql ? { mysql: options.mysql } : {}),
          ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
          storiesDir: options.stories ?? null,
          onRead,
        }),
      ),
  );

  addCommonOptions(
    rescue
      .command('automated-archive')
      .description("from the Automated Archive's ARCHIVE_DB.pl and the folder of its story files")
      .argument('<archive-db>', 'the ARCHIVE_DB.pl file')
      .option(
        '--stories <dir>',
        'the folder the story paths are relative to (default: the folder of ARCHIVE_DB.pl)',
      ),
    'automated-archive',
  ).action(async (file: string, options: CommonOptions & { stories?: string }) =>
    run('automated-archive', options, async () =>
      (await sources()).readAutomatedArchiveSource(file, options.stories ?? null),
    ),
  );

  addCommonOptions(
    rescue
      .command('csv')
      .description('from a CSV of stories (and one of authors) and a folder of story files')
      .argument(
        '<stories-csv>',
        'stories: id, title, authors, file, and optional columns (see docs/rescue.md)',
      )
      .option('--authors <csv>', 'authors: id, name, email')
      .option('--files <dir>', 'the folder the file column is relative to (default: the folder of the CSV)'),
    'csv',
  ).action(async (file: string, options: CommonOptions & { authors?: string; files?: string }) =>
    run('csv', options, async () =>
      (await sources()).readCsvSource(file, options.authors ?? null, options.files ?? null),
    ),
  );

  addStoreOptions(
    rescue
      .command('invite')
      .description(
        'mail each rescued author the claim invitation for their name, at the address the old archive held (once each)',
      )
      .requiredOption('--admin <username>', 'the admin the invitations come from')
      .requiredOption(
        '--base-url <url>',
        "this site's address, for the link in the mail (https://fic.example)",
      )
      .option('--name <name>', 'the rescued archive', 'efiction'),
  ).action(async (options: { data?: string; admin: string; baseUrl: string; name: string }) =>
    (await import('./rescue-run.ts')).runInvite(options),
  );

  addStoreOptions(
    rescue
      .command('links')
      .description('print the old addresses of rescued archives and their new paths, as an nginx map')
      .option('--name <name>', 'only this rescued archive')
      .option('--host <url>', 'prefix the new paths with this address (for a map on the old host)', ''),
  ).action(async (options: { data?: string; name?: string; host: string }) => {
    await (await import('./rescue-run.ts')).runLinks(options);
  });
}
