/**
 * Preloaded (`NODE_OPTIONS=--import=...`) into every process of the command `bench:import` measures (`quire
 * import` and the process it writes the import in): at exit, each writes its peak RSS (all its threads) and
 * CPU time to `<pid>.json` in the folder named by `QUIRE_BENCH_USAGE_DIR`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.QUIRE_BENCH_USAGE_DIR;
if (dir && isMainThread) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      join(dir, `${process.pid}.json`),
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        userSeconds: usage.userCPUTime / 1e6,
        systemSeconds: usage.systemCPUTime / 1e6,
      }),
    );
  });
}
