import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../analysis/packs/pack.loader.ts';
import { buildSheet, mapTag, readSheet, suggestTag, writeSheet } from './mapping-sheet.ts';

const knowledge = loadKnowledge();

describe('the tag-mapping sheet', () => {
  it('suggests AO3 tags from the vocabularies and the knowledge packs, and nothing for what it does not know', () => {
    expect(suggestTag({ source: 'rating', original: 'NC-17' }, knowledge)).toEqual({
      kind: 'rating',
      name: 'Explicit',
    });
    expect(suggestTag({ source: 'rating', original: 'Mature adults' }, knowledge)).toBeNull();
    expect(suggestTag({ source: 'class:Warnings', original: 'Character Death' }, knowledge)).toEqual({
      kind: 'warning',
      name: 'Major Character Death',
    });
    expect(
      suggestTag({ source: 'category', original: 'Buffy the Vampire Slayer > Season 6' }, knowledge),
    ).toEqual({
      kind: 'fandom',
      name: 'Buffy the Vampire Slayer',
    });
    expect(suggestTag({ source: 'category', original: 'Original Fiction' }, knowledge)).toBeNull();
  });

  it('keeps choices across runs, counts stories and reads back what it wrote', () => {
    const refs = [
      { source: 'category', original: 'Buffy the Vampire Slayer' },
      { source: 'category', original: 'Buffy the Vampire Slayer' },
      { source: 'class:Genres', original: 'Angst, "deep"' },
    ];
    const first = buildSheet(refs, null, knowledge);
    const read = readSheet(writeSheet(first));
    expect([...read.rows.values()]).toEqual(first);
    const edited = readSheet(
      writeSheet(
        first.map((row) =>
          row.source === 'category' ? { ...row, kind: 'fandom', tag: 'Buffy the Vampire Slayer' } : row,
        ),
      ),
    );
    const second = buildSheet(refs.slice(2), edited, knowledge);
    // A string no story carries now keeps its row (and its choice) with a count of 0.
    expect(second.find((row) => row.source === 'category')).toMatchObject({ stories: 0, kind: 'fandom' });
    expect(mapTag(refs[0] as never, edited)).toEqual({
      kind: 'fandom',
      name: 'Buffy the Vampire Slayer',
      canonical: true,
      original: 'Buffy the Vampire Slayer',
    });
    expect(mapTag({ source: 'class:Genres', original: 'Angst, "deep"' }, edited)).toMatchObject({
      kind: 'freeform',
      canonical: false,
    });
  });

  it('names the rows it cannot apply and keeps their strings as additional tags', () => {
    const sheet = readSheet(
      'source,original,stories,suggested_kind,suggested_tag,kind,tag\n' +
        'rating,PG,3,,,rating,PG-ish\n' +
        'class:Warnings,Gore,1,,,warning,Gore\n' +
        ',Nameless,1,,,,\n' +
        'category,Buffy,1,,,,Buffy the Vampire Slayer\n',
    );
    expect(sheet.problems).toEqual([
      'mapping sheet line 2: "PG-ish" is not an AO3 rating (one of General Audiences, Teen And Up Audiences, Mature, Explicit, Not Rated); "PG" stays an additional tag',
      'mapping sheet line 3: "Gore" is not an AO3 warning (one of Creator Chose Not To Use Archive Warnings, Graphic Depictions Of Violence, Major Character Death, No Archive Warnings Apply, Rape/Non-Con, Underage Sex); "Gore" stays an additional tag',
      'mapping sheet line 4: the source and original columns must not be empty',
    ]);
    // A tag with no kind takes the kind its source suggests.
    expect(mapTag({ source: 'category', original: 'Buffy' }, sheet)).toMatchObject({
      kind: 'fandom',
      name: 'Buffy the Vampire Slayer',
    });
    expect(readSheet('"unclosed\n').problems[0]).toMatch(/not a CSV file/);
  });
});
