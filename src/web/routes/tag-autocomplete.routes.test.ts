import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import { makeSynonym } from '../../services/tag.service.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

describe.each(DIALECTS)('tag autocomplete on %s', (dialect) => {
  let db: TestStore;
  let app: App;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    await insertStories(db, [
      'Title: One\nAuthor: a\nFandom: Buffy the Vampire Slayer\n\nBuffy patrolled.',
      'Title: Two\nAuthor: b\nFandom: BtVS\n\nWillow read.',
      'Title: Three\nAuthor: c\nFandom: Bufy 100%_done\n\nXander ate.',
    ]);
    await makeSynonym(db.store.db, 'BtVS', 'Buffy the Vampire Slayer', 'fandom');
    app = await buildApp({ store: db.store, search: db.search, pageCache: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.cleanup();
  });

  const ask = async (query: string) => {
    const response = await app.inject(`/autocomplete/tags?${query}`);
    return {
      status: response.statusCode,
      body: response.statusCode === 200 ? response.json() : response.body,
    };
  };

  it('offers canonical tags by the start of their name or of a word, and a synonym with its canonical tag', async () => {
    expect((await ask('kind=fandom&q=buf')).body).toEqual([
      { name: 'Buffy the Vampire Slayer', canonical: 'Buffy the Vampire Slayer' },
    ]);
    expect((await ask('kind=fandom&q=VAMP')).body).toEqual([
      { name: 'Buffy the Vampire Slayer', canonical: 'Buffy the Vampire Slayer' },
    ]);
    expect((await ask('kind=fandom&q=btv')).body).toEqual([
      { name: 'BtVS', canonical: 'Buffy the Vampire Slayer' },
    ]);
    // Only tags of the kind asked for; an unwrangled tag is not offered; wildcards are letters.
    expect((await ask('kind=character&q=buf')).body).not.toContainEqual(
      expect.objectContaining({ name: 'Buffy the Vampire Slayer' }),
    );
    expect((await ask('kind=fandom&q=%25')).body).toEqual([]);
    expect((await ask('kind=fandom&q=_')).body).toEqual([]);
    expect((await ask('kind=fandom&q=')).body).toEqual([]);
  });

  it('refuses a kind that is not a tag field, and a missing query', async () => {
    expect((await ask('kind=rating&q=gen')).status).toBe(400);
    expect((await ask('kind=fandom')).status).toBe(400);
  });
});
