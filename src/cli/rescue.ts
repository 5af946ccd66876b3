import { readFile, writeFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { translateDatabaseError } from '../db/errors.ts';
import { AppError, isAppError } from '../errors.ts';
import { type DoNotImport, parseDoNotImport } from '../rescue/do-not-import.ts';
import type { RescueArchive } from '../rescue/rescue-archive.ts';
import { mailerFromEnv } from '../services/accounts/mailer.ts';
import { listLegacyTargets } from '../services/rescue/legacy-link.service.ts';
import { type RescueProgress, type RescueSummary, rescueArchive } from '../services/rescue/rescue.service.ts';
import { inviteRescuedAuthorsAs } from '../services/rescue/rescue-claims.service.ts';
import {
  readAutomatedArchiveSource,
  readCsvSource,
  readEfictionSource,
} from '../services/rescue/rescue-sources.ts';
import { legacyTargetPath } from '../web/legacy-paths.ts';
import { runArchiveAction } from './archive-action.ts';
import { rerunWithRescueOptions } from './rescue-process.ts';
import { writeRescueReport } from './rescue-report.ts';
import { addStoreOptions, openArchive } from './store-options.ts';

interface CommonOptions {
  data?: string;
  name: string;
  sheet?: string;
  skip?: string;
  report?: string;
  pack: string[];
}

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

/** Read the old archive, store it with a progress bar, print the summary and write the report. */
async function runRescue(
  command: string,
  options: CommonOptions,
  read: (onRead: (done: number, total: number) => void) => Promise<RescueArchive>,
) {
  if (await rerunWithRescueOptions()) return;
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nStopping after the stories in hand are saved (Ctrl-C again to quit at once)...\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const bar = new cliProgress.SingleBar(
    {
      format:
        '{stage} [{bar}] {value}/{total} | ETA {eta_formatted} | new {imported} updated {updated} same {unchanged} dup {duplicate} skipped {skipped}',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const zero = { imported: 0, updated: 0, unchanged: 0, duplicate: 0, skipped: 0 };
  let stage: 'reading' | 'storing' | null = null;
  let archive: Awaited<ReturnType<typeof openArchive>> | null = null;
  try {
    const name = options.name;
    if (!/^[\w.-]{1,60}$/.test(name))
      throw new AppError(
        'USAGE',
        `--name "${name}" must be 1 to 60 letters, digits, dots, dashes or underscores.`,
      );
    let doNotImport: DoNotImport | undefined;
    if (options.skip) {
      let text: string;
      try {
        text = await readFile(options.skip, 'utf8');
      } catch {
        throw new AppError('FILE_NOT_FOUND', `The do-not-import list ${options.skip} cannot be read.`);
      }
      doNotImport = parseDoNotImport(text, options.skip);
    }
    const knowledge = loadKnowledge(options.pack);
    const old = await read((done, total) => {
      const kb = Math.ceil(total / 1024);
      if (stage !== 'reading') {
        stage = 'reading';
        bar.start(kb, 0, { stage: 'reading (KB)', ...zero });
      }
      bar.update(Math.ceil(done / 1024));
    });
    archive = await openArchive(options);
    const summary = await rescueArchive(archive.store, archive.search, old, {
      archive: name,
      sheetPath: options.sheet ?? `quire-rescue-${name}-tags.csv`,
      knowledge,
      ...(doNotImport ? { doNotImport } : {}),
      signal: controller.signal,
      onProgress: (progress: RescueProgress) => {
        if (stage !== 'storing') {
          if (stage) bar.stop();
          stage = 'storing';
          bar.start(progress.total, progress.done, { stage: 'storing stories', ...progress.counts });
        } else bar.update(progress.done, { ...progress.counts });
      },
    });
    bar.stop();
    const reportPath = options.report ?? `quire-rescue-${name}-report.txt`;
    await writeFile(reportPath, writeRescueReport(summary));
    process.stdout.write(summaryText(summary, reportPath));
    process.exitCode = 0;
  } catch (caught) {
    bar.stop();
    const error = archive ? translateDatabaseError(caught, archive.store.location) : caught;
    if (!isAppError(error)) throw error;
    process.stderr.write(`quire rescue ${command}: ${error.message}\n`);
    process.exitCode = error.code === 'USAGE' ? 2 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await archive?.store.close();
  }
}

function summaryText(summary: RescueSummary, reportPath: string): string {
  const { counts } = summary;
  const lines = [
    summary.interrupted ? 'Stopped early; run the same command again to continue.' : null,
    `Stories: ${counts.imported} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.duplicate} already in the archive, ${counts.skipped} skipped, of ${summary.total}, in ${summary.seconds.toFixed(1)} s.`,
    `Creators ${summary.creators}, series ${summary.series}, reviews kept as comments ${summary.comments}, old addresses redirected ${summary.links}.`,
    `Tag-mapping sheet: ${summary.sheet.path} (${summary.sheet.rows} original tags, ${summary.sheet.mapped} mapped, ${summary.sheet.unmapped} kept as additional tags). Edit its kind and tag columns and run the same command again to apply it.`,
    summary.emails.length > 0
      ? `${summary.emails.length} e-mail addresses in story text were masked; they are listed in the report.`
      : null,
    `Everything skipped or odd, with its reason: ${reportPath} (${summary.skipped.length + summary.notes.length + summary.sheet.problems.length} lines).`,
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
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
      runRescue('efiction', options, (onRead) =>
        readEfictionSource({
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
    runRescue('automated-archive', options, () => readAutomatedArchiveSource(file, options.stories ?? null)),
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
    runRescue('csv', options, () => readCsvSource(file, options.authors ?? null, options.files ?? null)),
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
    runArchiveAction('rescue invite', options, async ({ store }) => {
      const summary = await inviteRescuedAuthorsAs(store.db, mailerFromEnv(), options.admin, {
        archive: options.name,
        baseUrl: options.baseUrl,
      });
      const skipped = summary.skipped.map((skip) => `  ${skip.name}: ${skip.reason}`);
      return [
        `Invited ${summary.invited} authors to claim their names.`,
        ...(skipped.length > 0 ? ['Not invited:', ...skipped] : []),
      ].join('\n');
    }),
  );

  addStoreOptions(
    rescue
      .command('links')
      .description('print the old addresses of rescued archives and their new paths, as an nginx map')
      .option('--name <name>', 'only this rescued archive')
      .option('--host <url>', 'prefix the new paths with this address (for a map on the old host)', ''),
  ).action(async (options: { data?: string; name?: string; host: string }) => {
    let archive: Awaited<ReturnType<typeof openArchive>> | null = null;
    try {
      archive = await openArchive(options);
      const links = await listLegacyTargets(archive.store.db, options.name);
      process.stdout.write(nginxMap(links, options.host));
    } catch (caught) {
      const error = archive ? translateDatabaseError(caught, archive.store.location) : caught;
      if (!isAppError(error)) throw error;
      process.stderr.write(`quire rescue links: ${error.message}\n`);
      process.exitCode = 1;
    } finally {
      await archive?.store.close();
    }
  });
}

/** nginx quotes a map key with `"`; inside it `"` and `\` are escaped. Keys are as browsers send them: percent-encoded. */
const nginxString = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

export function nginxMap(links: Awaited<ReturnType<typeof listLegacyTargets>>, host = ''): string {
  const lines = [
    '# Old addresses of the rescued archive and their new pages. In the server block:',
    '#   if ($quire_rescued) { return 301 $quire_rescued; }',
    'map $request_uri $quire_rescued {',
    '    default "";',
  ];
  for (const { oldPath, target } of links) {
    const path = legacyTargetPath(target);
    if (path)
      lines.push(
        `    ${nginxString(encodeURI(`/${oldPath}`))} ${nginxString(`${host.replace(/\/$/, '')}${path}`)};`,
      );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
