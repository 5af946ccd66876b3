import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chapterPath,
  creatorFeedPath,
  creatorPath,
  decodeTagName,
  downloadPath,
  encodeTagName,
  fullWorkPath,
  localPath,
  queryPairs,
  queryString,
  tagFeedPath,
  tagPath,
  workPath,
} from './paths.ts';

/** What Fastify hands a route: the path segment, percent-decoded. */
const roundTrip = (name: string) => decodeTagName(decodeURIComponent(encodeTagName(name)));

/** Tag names built from the escaped characters and the letters of their escapes, where mistakes hide. */
const trickyName = fc.string({
  unit: fc.constantFrom('*', '/', '&', '.', '?', '#', 's', 't', 'a', 'r', 'd', 'q', 'h', ' ', '%', 'é'),
  maxLength: 24,
});

describe('tag names in paths', () => {
  it('decode to the name encoded, for any name', () => {
    fc.assert(
      fc.property(fc.oneof(trickyName, fc.string({ unit: 'grapheme' })), (name) => {
        expect(roundTrip(name)).toBe(name);
      }),
    );
  });

  it('spell out the characters a path cannot hold, as AO3 does', () => {
    expect(encodeTagName('Buffy Summers/Spike')).toBe('Buffy%20Summers*s*Spike');
    expect(encodeTagName('Mr. & Mrs. Smith?')).toBe('Mr*d*%20*a*%20Mrs*d*%20Smith*q*');
    expect(encodeTagName('#1 fan*')).toBe('*h*1%20fan*star*');
  });

  it('keep names that look like escapes', () => {
    expect(encodeTagName('m*a*s*h')).toBe('m*star*a*star*s*star*h');
    expect(roundTrip('m*a*s*h')).toBe('m*a*s*h');
    expect(roundTrip('*s*slash*d*')).toBe('*s*slash*d*');
    expect(roundTrip('*star*')).toBe('*star*');
  });

  it('leave a hand-typed segment without escapes as it is', () => {
    expect(decodeTagName('Willow Rosenberg')).toBe('Willow Rosenberg');
    expect(decodeTagName('a*b')).toBe('a*b');
    expect(decodeTagName('*unknown*')).toBe('*unknown*');
  });

  it('build every tag address from the same encoding', () => {
    expect(tagPath('A/B')).toBe('/tags/A*s*B/works');
    expect(tagFeedPath('A/B')).toBe('/tags/A*s*B/feed.atom');
  });
});

describe('the other addresses', () => {
  it('escape creator names and file names, and number works and chapters', () => {
    expect(creatorPath('ink & quill')).toBe('/creators/ink%20%26%20quill');
    expect(creatorFeedPath('a/b')).toBe('/creators/a%2Fb/feed.atom');
    expect(workPath(7)).toBe('/works/7');
    expect(chapterPath(7, 3)).toBe('/works/7/chapters/3');
    expect(fullWorkPath(7)).toBe('/works/7/full');
    expect(downloadPath(7, 'Title by Me.epub')).toBe('/downloads/7/Title%20by%20Me.epub');
  });
});

describe('query strings', () => {
  it('keep repeated keys and their order, and drop empty values', () => {
    const pairs = queryPairs({ tag: ['A', 'B'], sort: 'updated', text: '', missing: undefined });
    expect(pairs).toEqual([
      ['tag', 'A'],
      ['tag', 'B'],
      ['sort', 'updated'],
    ]);
    expect(queryString(pairs)).toBe('?tag=A&tag=B&sort=updated');
    expect(queryString([])).toBe('');
  });

  it('escape what a query value cannot hold', () => {
    expect(queryString([['tag', 'A&B=C d']])).toBe('?tag=A%26B%3DC+d');
  });
});

describe('local paths (where the settings form returns to)', () => {
  it('accept paths on this site', () => {
    expect(localPath('/works?tag=A')).toBe('/works?tag=A');
    expect(localPath('/')).toBe('/');
  });

  it('refuse other sites, protocol-relative and backslashed addresses, and nothing', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'works',
      '',
      undefined,
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/x\r\nSet-Cookie: a=b',
      '/ /evil.example'.replace(' ', '\u0009'),
      '/\\/evil.example',
      '/.//evil.example',
      '/./\t/evil.example',
      '/%2e//evil.example',
      '/\u0000/evil.example',
    ])
      expect(localPath(value), JSON.stringify(value)).toBeNull();
  });

  it('keep encoded characters encoded, so nothing decodes into another origin later', () => {
    expect(localPath('/%09/evil.example')).toBe('/%09/evil.example');
    expect(localPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(localPath('/works?q=a b#é')).toBe('/works?q=a%20b#%C3%A9');
  });

  it('never give an address a browser reads as another origin, or one a header cannot hold', () => {
    const piece = fc.constantFrom(
      '/',
      '\\',
      '\t',
      '\n',
      '\r',
      '.',
      '%',
      '2e',
      '2f',
      '09',
      'evil.example',
      ':',
      '@',
      '?',
      '#',
      ' ',
      'é',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }).map((pieces) => `/${pieces.join('')}`),
        (value) => {
          const path = localPath(value);
          if (path === null) return;
          expect(path).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
          expect(new URL(path, 'https://fic.example').origin).toBe('https://fic.example');
        },
      ),
    );
  });
});
