import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CacheBudget } from '../../cache-budget.ts';
import type { WorkBlurb } from '../../repositories/work-view.ts';
import { TextCache } from '../../search/index/text-cache.ts';
import { PageCache } from '../page-cache.ts';
import { renderFragment } from '../render.ts';
import { BLURB_SETTINGS, Blurb, BlurbBody, type BlurbSettings } from './blurb.tsx';
import { fingerprint, KeptBlurbs, ListedBlurb } from './kept-blurbs.tsx';

const SHOWN: BlurbSettings = { hideWarnings: false, hideFreeforms: false };

/** A blurb with every field set, so that a change to any of them can be seen. */
function buildBlurb(): WorkBlurb {
  const tag = (id: number, kind: WorkBlurb['tags'][number]['kind'], name: string) => ({
    id,
    kind,
    name,
    canonicalId: id,
    canonicalName: name,
    source: 'author' as const,
    main: false,
    evidence: [{ source: 'header' as const, label: 'Tags', value: name, origin: `Tags: ${name}` }],
  });
  return {
    id: 7,
    title: 'Engine Room',
    creators: [{ id: 3, name: 'dawnlark' }],
    summary: 'Kaylee fixes the engine.\n\nMal watches.',
    notes: 'Written for a prompt.',
    endNotes: 'Thanks for reading.',
    rating: 'Mature',
    language: 'en',
    complete: false,
    words: 1234,
    chapterCount: 2,
    chaptersPlanned: 5,
    publishedAt: '2024-01-02T00:00:00.000Z',
    updatedAt: '2024-02-03T00:00:00.000Z',
    dateUnknown: false,
    updatedUnknown: false,
    sourceUrl: 'https://example.org/engine-room',
    importedAt: '2024-03-04T00:00:00.000Z',
    kudos: 10,
    hits: 200,
    bookmarks: 3,
    comments: 4,
    series: [{ id: 5, title: 'Serenity Days', position: 2 }],
    tags: [
      tag(1, 'rating', 'Mature'),
      tag(2, 'warning', 'Graphic Depictions Of Violence'),
      tag(3, 'category', 'F/M'),
      tag(4, 'fandom', 'Firefly'),
      { ...tag(5, 'relationship', 'Kaylee/Simon'), main: true },
      tag(6, 'character', 'Kaylee Frye'),
      { ...tag(7, 'freeform', 'Engine Trouble'), source: 'inferred' },
    ],
  };
}

/** Every path to a value in the blurb but the tags' evidence, and a changed value for it. */
function changes(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; to: unknown }[] {
  if (value === null) return [{ path, to: 'now set' }];
  if (typeof value === 'string') return [{ path, to: `${value} changed` }];
  if (typeof value === 'number') return [{ path, to: value + 1 }];
  if (typeof value === 'boolean') return [{ path, to: !value }];
  return Object.entries(value as object).flatMap(([key, item]) =>
    key === 'evidence' ? [] : changes(item, [...path, Array.isArray(value) ? Number(key) : key]),
  );
}

function changed(work: WorkBlurb, path: (string | number)[], to: unknown): WorkBlurb {
  const copy = structuredClone(work);
  let at: Record<string | number, unknown> = copy as unknown as Record<string, unknown>;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, unknown>;
  at[path.at(-1) as string | number] = to;
  return copy;
}

