import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  FONT_FAMILIES,
  FONT_SIZES,
  parseSettingsForm,
  type ReaderSettings,
  readSettings,
  THEMES,
  WIDTHS,
  writeSettings,
} from './reader-settings.ts';

const anySettings: fc.Arbitrary<ReaderSettings> = fc.record({
  theme: fc.constantFrom(...THEMES),
  fontSize: fc.constantFrom(...FONT_SIZES),
  fontFamily: fc.constantFrom(...FONT_FAMILIES),
  width: fc.constantFrom(...WIDTHS),
  hideFreeforms: fc.boolean(),
  hideWarnings: fc.boolean(),
});

describe('the reader-settings cookie', () => {
  it('reads back whatever was written', () => {
    fc.assert(
      fc.property(anySettings, (settings) => {
        expect(readSettings(writeSettings(settings))).toEqual(settings);
      }),
    );
  });

  it('gives the defaults with no cookie, and for any value it cannot read', () => {
    expect(readSettings(undefined)).toBe(DEFAULT_SETTINGS);
    expect(readSettings('')).toBe(DEFAULT_SETTINGS);
    fc.assert(
      fc.property(fc.string(), (cookie) => {
        const settings = readSettings(cookie);
        expect(THEMES).toContain(settings.theme);
        expect(FONT_SIZES).toContain(settings.fontSize);
        expect(FONT_FAMILIES).toContain(settings.fontFamily);
        expect(WIDTHS).toContain(settings.width);
      }),
    );
  });

  it('keeps the fields it can read and defaults the rest', () => {
    expect(readSettings('theme=dark&font_size=huge&width=wide&hide_warnings=1&hide_freeforms=yes')).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'dark',
      width: 'wide',
      hideWarnings: true,
    });
    expect(readSettings('%%%&theme=<script>')).toEqual(DEFAULT_SETTINGS);
  });
});

describe('the settings form', () => {
  it('takes allowed values, and treats missing or empty fields as the defaults', () => {
    expect(parseSettingsForm({ theme: 'light', font_family: 'sans', hide_freeforms: '1' })).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'light',
      fontFamily: 'sans',
      hideFreeforms: true,
    });
    expect(parseSettingsForm({ theme: '', width: '' })).toEqual(DEFAULT_SETTINGS);
    expect(parseSettingsForm({})).toEqual(DEFAULT_SETTINGS);
  });

  it('names every field whose value is not allowed, rather than guessing', () => {
    expect(parseSettingsForm({ theme: 'neon', font_size: ['large', 'small'], width: 'medium' })).toEqual({
      problems: [
        'theme must be one of: system, light, dark',
        'font_size must be one of: small, medium, large, x-large',
      ],
    });
  });
});
