import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../db/connect.ts';
import { outboxMailer } from '../services/accounts/mailer.ts';

/** Run `quire ARGS`, writing `input` to its standard input. */
function quire(args: string[], input = ''): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/quire.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

describe('quire admin, quire mail and quire works on the command line', () => {
  const data = mkdtempSync(join(tmpdir(), 'quire-cli-accounts-'));
  beforeAll(async () => {
    expect((await quire(['import', '--data', data, 'test/fixtures/txt/combined.txt'])).code).toBe(0);
  }, 120_000);

  it('creates the first admin with a password from standard input, refusing bad and taken names', async () => {
    const created = await quire(
      ['admin', 'create', '--data', data, '--username', 'giles', '--email', 'giles@example.org'],
      'correct horse battery\n',
    );
    expect(created).toMatchObject({ code: 0, stdout: 'giles is an admin; log in at /login.\n' });
    const again = await quire(
      ['admin', 'create', '--data', data, '--username', 'Giles', '--email', 'g2@example.org'],
      'correct horse battery\n',
    );
    expect(again).toMatchObject({ code: 1, stderr: 'quire admin create: The username "Giles" is taken.\n' });
    const short = await quire(
      ['admin', 'create', '--data', data, '--username', 'anya', '--email', 'anya@example.org'],
      'short\n',
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toBe('quire admin create: password: a password has 8 to 256 characters\n');
    const role = await quire(['admin', 'role', '--data', data, 'giles', 'overlord']);
    expect(role).toMatchObject({
      code: 2,
      stderr: 'quire admin role: The role is one of member, wrangler, admin, not "overlord".\n',
    });
    // The last admin keeps the role: no one but a new `admin create` could give it back.
    const last = await quire(['admin', 'role', '--data', data, 'giles', 'wrangler']);
    expect(last.code).not.toBe(0);
    expect(last.stderr).toContain('giles is the last admin');
    const second = await quire(
      ['admin', 'create', '--data', data, '--username', 'wesley', '--email', 'wesley@example.org'],
      'correct horse battery\n',
    );
    expect(second.code).toBe(0);
    expect((await quire(['admin', 'role', '--data', data, 'giles', 'wrangler'])).stdout).toBe(
      'giles is now a wrangler.\n',
    );
  }, 60_000);

  it('prints the outbox once, then marks it read', async () => {
    expect((await quire(['mail', '--data', data])).stdout).toBe('No unread mail.\n');
    const store = await openStore({ dataDir: data });
    await outboxMailer.send(store.db, {
      to: 'willow@example.org',
      subject: 'Reset',
      text: 'Open https://x/reset',
    });
    await store.close();
    const mail = await quire(['mail', '--data', data]);
    expect(mail.stdout).toContain('To: willow@example.org');
    expect(mail.stdout).toContain('Subject: Reset\n\nOpen https://x/reset');
    expect((await quire(['mail', '--data', data])).stdout).toBe('No unread mail.\n');
    expect(JSON.parse((await quire(['mail', '--data', data, '--all', '--json'])).stdout)).toHaveLength(1);
  }, 60_000);

  it('edits, hides, shows and deletes a work, naming what is wrong', async () => {
    // The fixture has no fandom: an edit must give one, as posting must.
    const noFandom = await quire(['works', 'edit', '--data', data, '1', '--title', 'Renamed']);
    expect(noFandom).toMatchObject({
      code: 2,
      stderr: 'quire works edit: fandoms: name at least one fandom\n',
    });
    const edited = await quire([
      'works',
      'edit',
      '--data',
      data,
      '1',
      '--title',
      'Renamed',
      '--fandoms',
      'Firefly',
      '--tags',
      'Fluff, Angst',
    ]);
    expect(edited).toMatchObject({ code: 0, stdout: 'Work 1 is updated.\n' });
    const search = await quire(['search', '--data', data, '--tag', 'Angst', '--json']);
    expect(JSON.parse(search.stdout).works.map((work: { title: string }) => work.title)).toEqual(['Renamed']);
    const badRating = await quire(['works', 'edit', '--data', data, '1', '--rating', 'NC-17']);
    expect(badRating.code).toBe(2);
    expect(badRating.stderr).toMatch(/^quire works edit: rating: the rating is one of General Audiences/);
    expect((await quire(['works', 'hide', '--data', data, 'one'])).stderr).toBe(
      'quire works hide: A work is named by its number (as in /works/12), not "one".\n',
    );
    expect((await quire(['works', 'hide', '--data', data, '999'])).stderr).toBe(
      'quire works hide: There is no work 999.\n',
    );
    expect((await quire(['works', 'hide', '--data', data, '1'])).stdout).toBe('Work 1 is hidden.\n');
    expect((await quire(['works', 'unhide', '--data', data, '1'])).stdout).toBe('Work 1 is shown again.\n');
    expect((await quire(['works', 'delete', '--data', data, '1'])).stdout).toBe('Work 1 is deleted.\n');
    expect((await quire(['works', 'delete', '--data', data, '1'])).code).toBe(1);
  }, 60_000);
});
