import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertStories, openTestStore, type TestStore } from '../../../test/stores.ts';
import type { SearchProvider, TextColumns } from '../../search/search-provider.ts';
import { buildApp } from '../app.tsx';
import type { App } from '../app-deps.ts';

// A search engine that answers only when told: the search stays in flight as long as the test wants.
describe('a slow search', () => {
  let db: TestStore;
  let app: App;
  let release: () => void = () => {};
  let asked = 0;

  beforeAll(async () => {
    db = await openTestStore('sqlite');
    await insertStories(db, [
      'Title: Night Bus\nAuthor: dawnlark\nFandom: Firefly\nRating: General Audiences\n\nMal rode the night bus to the edge of town.',
    ]);
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: SearchProvider = {
      ...db.search,
      readText: async (): Promise<TextColumns> => {
        asked++;
        await gate;
        return { ids: Float64Array.of(1), ranks: Float64Array.of(1) };
      },
    };
    app = await buildApp({ store: db.store, search: slow, pageCache: false });
  });
  afterAll(async () => {
    release();
    await app?.close();
    await db?.cleanup();
  });

  it('does not delay a chapter page: the page answers while the search is in flight', async () => {
    let searched = false;
    const search = app.inject({ method: 'GET', url: '/works?q=bus' }).then((response) => {
      searched = true;
      return response;
    });
    await expect.poll(() => asked).toBeGreaterThan(0);
    const chapter = await app.inject({ method: 'GET', url: '/works/1' });
    expect(chapter.statusCode).toBe(200);
    expect(chapter.body).toContain('Mal rode the night bus');
    expect(searched).toBe(false);
    release();
    const found = await search;
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain('Night Bus');
  });
});
