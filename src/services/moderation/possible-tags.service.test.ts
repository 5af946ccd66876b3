import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { setRole, signUp } from '../accounts/account.service.ts';
import type { Member } from '../accounts/actor.ts';
import { readAuditLog } from './audit.service.ts';
import { decidePossibleTag, listPossibleTags } from './possible-tags.service.ts';
import { listSuggestedTags } from './suggested-tags.service.ts';

const NOW = new Date('2026-06-01T12:00:00Z');

/** Buffy on every line, Xander on three: named far less than the lead, so only possible. */
function patrol(title: string): string {
  const lines: string[] = [];
  for (let line = 0; line < 20; line++) {
    lines.push(
      `Buffy walked past the ${title === 'First Patrol' ? 'crypt' : 'church'} and checked her stakes, then Buffy went on.`,
    );
    if (line < 3) lines.push('Xander laughed at the doorway and waved.');
  }
  return `Title: ${title}\nFandom: Buffy the Vampire Slayer\n\n${lines.join('\n\n')}`;
}

describe.each(DIALECTS)('possible tags on %s', (dialect) => {
  let db: TestStore;
  let admin: Member;
  let wrangler: Member;
  let reader: Member;
  const ids: Record<string, number> = {};

  const tagsOn = async (workId: number) =>
    (
      await db.store.db
        .selectFrom('work_filter_tags')
        .innerJoin('tags', 'tags.id', 'work_filter_tags.tag_id')
        .select('tags.name')
        .where('work_filter_tags.work_id', '=', workId)
        .execute()
    ).map((row) => row.name);

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [patrol('First Patrol'), patrol('Second Patrol')]);
    for (const row of await db.store.db.selectFrom('works').select(['id', 'title']).execute())
      ids[row.title ?? ''] = row.id;
    const member = (username: string) =>
      signUp(db.store.db, { username, email: `${username}@example.org`, password: 'correct horse' });
    admin = { ...(await member('giles')), role: 'admin' };
    await setRole(db.store.db, 'giles', 'admin');
    wrangler = { ...(await member('anya')), role: 'wrangler' };
    await setRole(db.store.db, 'anya', 'wrangler');
    reader = await member('willow');
  });
  afterAll(async () => db?.cleanup());

  it('keeps a suggestion below the threshold off the work and lists it for wranglers only', async () => {
    const first = ids['First Patrol'] as number;
    expect(await tagsOn(first)).not.toContain('Xander Harris');
    await expect(listPossibleTags(db.store.db, reader, { page: 1 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const { tags, more } = await listPossibleTags(db.store.db, wrangler, { page: 1 });
    expect(more).toBe(false);
    const xander = tags.find((tag) => tag.workId === first && tag.name === 'Xander Harris');
    expect(xander).toMatchObject({ kind: 'character', title: 'First Patrol' });
    expect(xander?.confidence).toBeLessThan(0.5);
    expect(xander?.evidence.some((evidence) => evidence.source === 'text')).toBe(true);
    // Not a tag, so not in the queue of inferred tags to confirm either.
    const suggested = await listSuggestedTags(db.store.db, wrangler, { page: 1 });
    expect(suggested.tags.map((tag) => tag.name)).not.toContain('Xander Harris');
  });

  it('adds one to its work as a confirmed tag, dismisses another, and refuses unknown or malformed ones', async () => {
    const first = ids['First Patrol'] as number;
    const second = ids['Second Patrol'] as number;
    const choice = { kind: 'character', name: 'Xander Harris' };
    await expect(decidePossibleTag(db.store.db, reader, first, 'added', choice, NOW)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await decidePossibleTag(db.store.db, wrangler, first, 'added', choice, NOW);
    expect(await tagsOn(first)).toContain('Xander Harris');
    const stored = await db.store.db
      .selectFrom('work_tags')
      .innerJoin('tags', 'tags.id', 'work_tags.tag_id')
      .select(['work_tags.source', 'work_tags.confidence', 'tags.canonical'])
      .where('work_tags.work_id', '=', first)
      .where('tags.name', '=', 'Xander Harris')
      .executeTakeFirstOrThrow();
    expect(stored.source).toBe('inferred');
    expect(stored.confidence).toBeLessThan(0.5);
    expect(Boolean(stored.canonical)).toBe(true);

    await decidePossibleTag(db.store.db, wrangler, second, 'dismissed', choice, NOW);
    expect(await tagsOn(second)).not.toContain('Xander Harris');
    const left = await listPossibleTags(db.store.db, wrangler, { page: 1 });
    expect(left.tags.filter((tag) => tag.name === 'Xander Harris')).toEqual([]);

    await expect(
      decidePossibleTag(db.store.db, wrangler, second, 'added', choice, NOW),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('Xander Harris'),
    });
    await expect(
      decidePossibleTag(db.store.db, wrangler, first, 'added', { kind: 'rating', name: 'Explicit' }, NOW),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      decidePossibleTag(db.store.db, wrangler, first, 'added', { kind: 'character', name: '' }, NOW),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });

    const { entries } = await readAuditLog(db.store.db, admin, 1);
    expect(entries.slice(0, 2).map((entry) => [entry.actor_name, entry.action, entry.note])).toEqual([
      ['anya', 'tag.dismiss-possible', 'character "Xander Harris"'],
      ['anya', 'tag.add-possible', 'character "Xander Harris"'],
    ]);
  });

  it('drops a work’s possible tags with the work', async () => {
    const first = ids['First Patrol'] as number;
    await db.store.db.deleteFrom('works').where('id', '=', first).execute();
    const rows = await db.store.db
      .selectFrom('possible_tags')
      .selectAll()
      .where('work_id', '=', first)
      .execute();
    expect(rows).toEqual([]);
  });
});
