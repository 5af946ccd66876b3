/**
 * An import killed with kill -9 (no chance to clean up) at three points, then run again, ends with the same
 * archive as an import never interrupted: nothing lost, nothing twice. Runs `quire import` as an operator
 * does, on the built program, killing its whole process group (the import's own child process included).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'quire.js');
const STORIES = 400;
const NAMES = ['Willow', 'Tara', 'Xander', 'Anya', 'Giles', 'Dawn', 'Faith', 'Oz'];

/** Enough stories, each its own text (none a duplicate of another), that storing them takes several batches. */
function storyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quire-kill-src-'));
  mkdirSync(join(dir, 'more'));
  for (let i = 0; i < STORIES; i++) {
    const name = NAMES[i % NAMES.length] as string;
    const nights = Array.from(
      { length: 40 },
      (_, n) => `${name} walked the cemetery on night ${i}-${n}, counting ${i + n + 3} graves.`,
    );
    const text = `Title: Patrol ${i}\nAuthor: owl${i % 5}\nFandom: BtVS\n\n${nights.join('\n\n')}\n\n${name} went home at dawn.`;
    writeFileSync(join(dir, i % 2 ? 'more' : '', `patrol-${i}.txt`), text);
  }
  return dir;
}

function runImport(source: string, data: string): ChildProcess {
  return spawn(process.execPath, [BIN, 'import', source, '--data', data], {
    detached: true,
    stdio: 'ignore',
  });
}

const finished = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** The works stored so far, read as another process would (0 before the database exists). */
function storedWorks(data: string): number {
  const file = join(data, 'quire.db');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM works').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // Not migrated yet, or busy: not there yet.
  }
}

/** Everything a reader sees of the archive: works with their text counts, tags and chapters. */
function snapshot(data: string): string[] {
  const db = new Database(join(data, 'quire.db'), { readonly: true });
  try {
    const works = db
      .prepare(
        `SELECT w.title, w.words, w.rating, w.status,
          (SELECT count(*) FROM chapters c WHERE c.work_id = w.id) AS chapters,
          (SELECT group_concat(name, '|') FROM (SELECT t.kind || ':' || t.name AS name FROM work_tags wt
             JOIN tags t ON t.id = wt.tag_id WHERE wt.work_id = w.id ORDER BY 1)) AS tags,
          (SELECT group_concat(name, '|') FROM (SELECT c.name FROM work_creators wc
             JOIN creators c ON c.id = wc.creator_id WHERE wc.work_id = w.id ORDER BY 1)) AS creators
         FROM works w`,
      )
      .all();
    return works.map((row) => JSON.stringify(row)).sort();
  } finally {
    db.close();
  }
}

describe('an import killed with kill -9', () => {
  it('at three points, then run again, ends as an uninterrupted import does', async () => {
    const source = storyFolder();
    const whole = mkdtempSync(join(tmpdir(), 'quire-kill-whole-'));
    expect(await finished(runImport(source, whole))).toBe(0);
    const expected = snapshot(whole);
    expect(expected).toHaveLength(STORIES);

    const killed = mkdtempSync(join(tmpdir(), 'quire-kill-'));
    // Before anything is stored (while migrating or reading), part way, and near the end.
    for (const atLeast of [0, STORIES / 4, STORIES / 2]) {
      const child = runImport(source, killed);
      const exit = finished(child);
      const deadline = Date.now() + 60_000;
      while (storedWorks(killed) < atLeast && child.exitCode === null && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 5));
      // The whole group: the import's own child process dies with it, as with kill -9 from a shell.
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
      await exit;
    }
    expect(storedWorks(killed)).toBeLessThan(STORIES);
    const again = runImport(source, killed);
    expect(await finished(again)).toBe(0);
    expect(snapshot(killed)).toEqual(expected);
  }, 240_000);
});
