import { spawn } from 'node:child_process';
import { IMPORT_V8_OPTIONS } from '../services/import.process.ts';

/**
 * A rescue runs with the V8 options `quire import` gives its writing process, for the same reason (see
 * services/import.process.ts): it keeps a batch's works, tags and rows alive across the batch. They keep
 * bench:rescue under its memory target.
 */
const RESCUE_V8_OPTIONS = IMPORT_V8_OPTIONS;
const CHILD_MARK = 'QUIRE_RESCUE_CHILD';

/**
 * Run this command again in a process started with the rescue's V8 options, which a running process cannot
 * give itself; true when it did (the child's exit status becomes ours). Ctrl-C reaches the child from the
 * terminal, and this process waits for it to stop cleanly.
 */
export async function rerunWithRescueOptions(): Promise<boolean> {
  if (process.env[CHILD_MARK] || !process.argv[1]) return false;
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...RESCUE_V8_OPTIONS, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, [CHILD_MARK]: '1' },
    },
  );
  const ignore = () => {};
  process.on('SIGINT', ignore);
  try {
    const code = await new Promise<number | null>((done) => child.on('close', done));
    process.exitCode = code ?? 1;
  } finally {
    process.off('SIGINT', ignore);
  }
  return true;
}
