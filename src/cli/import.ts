import type { Command } from 'commander';
import { isAppError } from '../errors.ts';
import { importStoriesInProcess } from '../services/import.process.ts';
import type { ImportProgress } from '../services/import.types.ts';
import { writeImportReport } from './import-report.ts';
import { progressBar, stopOnCtrlC } from './long-run.ts';
import { addStoreOptions, storeOptions } from './store-options.ts';

export function registerImport(program: Command): void {
  addStoreOptions(
    program
      .command('import')
      .summary('import story files, folders and .zip archives into the archive')
      .description(
        'Read, analyse and store every story file found in the paths given: files, folders (recursively) and .zip archives. Files already imported unchanged are skipped; the same story in another file is recorded as a duplicate. Ctrl-C stops cleanly; run again to continue.',
      )
      .argument('<paths...>', 'files, folders or .zip archives')
      .option(
        '--report <file>',
        'where to write the list of failures (default: a new file for each run under the data folder, in reports/)',
      )
      .option('--workers <n>', 'worker threads reading stories (default: the number of cores, at most 4)')
      .option(
        '--pack <file>',
        'add a fandom knowledge pack; may be repeated',
        (value: string, previous: string[]) => [...previous, value],
        [],
      ),
  ).action(
    async (
      paths: string[],
      options: { report?: string; workers?: string; pack: string[]; data?: string },
    ) => {
      const workers = options.workers === undefined ? undefined : Number(options.workers);
      if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
        process.stderr.write(
          `quire import: --workers must be a whole number from 1 to 64, not "${options.workers}".\n`,
        );
        process.exitCode = 2;
        return;
      }
      const stop = stopOnCtrlC();
      const bar = progressBar(
        'importing [{bar}] {value}/{total} files | {rate} files/s | {mb} MB | ETA {eta_formatted} | new {imported} dup {duplicate} failed {failed}',
      );
      const started = Date.now();
      let barStarted = false;
      const onProgress = (progress: ImportProgress) => {
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        const payload = {
          ...progress.counts,
          rate: (progress.done / seconds).toFixed(1),
          mb: (progress.bytes / 1024 / 1024).toFixed(1),
        };
        if (!barStarted) {
          bar.start(progress.total, progress.done, payload);
          barStarted = true;
        } else bar.update(progress.done, payload);
      };
      try {
        // In a process of its own, whose heap can be kept small: see import.process.ts.
        const summary = await importStoriesInProcess({
          store: storeOptions(options),
          paths,
          packs: options.pack,
          signal: stop.signal,
          onProgress,
          ...(workers ? { workers } : {}),
        });
        bar.stop();
        const { counts } = summary;
        const rate =
          summary.seconds > 0 ? ` (${(summary.bytes / 1024 / 1024 / summary.seconds).toFixed(1)} MB/s)` : '';
        process.stdout.write(
          `${summary.interrupted ? 'Stopped early; run the same command again to continue.\n' : ''}` +
            `Imported ${counts.imported}, updated ${counts.updated}, unchanged ${counts.unchanged}, duplicates ${counts.duplicate}, failed ${counts.failed} of ${summary.total} files in ${summary.seconds.toFixed(1)} s${rate}.\n`,
        );
        if (summary.total === 0) process.stdout.write('No story files were found in the paths given.\n');
        if (summary.failures.length > 0) {
          const lines = summary.failures.map((failure) => `${failure.source}\t${failure.error}`);
          const report = await writeImportReport(lines, {
            dataDir: options.data ?? process.env.QUIRE_DATA ?? 'data',
            ...(options.report ? { file: options.report } : {}),
          });
          process.stdout.write(
            `The ${summary.failures.length} failures and their reasons are listed in ${report}.\n`,
          );
        }
        process.exitCode = summary.failures.length > 0 || summary.total === 0 ? 1 : 0;
      } catch (error) {
        bar.stop();
        if (!isAppError(error)) throw error;
        process.stderr.write(`quire import: ${error.message}\n`);
        process.exitCode = 1;
      } finally {
        stop.release();
      }
    },
  );
}
