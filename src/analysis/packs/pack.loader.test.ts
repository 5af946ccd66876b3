import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relationshipTag } from '../relationships.ts';
import { knowledgeFromPacks, loadBuiltinPacks, loadPackFile, parsePack } from './pack.loader.ts';

const packs = loadBuiltinPacks();
const knowledge = knowledgeFromPacks(packs);
const character = (name: string) => {
  const found = knowledge.characterByName.get(name);
  if (!found) throw new Error(`${name} is not in the packs`);
  return found;
};
const ambiguityOf = (alias: string, name: string) =>
  knowledge.aliasesByFirstWord
    .get(alias.toLowerCase())
    ?.find((entry) => entry.character.name === name && entry.words.length === 1)?.ambiguity;

describe('built-in packs', () => {
  it('load and validate, with the Buffyverse covering both shows and at least 80 characters', () => {
    expect(packs.map((pack) => pack.id)).toEqual(['buffyverse', 'harry-potter', 'sherlock']);
    const buffyverse = packs.find((pack) => pack.id === 'buffyverse');
    expect(buffyverse?.characters.length).toBeGreaterThanOrEqual(80);
    const fandoms = new Set(buffyverse?.characters.map((entry) => entry.fandom));
    expect(fandoms).toEqual(new Set(['Buffy the Vampire Slayer', 'Angel: the Series']));
    expect(packs.find((pack) => pack.id === 'harry-potter')?.characters.length).toBeGreaterThanOrEqual(60);
  });

  it('marks common words, titles and shared names as such', () => {
    expect(ambiguityOf('Dawn', 'Dawn Summers')).toBe('common-word');
    expect(ambiguityOf('Faith', 'Faith Lehane')).toBe('common-word');
    expect(ambiguityOf('Will', 'Willow Rosenberg')).toBe('common-word');
    expect(ambiguityOf('Red', 'Willow Rosenberg')).toBe('common-word');
    expect(ambiguityOf('Angel', 'Angel (Buffy the Vampire Slayer)')).toBe('common-word');
    expect(ambiguityOf('Spike', 'Spike (Buffy the Vampire Slayer)')).toBe('common-word');
    expect(ambiguityOf('Buffy', 'Buffy Summers')).toBe('title');
    expect(ambiguityOf('Summers', 'Buffy Summers')).toBe('shared');
    expect(ambiguityOf('Willow', 'Willow Rosenberg')).toBe('none');
  });

  it('joins short names alphabetically into AO3 relationship tags', () => {
    expect(
      relationshipTag(
        [character('Spike (Buffy the Vampire Slayer)'), character('Buffy Summers')],
        'romantic',
      ),
    ).toBe('Buffy Summers/Spike');
    expect(
      relationshipTag(
        [character('Willow Rosenberg'), character('Spike (Buffy the Vampire Slayer)')],
        'romantic',
      ),
    ).toBe('Spike/Willow Rosenberg');
    expect(
      relationshipTag(
        [character('Willow Rosenberg'), character('Kennedy (Buffy the Vampire Slayer)')],
        'romantic',
      ),
    ).toBe('Kennedy/Willow Rosenberg');
    expect(relationshipTag([character('Sherlock Holmes'), character('John Watson')], 'romantic')).toBe(
      'John Watson/Sherlock Holmes',
    );
    expect(relationshipTag([character('Harry Potter'), character('Draco Malfoy')], 'romantic')).toBe(
      'Draco Malfoy/Harry Potter',
    );
    expect(relationshipTag([character('Rupert Giles'), character('Buffy Summers')], 'platonic')).toBe(
      'Buffy Summers & Rupert Giles',
    );
  });
});

describe('bad packs', () => {
  const base =
    'id: test\nfandoms:\n  - name: Test\ncharacters:\n  - { name: Ann, fandom: Test, gender: female, adult: true }\n';
  it.each([
    ['invalid YAML', 'id: [unclosed', /not valid YAML/],
    [
      'a missing field',
      'id: test\nfandoms:\n  - name: Test\ncharacters:\n  - { name: Ann, fandom: Test, adult: true }\n',
      /characters\[0\]/,
    ],
    ['a wrong enum value', base.replace('female', 'woman'), /characters\[0\]\.gender/],
    [
      'a ship naming a stranger',
      `${base}ships:\n  - { name: AnnBob, members: [Ann, Bob] }\n`,
      /ships\[0\]\.members\[1\]: "Bob" is not a character/,
    ],
    [
      'a broken regex',
      `${base}timeline:\n  - { pattern: "(unclosed", tag: X, fandom: Test }\n`,
      /timeline\[0\]\.pattern: not a valid regular expression/,
    ],
    [
      'a character in an unknown fandom',
      base.replace('fandom: Test,', 'fandom: Nowhere,'),
      /"Nowhere" is not one of this pack's fandoms/,
    ],
  ])('names the file and the place for %s', (_, text, message) => {
    expect(() => parsePack(text, 'bad.yaml')).toThrow(/bad\.yaml/);
    expect(() => parsePack(text, 'bad.yaml')).toThrow(message);
  });

  it('loads a pack file from anywhere, and says when it cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-pack-'));
    const path = join(dir, 'test.yaml');
    writeFileSync(
      path,
      'id: test\nfandoms:\n  - name: Test\ncharacters:\n  - { name: Ann Lee, fandom: Test, gender: female, adult: true }\n',
    );
    expect(loadPackFile(path).characters[0]?.name).toBe('Ann Lee');
    expect(() => loadPackFile(join(dir, 'missing.yaml'))).toThrow(/cannot be read/);
  });
});