describe('kept blurbs', () => {
  it('give the page the same HTML as a blurb rendered afresh, kept or not', () => {
    const kept = new KeptBlurbs();
    const work = buildBlurb();
    const fresh = renderToString(<Blurb work={work} settings={SHOWN} />);
    expect(renderToString(<ListedBlurb work={work} settings={SHOWN} kept={kept} />)).toBe(fresh);
    expect(renderToString(<ListedBlurb work={buildBlurb()} settings={SHOWN} kept={kept} />)).toBe(fresh);
    expect(kept.stats).toEqual({ hits: 1, misses: 1 });
    expect(renderToString(<ListedBlurb work={work} settings={SHOWN} kept={undefined} />)).toBe(fresh);
  });

  it('render afresh when any field of the work changed, as an edit, a new tag name or a new count does', () => {
    const kept = new KeptBlurbs();
    const work = buildBlurb();
    const all = changes(work);
    // The walk reaches the work's fields and its creators', series' and tags'.
    expect(all.map((change) => change.path.join('.'))).toEqual(
      expect.arrayContaining(['title', 'kudos', 'hits', 'creators.0.name', 'series.0.title', 'tags.4.name']),
    );
    for (const { path, to } of all) {
      kept.body(work, SHOWN);
      const other = changed(work, path, to);
      expect(kept.body(other, SHOWN), path.join('.')).toBe(
        renderFragment(<BlurbBody work={other} settings={SHOWN} />),
      );
    }
    // The blurb shows these: a kept one for the old value would have shown it.
    for (const [path, to, shown] of [
      [['title'], 'Engine Room Revised', 'Engine Room Revised'],
      [['kudos'], 11, '<dd>11</dd>'],
      [['tags', 4, 'name'], 'Kaylee/Simon Tam', 'Kaylee/Simon Tam'],
    ] as const) {
      kept.body(work, SHOWN);
      expect(kept.body(changed(work, [...path], to), SHOWN)).toContain(shown);
    }
  });

  it("fingerprint every field of the work but the tags' evidence", () => {
    const work = buildBlurb();
    const print = fingerprint(work);
    for (const { path, to } of changes(work))
      expect(fingerprint(changed(work, path, to)), path.join('.')).not.toBe(print);
    // A work page's tags carry their evidence; a blurb made from one is the same blurb.
    const evidence = [{ source: 'header' as const, label: 'Rating', value: 'M', origin: 'Rating: M' }];
    const withEvidence = { ...work, tags: work.tags.map((tag) => ({ ...tag, evidence })) };
    expect(fingerprint(withEvidence)).toBe(print);
  });

  it('keep a blurb apart for each setting a blurb reads', () => {
    const kept = new KeptBlurbs();
    const work = buildBlurb();
    const combinations: BlurbSettings[] = [
      { hideWarnings: false, hideFreeforms: false },
      { hideWarnings: true, hideFreeforms: false },
      { hideWarnings: false, hideFreeforms: true },
      { hideWarnings: true, hideFreeforms: true },
    ];
    expect(BLURB_SETTINGS).toHaveLength(2);
    for (let round = 0; round < 2; round++)
      for (const settings of combinations)
        expect(kept.body(work, settings)).toBe(renderFragment(<BlurbBody work={work} settings={settings} />));
    expect(kept.stats).toEqual({ hits: 4, misses: 4 });
    expect(kept.body(work, { hideWarnings: true, hideFreeforms: false })).not.toBe(kept.body(work, SHOWN));
  });

  it('escape what the work says, kept or not', () => {
    const kept = new KeptBlurbs();
    const work = {
      ...buildBlurb(),
      title: '<script>alert(1)</script>',
      summary: '<img src=x onerror=alert(1)>',
    };
    for (let round = 0; round < 2; round++) {
      const html = renderToString(<ListedBlurb work={work} settings={SHOWN} kept={kept} />);
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
    }
  });

  it('stay within their size, dropping the least recently used', () => {
    const kept = new KeptBlurbs({ maxBytes: 6000 });
    for (let id = 1; id <= 10; id++) kept.body({ ...buildBlurb(), id }, SHOWN);
    kept.body({ ...buildBlurb(), id: 10 }, SHOWN);
    kept.body({ ...buildBlurb(), id: 1 }, SHOWN);
    expect(kept.stats).toEqual({ hits: 1, misses: 11 });
  });

  it("bounds the server's three caches together when each is filled past it", async () => {
    const budget = new CacheBudget(200_000);
    const pages = new PageCache({ keepAfter: 1, budget, staleMs: 0 });
    const version = await pages.currentVersion(async () => 1);
    const blurbs = new KeptBlurbs({ budget });
    const texts = new TextCache(budget);
    for (let i = 0; i < 300; i++) {
      const body = Buffer.alloc(3_000, i % 256);
      pages.set(`page ${i}`, {
        version,
        headers: {},
        body,
        encoded: {},
        compressible: false,
        bytes: body.length,
      });
      blurbs.body({ ...buildBlurb(), id: i }, SHOWN);
      texts.set(1, `word ${i}`, { positions: new Uint32Array(500), ranks: new Float64Array(500) });
      expect(budget.bytes).toBeLessThanOrEqual(200_000);
    }
    // Each kept some, and what was used last is still there.
    expect(pages.size.bytes).toBeGreaterThan(0);
    expect(blurbs.bytes).toBeGreaterThan(0);
    expect(texts.bytes).toBeGreaterThan(0);
    expect(pages.size.bytes + blurbs.bytes + texts.bytes).toBe(budget.bytes);
    expect(pages.get('page 299', version)).toBeDefined();
    expect(texts.get(1, 'word 299')).toBeDefined();
    expect(pages.get('page 0', version)).toBeUndefined();
    expect(pages.stats.evicted).toBeGreaterThan(0);
  });
});
