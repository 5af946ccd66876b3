import { describe, expect, it } from 'vitest';
import { readText } from '../../test/helpers.ts';
import type { Rating } from '../domain/required-tags.ts';
import { isAo3Rating, mapCategory, mapRating, splitWarnings } from './vocabulary.ts';

// Every row of the rating table in FORMATS.md.
const RATING_TABLE: [Rating, string[]][] = [
  ['General Audiences', ['G', 'K', 'All ages', 'General', 'PG (mild)']],
  ['Teen And Up Audiences', ['PG', 'PG-13', 'K+', 'T', 'Teen', '13+', '15']],
  ['Mature', ['R', '16+', '17+', 'Mature']],
  ['Explicit', ['NC-17', 'X', 'XXX', 'MA', '18+', 'Adult', 'Adults only', 'Explicit']],
];

describe('mapRating', () => {
  it.each(RATING_TABLE.flatMap(([rating, seen]) => seen.map((value) => [value, rating] as const)))(
    'maps %s to %s',
    (value, rating) => {
      expect(mapRating(value)).toEqual({ rating });
    },
  );

  it.each([
    ['Rated R', 'Mature'],
    ['rated: pg-13', 'Teen And Up Audiences'],
    ['Fiction T', 'Teen And Up Audiences'],
    ['R (for violence)', 'Mature'],
    ['PG-13 for language', 'Teen And Up Audiences'],
    ['NC-17.', 'Explicit'],
    ['**NC-17**', 'Explicit'],
  ])('matches the whole token in %s', (value, rating) => {
    expect(mapRating(value)).toEqual({ rating });
  });

  it.each(['Romance', 'Restricted', 'Rarepair', 'Gen', 'Moderate', 'Teenage angst'])(
    'does not take %s for a rating',
    (value) => {
      expect(mapRating(value)).toBeNull();
    },
  );

  it.each([
    ['M', ['Mature', 'Explicit']],
    ['Fiction M', ['Mature', 'Explicit']],
    ['R/NC-17', ['Mature', 'Explicit']],
    ['Mature adults', ['Mature', 'Explicit']],
    ['adult themes', ['Mature', 'Explicit']],
    ['PG-13/R', ['Teen And Up Audiences', 'Mature']],
  ])('marks %s as ambiguous between %j', (value, candidates) => {
    const mapped = mapRating(value);
    expect(mapped?.candidates).toEqual(candidates);
    expect(candidates).toContain(mapped?.rating);
  });

  it('knows the strings AO3 itself writes', () => {
    expect(isAo3Rating('Teen And Up Audiences')).toBe(true);
    expect(isAo3Rating('Teen')).toBe(false);
  });
});

describe('ratings in a header', () => {
  it('keeps the original string beside the mapped value', async () => {
    const draft = await readText('Title: T\nRating: Rated R\n\nShe smiled.');
    expect(draft.rating).toEqual({ value: 'Mature', original: 'Rated R' });
  });

  it("keeps fanfiction.net's M ambiguous with both candidates", async () => {
    const draft = await readText('Title: T\nRated: M\n\nShe smiled.');
    expect(draft.rating.original).toBe('M');
    expect(draft.rating.candidates).toEqual(['Mature', 'Explicit']);
  });

  it('leaves a work Not Rated when the value is no rating', async () => {
    const draft = await readText('Title: T\nRating: Romance\n\nShe smiled.');
    expect(draft.rating).toEqual({ value: 'Not Rated', original: null });
  });
});

describe('splitWarnings', () => {
  it('maps the AO3 archive warnings, accepts Underage for Underage Sex, and keeps the rest as tags', () => {
    expect(
      splitWarnings([
        'Graphic Depictions Of Violence',
        'Major Character Death',
        'Rape/Non-Con',
        'Underage',
        'No Archive Warnings Apply',
        'Creator Chose Not To Use Archive Warnings',
        'self-harm',
        'mentions of drug use.',
      ]),
    ).toEqual({
      warnings: [
        'Graphic Depictions Of Violence',
        'Major Character Death',
        'Rape/Non-Con',
        'Underage Sex',
        'No Archive Warnings Apply',
        'Creator Chose Not To Use Archive Warnings',
      ],
      others: ['self-harm', 'mentions of drug use'],
    });
  });

  it.each([
    ['Underage Sex', 'Underage Sex'],
    ['violence', 'Graphic Depictions Of Violence'],
    ['MCD', 'Major Character Death'],
    ['non-con', 'Rape/Non-Con'],
    ['none', 'No Archive Warnings Apply'],
    ['Choose not to warn', 'Creator Chose Not To Use Archive Warnings'],
  ])('maps %s to %s', (value, warning) => {
    expect(splitWarnings([value])).toEqual({ warnings: [warning], others: [] });
  });

  it('splits a warnings header into archive warnings and additional tags', async () => {
    const draft = await readText(
      'Title: T\nWarnings: Major character death, Underage; self-harm\n\nShe smiled.',
    );
    expect(draft.warnings).toEqual(['Major Character Death', 'Underage Sex']);
    expect(draft.freeforms).toEqual(['self-harm']);
  });
});

describe('categories, genres and timelines', () => {
  it.each([
    ['F/M', 'F/M'],
    ['het', 'F/M'],
    ['M/M', 'M/M'],
    ['slash', 'M/M'],
    ['F/F', 'F/F'],
    ['femslash', 'F/F'],
    ['Gen', 'Gen'],
    ['Multi', 'Multi'],
    ['Other', 'Other'],
  ])('maps the category %s to %s', (value, category) => {
    expect(mapCategory(value)).toBe(category);
  });

  it('reads Category as an AO3 category, or as a fandom on archives that file by fandom', async () => {
    const byCategory = await readText('Title: T\nCategory: F/M\n\nShe smiled.');
    expect([byCategory.categories, byCategory.fandoms]).toEqual([['F/M'], []]);
    const byFandom = await readText('Title: T\nCategory: Buffy the Vampire Slayer\n\nShe smiled.');
    expect([byFandom.categories, byFandom.fandoms]).toEqual([[], ['Buffy the Vampire Slayer']]);
    expect(mapCategory('Buffy the Vampire Slayer')).toBeNull();
  });

  it('turns genres and timelines into additional tags, splitting Angst/Romance but not Hurt/Comfort', async () => {
    const draft = await readText(
      'Title: T\nGenre: Angst/Hurt/Comfort, Romance\nTimeline: post-Chosen\nSpoilers: s6\n\nShe smiled.',
    );
    expect(draft.freeforms).toEqual(['Angst', 'Hurt/Comfort', 'Romance', 'post-Chosen', 's6']);
    expect(draft.evidence['freeforms:post-Chosen']?.[0]).toMatchObject({ label: 'Timeline' });
  });
});
