/**
 * Preloaded (`--import`) into a process a benchmark measures: at exit, it writes the process's peak RSS (all
 * its threads) and CPU time to the file named by `QUIRE_BENCH_USAGE_FILE`, or to `<pid>.json` in the folder
 * named by `QUIRE_BENCH_USAGE_DIR` (bench:import preloads it through NODE_OPTIONS into both processes of
 * `quire import`). JavaScript, not TypeScript: preloaded as .ts it would load Node's type stripper into the
 * processes measured and count its memory (report-usage.ts loads this file, for benchmarks run through tsx).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const file =
  process.env.QUIRE_BENCH_USAGE_FILE ??
  (process.env.QUIRE_BENCH_USAGE_DIR ? join(process.env.QUIRE_BENCH_USAGE_DIR, `${process.pid}.json`) : null);
if (file && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        userSeconds: usage.userCPUTime / 1e6,
        systemSeconds: usage.systemCPUTime / 1e6,
      }),
    );
  });
}
