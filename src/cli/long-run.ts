/** What `quire import` and `quire rescue` share while they run: stopping cleanly on Ctrl-C, a progress bar. */
import cliProgress from 'cli-progress';

/**
 * Ctrl-C asks the run to stop after the stories in hand are saved; a second Ctrl-C quits at once. `release`
 * takes the handler off again when the run is over.
 */
export function stopOnCtrlC(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nStopping after the stories in hand are saved (Ctrl-C again to quit at once)...\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, release: () => process.off('SIGINT', onSigint) };
}

/** A progress bar on standard error (standard output is the summary's), redrawn every 5 s off a terminal. */
export function progressBar(format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
}
