import { describe, expect, it } from 'vitest';
import { languageName } from './format.ts';

describe('languageName', () => {
  it('names a code in English, the same when asked again', () => {
    expect(languageName('fr')).toBe('French');
    expect(languageName('fr')).toBe('French');
    expect(languageName('pt-BR')).toBe('Brazilian Portuguese');
  });

  it('says Unknown for no language, and shows a code ICU cannot read as stored, each time', () => {
    expect(languageName('und')).toBe('Unknown');
    expect(languageName(' ')).toBe('Unknown');
    expect(languageName('not a code!')).toBe('not a code!');
    expect(languageName('not a code!')).toBe('not a code!');
  });
});
