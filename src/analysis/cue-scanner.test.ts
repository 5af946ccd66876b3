import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cuePrefixes } from './cue-prefixes.ts';
import { CueScanner } from './cue-scanner.ts';
import { CUES_LONGEST_FIRST, scanCues, withoutLookarounds } from './passages.ts';

function matches(scanner: CueScanner, text: string): [number, number][] {
  const found: [number, number][] = [];
  scanner.scan(text, (start, end) => found.push([start, end]));
  return found;
}

function alternationMatches(scanner: CueScanner, text: string): [number, number][] {
  const found: [number, number][] = [];
  scanner.scanWithAlternation(text, (start, end) => found.push([start, end]));
  return found;
}

/** The scanner and the one alternation find the same matches in any text made of these pieces. */
function expectAgreement(
  scanner: CueScanner,
  pieces: fc.Arbitrary<string>,
  maxLength: number,
  numRuns: number,
): void {
  fc.assert(
    fc.property(fc.array(pieces, { maxLength }), (parts) => {
      const text = parts.join('');
      expect(matches(scanner, text)).toEqual(alternationMatches(scanner, text));
    }),
    { numRuns },
  );
}

/** Prefixes as strings, `*` for a wildcard and `|` between the characters one place can hold. */
function prefixes(source: string, length = 3): string[] | 'too many' {
  const ways = cuePrefixes(source, length);
  if (ways === 'too many') return ways;
  return ways.map((slots) => slots.map((slot) => (slot === 'any' ? '*' : [...slot].join('|'))).join(' '));
}

describe('cuePrefixes', () => {
  it('follows groups, optional parts, classes and lookarounds, and stops at a wildcard', () => {
    expect(prefixes('cocks?')).toEqual(['c o c']);
    expect(prefixes('(?:she|he|i) (?:was|is)')).toEqual(['s h e', 'h e  ', 'i   w', 'i   i']);
    expect(prefixes('(?:the )?cat')).toEqual(['t h e', 'c a t']);
    expect(prefixes("didn[’']?t")).toEqual(['d i d']);
    expect(prefixes('1[0-7]\\b')).toEqual(['1 0|1|2|3|4|5|6|7']);
    expect(prefixes('(?!no)ab\\w+')).toEqual(['a b *']);
    expect(prefixes('ab(?:c|$)')).toEqual(['a b c', 'a b']);
  });

  it('names the cue and the place when a source is outside its dialect', () => {
    expect(() => cuePrefixes('a(?<name>b)', 3)).toThrow(/"a\(\?<name>b\)": named or unknown group at 2/);
    expect(() => cuePrefixes('a{2}', 3)).toThrow(/counted repetition/);
    expect(() => cuePrefixes('(ab', 3)).toThrow(/unbalanced group/);
    expect(() => cuePrefixes('[ab', 3)).toThrow(/unclosed class/);
  });

  it('gives up past its limit of ways, and the scanner then tries that pattern everywhere', () => {
    expect(cuePrefixes('(?:a|b|c)(?:a|b|c)(?:a|b|c)', 3, 10)).toBe('too many');
    const scanner = new CueScanner(['(?:a|b|c)(?:a|b|c)(?:a|b|c)']);
    expect(matches(scanner, 'x abc cab')).toEqual([
      [2, 5],
      [6, 9],
    ]);
  });
});

describe('CueScanner', () => {
  // Prefixes of every kind the scanner keys: three ASCII characters, with a character outside ASCII
  // (`i ’m`, `’tis`), a class, an optional group, and overlapping patterns whose order decides which one
  // matches. The second vocabulary adds prefixes shorter than three (`ox`) and a wildcard (`\w+ed`), which
  // take the scanner's general path.
  const threeOrMore = [
    'fucked her hard',
    'fucked',
    "(?:she|he|i) (?:was|'m|’m) (?:only )?1[0-7]",
    '(?:the )?cat(?:s)?',
    'blood (?:sprayed|pooled)',
    'nope(?! way)',
    '’tis',
  ];
  const scanners = {
    'three characters or more': new CueScanner(threeOrMore),
    'any prefix': new CueScanner([...threeOrMore, 'ox', '\\w+ed', 'a']),
  };
  const pieces = fc.constantFrom(
    'fucked',
    ' her',
    ' hard',
    'ox',
    'walked',
    'she',
    'he',
    'i',
    ' was',
    '’m',
    "'m",
    ' only',
    ' 15',
    ' 19',
    'the ',
    'cat',
    's',
    'blood ',
    'pooled',
    'nope',
    ' way',
    '’tis',
    'a',
    ' ',
    '.',
    '’',
    'é',
    '-',
    '\n',
  );

  for (const [name, scanner] of Object.entries(scanners)) {
    it(`finds what the one alternation finds, in a sentence that has each kind (${name})`, () => {
      const text =
        'she was only 15. i ’m 16, he fucked her hard; ox. the cats walked; nope way, nope. ’tis a blood pooled';
      const found = matches(scanner, text).map(([start, end]) => text.slice(start, end));
      expect(matches(scanner, text)).toEqual(alternationMatches(scanner, text));
      expect(found).toEqual(
        expect.arrayContaining(['she was only 15', 'fucked her hard', 'the cats', 'nope', '’tis']),
      );
    });

    it(`agrees with the one alternation on any text made of its words and their pieces (${name})`, () => {
      expectAgreement(scanner, pieces, 40, 500);
    });
  }

  it('agrees with the one alternation over the real cue vocabulary', () => {
    const real = new CueScanner(CUES_LONGEST_FIRST.map((cue) => cue.pattern));
    const pieces = fc.constantFrom(
      'she ',
      'he ',
      'i’m ',
      'was ',
      'only ',
      '15',
      'fucked ',
      'her ',
      'hard',
      'blood ',
      'sprayed',
      'kissed',
      'cocks',
      'came ',
      'inside',
      'didn’t stop when she said',
      'i ’m ',
      'no',
      ' ',
      '. ',
      ', ',
      '“',
      '”',
      'x',
    );
    expectAgreement(real, pieces, 30, 300);
  });
});

