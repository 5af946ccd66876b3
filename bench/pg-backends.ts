/**
 * PostgreSQL's own CPU, for benchmarks whose server runs on this machine: a page on PostgreSQL costs CPU in
 * Quire's process and in the backends that answer its statements, and only the first shows in Quire's
 * figures. Read from /proc: the user and system time of every process whose command line PostgreSQL set to
 * `postgres: ... <database> ...` (the backends serving that database), so other databases' clients and
 * PostgreSQL's background processes are left out. Needs the server on this machine and /proc readable; on
 * anything else the reading is null and the benches print none.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far by the backends of `database`, keyed by process id. */
function backendTimes(database: string): Map<number, number> {
  const times = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      // A backend's title is `postgres: <cluster>: <user> <database> <client> <state>`.
      if (!command.startsWith('postgres:') || !command.split(' ').includes(database)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      // Linux's USER_HZ is 100 everywhere it runs.
      times.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // Exited between the listing and the reading, or not ours to read.
    }
  }
  return times;
}

/**
 * A meter of the CPU `database`'s backends use from now on: `read()` gives the seconds since the meter
 * started (a backend started meanwhile counts from zero; one that exited meanwhile is lost). Null when no
 * backend of that database is found (another machine's server, no /proc).
 */
export function meterPostgresCpu(databaseUrl: string): { read(): number } | null {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const start = backendTimes(database);
  if (start.size === 0) return null;
  return {
    read() {
      let seconds = 0;
      for (const [pid, time] of backendTimes(database)) seconds += time - (start.get(pid) ?? 0);
      return seconds;
    },
  };
}
