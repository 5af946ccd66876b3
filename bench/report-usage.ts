/**
 * Preloaded (`--import`) into the process `bench:import` measures: at exit, writes the process's peak RSS
 * (all threads) and CPU time to the file named by `QUIRE_BENCH_USAGE_FILE`.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.QUIRE_BENCH_USAGE_FILE;
if (file) {
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
