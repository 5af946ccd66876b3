import { describe, expect, it } from 'vitest';
import { chipLabel, cliOption, limits, QUERY_KEYS, WorkQueryParameters } from './query-parameters.ts';
import { parseWorkQuery } from './work-query.ts';

describe('the query parameters, defined once', () => {
  it('give every parameter a CLI option named from it, and only filters a chip', () => {
    const flags = QUERY_KEYS.map((key) => cliOption(key).flag);
    expect(new Set(flags).size).toBe(QUERY_KEYS.length);
    expect(cliOption('exclude_tags')).toEqual({
      flag: 'exclude-tag',
      value: 'name',
      description: 'works must not have this tag; repeatable',
      repeatable: true,
    });
    expect(cliOption('words_min')).toMatchObject({ flag: 'words-min', value: 'n', repeatable: false });
    const chipless = QUERY_KEYS.filter((key) => chipLabel(key) === undefined);
    expect(chipless).toEqual(['sort', 'order', 'page', 'per_page', 'facets']);
    expect(chipLabel('exclude_rating')).toBe('Not rated');
    expect(chipLabel('view_adult')).toBeUndefined();
  });

  it('are the only keys the parser accepts', () => {
    expect(Object.keys(WorkQueryParameters.properties)).toEqual(QUERY_KEYS);
    expect(() => parseWorkQuery({ tag: 'A' })).toThrow('"tag" is not a search option');
    for (const key of QUERY_KEYS) expect(() => parseWorkQuery({ [key]: undefined })).not.toThrow();
  });

  it('hold the limits the parser enforces', () => {
    expect(limits('per_page')).toMatchObject({ minimum: 1, maximum: 200 });
    expect(() => parseWorkQuery({ per_page: '201' })).toThrow('per_page must be between 1 and 200, not 201');
    expect(parseWorkQuery({ per_page: '200' }).perPage).toBe(200);
    expect(() => parseWorkQuery({ q: 'x'.repeat(501) })).toThrow('at most 500 are allowed');
    const many = Array.from({ length: 51 }, (_, i) => `tag ${i}`);
    expect(() => parseWorkQuery({ tags: many })).toThrow('tags has 51 tags; at most 50 are allowed');
  });
});
