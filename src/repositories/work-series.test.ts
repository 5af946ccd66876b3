import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, insertStories, openTestStore, type TestStore } from '../../test/stores.ts';

describe.each(DIALECTS)('the series an imported work joins on %s', (dialect) => {
  let db: TestStore;
  beforeAll(async () => {
    db = await openTestStore(dialect);
  });
  afterAll(async () => db?.cleanup());

  /** Each work's title with its series' id, the works in the order given. */
  const seriesByTitle = async (titles: string[]) => {
    const rows = await db.store.db
      .selectFrom('series_works')
      .innerJoin('works', 'works.id', 'series_works.work_id')
      .innerJoin('series', 'series.id', 'series_works.series_id')
      .select(['works.title', 'series.id', 'series.title as series'])
      .execute();
    return titles.map((title) => rows.find((row) => row.title === title));
  };

  it("joins its author's series of that title, and not another author's of the same title", async () => {
    const story = (title: string, author: string, part: number) =>
      `Title: ${title}\n${author ? `Author: ${author}\n` : ''}Series: Part ${part} of Missing Scenes\nFandom: Firefly\n\n${title}: Kaylee fixed the engine.`;
    await insertStories(db, [
      story('Rivet', 'dawnlark', 1),
      story('Bolt', 'rivertam', 1),
      story('Gasket', 'dawnlark', 2),
      story('Nameless One', '', 1),
      story('Nameless Two', '', 2),
    ]);
    const [rivet, bolt, gasket, one, two] = await seriesByTitle([
      'Rivet',
      'Bolt',
      'Gasket',
      'Nameless One',
      'Nameless Two',
    ]);
    expect([rivet?.series, bolt?.series, one?.series]).toEqual([
      'Missing Scenes',
      'Missing Scenes',
      'Missing Scenes',
    ]);
    expect(gasket?.id).toBe(rivet?.id);
    expect(bolt?.id).not.toBe(rivet?.id);
    expect(two?.id).toBe(one?.id);
    expect([rivet?.id, bolt?.id]).not.toContain(one?.id);
  });
});
