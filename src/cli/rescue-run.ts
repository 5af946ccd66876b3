/**
 * What `quire rescue` runs, loaded only when a rescue command runs: the services and the database code stay out
 * of every other command's process (`quire import` loads no database code in its main thread).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { translateDatabaseError } from '../db/errors.ts';
import { AppError, isAppError } from '../errors.ts';
import { type DoNotImport, parseDoNotImport } from '../rescue/do-not-import.ts';
import type { RescueArchive } from '../rescue/rescue-archive.ts';
import { mailerFromEnv } from '../services/accounts/mailer.ts';
import { listLegacyTargets } from '../services/rescue/legacy-link.service.ts';
import { type RescueProgress, type RescueSummary, rescueArchive } from '../services/rescue/rescue.service.ts';
import { inviteRescuedAuthorsAs } from '../services/rescue/rescue-claims.service.ts';
import { legacyTargetPath } from '../web/legacy-paths.ts';
import { runArchiveAction } from './archive-action.ts';
import { progressBar, stopOnCtrlC } from './long-run.ts';
import type { CommonOptions } from './rescue-options.ts';
import { rerunWithRescueOptions } from './rescue-process.ts';
import { writeRescueReport } from './rescue-report.ts';
import { openArchive } from './store-options.ts';

/** Read the old archive, store it with a progress bar, print the summary and write the report. */
export async function runRescue(
  command: string,
  options: CommonOptions,
  read: (onRead: (done: number, total: number) => void) => Promise<RescueArchive>,
) {
  if (await rerunWithRescueOptions()) return;
  const stop = stopOnCtrlC();
  const bar = progressBar(
    '{stage} [{bar}] {value}/{total} | ETA {eta_formatted} | new {imported} updated {updated} same {unchanged} dup {duplicate} skipped {skipped}',
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
      signal: stop.signal,
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
    stop.release();
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

/** `quire rescue invite`: mail each rescued author the claim invitation for their name. */
export function runInvite(options: { data?: string; admin: string; baseUrl: string; name: string }) {
  return runArchiveAction('rescue invite', options, async ({ store }) => {
    const summary = await inviteRescuedAuthorsAs(store.db, mailerFromEnv(), options.admin, {
      archive: options.name,
      baseUrl: options.baseUrl,
    });
    const skipped = summary.skipped.map((skip) => `  ${skip.name}: ${skip.reason}`);
    return [
      `Invited ${summary.invited} authors to claim their names.`,
      ...(skipped.length > 0 ? ['Not invited:', ...skipped] : []),
    ].join('\n');
  });
}

/** `quire rescue links`: print the old addresses and their new paths as an nginx map. */
export async function runLinks(options: { data?: string; name?: string; host: string }) {
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
