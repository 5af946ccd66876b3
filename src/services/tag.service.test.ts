import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';
import { parseWorkQuery } from '../search/work-query.ts';
import { searchWorks } from '../search/work-search.ts';
import { listUnmappedTags, makeSynonym, mergeTags, renameTag } from './tag.service.ts';

describe.each(DIALECTS)('tag wrangling on %s', (dialect) => {
  let db: TestStore;
  const count = async (tag: string) =>
    (await searchWorks(db.store.db, db.search, parseWorkQuery({ tags: tag }))).total;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    const stories = [
      'Title: A\nFandom: Firefly\nPairing: Mal/Inara\n\nMal watched Inara leave the shuttle.',
      'Title: B\nFandom: Firefly (TV)\nPairing: Malcolm/Inara\n\nThe captain poured two drinks.',
      'Title: C\nFandom: BtVS\nAdditional tags: fluffy\n\nWillow laughed at Xander.',
    ];
    await insertStories(db, stories);
  });
  afterAll(async () => db?.cleanup());

  it('lists the tags no pack knows, most used first', async () => {
    const unmapped = await listUnmappedTags(db.store.db, 'fandom');
    expect(unmapped.map((tag) => tag.name).sort()).toEqual(['Firefly', 'Firefly (TV)']);
  });

  it('maps a tag to a canonical one and re-applies it to imported works', async () => {
    expect(await count('Firefly')).toBe(1);
    const { works } = await makeSynonym(db.store.db, 'Firefly (TV)', 'Firefly', 'fandom');
    expect(works).toBe(2);
    expect(await count('Firefly')).toBe(2);
    expect(await count('Firefly (TV)')).toBe(2);
    expect((await listUnmappedTags(db.store.db, 'fandom')).map((tag) => tag.name)).toEqual([]);
  });

  it('merges and renames, refusing a rename onto an existing name', async () => {
    await mergeTags(db.store.db, 'Malcolm/Inara', 'Mal/Inara', 'relationship');
    expect(await count('Mal/Inara')).toBe(2);
    await renameTag(db.store.db, 'Mal/Inara', 'Inara Serra/Malcolm Reynolds', 'relationship');
    expect(await count('Inara Serra/Malcolm Reynolds')).toBe(2);
    expect(await count('Malcolm/Inara')).toBe(2);
    await expect(renameTag(db.store.db, 'Firefly (TV)', 'Firefly', 'fandom')).rejects.toThrow(
      /already exists; use `quire tags merge`/,
    );
    await expect(makeSynonym(db.store.db, 'No Such Tag', 'Firefly')).rejects.toThrow(
      /There is no tag "No Such Tag"/,
    );
  });
});