describe('CueScanner, what may follow a prefix', () => {
  it('agrees with the one alternation where cues are cut short, run on into a word, or end the text', () => {
    const real = new CueScanner(CUES_LONGEST_FIRST.map((cue) => cue.pattern));
    const pieces = fc.constantFrom(
      'the scars on her wrists',
      'the scar',
      'the s',
      'the body',
      'the bod',
      'their bed',
      'thei',
      'forced him',
      'forc',
      'without her consent',
      'witho',
      'was dead',
      'was d',
      'in love',
      'in lo',
      'he comes hard',
      'he co',
      'cum',
      'cu',
      ' ',
      '.',
      'x',
      '1',
      "'",
      '’',
      'é',
    );
    expectAgreement(real, pieces, 12, 500);
  });
});

describe('the cue vocabulary', () => {
  it('has no cue that starts with a wildcard, which the scanner would try at every word', () => {
    // One such cue sends every position down the slow path: bench:analyze fell from about 17 MB/s to 1.
    const unkeyed = CUES_LONGEST_FIRST.filter(({ pattern }) => {
      const ways = cuePrefixes(pattern, 3);
      return ways === 'too many' || ways.some((slots) => slots[0] === 'any' || slots.length === 0);
    }).map(({ pattern }) => pattern);
    expect(unkeyed).toEqual([]);
  });
});

describe('scanCues', () => {
  it('finds cues in any case, with offsets into the text as written, also where lower case changes its length', () => {
    for (const text of [
      'She KISSED him. Then she kissed him again.',
      'İstanbul. She KISSED him. Then she kissed him again.',
    ]) {
      const hits = scanCues([{ number: 1, text }]).filter((hit) => hit.kind === 'romance');
      expect(hits.map((hit) => [hit.match, text.slice(hit.start, hit.end)])).toEqual([
        ['KISSED', 'KISSED'],
        ['kissed', 'kissed'],
      ]);
    }
  });

  it('counts a cue that needs what follows it only where the text has it', () => {
    const kinds = (text: string) =>
      scanCues([{ number: 1, text }])
        .filter((hit) => hit.kind === 'sexExplicit' || hit.kind === 'romance')
        .map((hit) => `${hit.kind} ${hit.match}`);
    expect(kinds('She would not let him come. Later he made her come, again.')).toEqual([
      'sexExplicit let him come',
      'sexExplicit made her come',
    ]);
    expect(kinds('They made out. She made out a cheque.')).toEqual(['romance made out']);
    expect(kinds('She would not let him come home, and made him come back for the book.')).toEqual([]);
  });
});

describe('the order cues are tried in', () => {
  it('measures a pattern by the text it takes, not by its lookarounds', () => {
    expect(withoutLookarounds('shot(?! (?:of|at)\\b)(?! a look)')).toBe('shot');
    expect(withoutLookarounds('(?<!at )stake(?:d)?')).toBe('stake(?:d)?');
    expect(withoutLookarounds('a\\(b(?=c(?:d|e))f')).toBe('a\\(bf');
    expect(withoutLookarounds('come(?=[.,])')).toBe('come');
  });

  it('tries a longer cue before a word whose list of exceptions is long', () => {
    const kinds = (text: string) =>
      scanCues([{ number: 1, text }]).map((hit) => [hit.kind, hit.match.toLowerCase()]);
    expect(kinds('He shot him in the head.')).toContainEqual(['violenceGraphic', 'shot him in the head']);
    expect(kinds('Blood sprays the wall.')).toContainEqual(['violenceGraphic', 'blood sprays']);
    // The bare word is still found where the longer cue does not hold.
    expect(kinds('He shot the lock off.')).toEqual([['violence', 'shot']]);
  });
});
