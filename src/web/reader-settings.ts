/**
 * A reader's display settings, kept in a cookie so they work without an account and without JavaScript.
 * Anything unreadable in the cookie falls back to the default rather than failing the page.
 */

export const THEMES = ['system', 'light', 'dark'] as const;
export const FONT_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export const FONT_FAMILIES = ['serif', 'sans', 'dyslexic-friendly'] as const;
export const WIDTHS = ['narrow', 'medium', 'wide'] as const;

export interface ReaderSettings {
  theme: (typeof THEMES)[number];
  fontSize: (typeof FONT_SIZES)[number];
  fontFamily: (typeof FONT_FAMILIES)[number];
  width: (typeof WIDTHS)[number];
  /** Spoiler protection in listings, as AO3's preferences offer. */
  hideFreeforms: boolean;
  hideWarnings: boolean;
}

export const DEFAULT_SETTINGS: ReaderSettings = {
  theme: 'system',
  fontSize: 'medium',
  fontFamily: 'serif',
  width: 'medium',
  hideFreeforms: false,
  hideWarnings: false,
};

export const SETTINGS_COOKIE = 'quire_reader';

const pick = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

/** Settings from the cookie's value (URL-encoded form fields). */
export function readSettings(cookie: string | undefined): ReaderSettings {
  if (!cookie) return DEFAULT_SETTINGS;
  const params = new URLSearchParams(cookie);
  return {
    theme: pick(THEMES, params.get('theme'), DEFAULT_SETTINGS.theme),
    fontSize: pick(FONT_SIZES, params.get('font_size'), DEFAULT_SETTINGS.fontSize),
    fontFamily: pick(FONT_FAMILIES, params.get('font_family'), DEFAULT_SETTINGS.fontFamily),
    width: pick(WIDTHS, params.get('width'), DEFAULT_SETTINGS.width),
    hideFreeforms: params.get('hide_freeforms') === '1',
    hideWarnings: params.get('hide_warnings') === '1',
  };
}

export function writeSettings(settings: ReaderSettings): string {
  return new URLSearchParams({
    theme: settings.theme,
    font_size: settings.fontSize,
    font_family: settings.fontFamily,
    width: settings.width,
    hide_freeforms: settings.hideFreeforms ? '1' : '0',
    hide_warnings: settings.hideWarnings ? '1' : '0',
  }).toString();
}

/**
 * Settings from the settings form. Unlike the cookie, a form value that is not allowed is an error the
 * reader sees, so a hand-edited request is told what was wrong.
 */
export function parseSettingsForm(body: Record<string, unknown>): ReaderSettings | { problems: string[] } {
  const problems: string[] = [];
  const choose = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = body[key];
    if (value === undefined || value === '') return fallback;
    if (typeof value === 'string' && allowed.includes(value as T)) return value as T;
    problems.push(`${key} must be one of: ${allowed.join(', ')}`);
    return fallback;
  };
  const settings: ReaderSettings = {
    theme: choose('theme', THEMES, DEFAULT_SETTINGS.theme),
    fontSize: choose('font_size', FONT_SIZES, DEFAULT_SETTINGS.fontSize),
    fontFamily: choose('font_family', FONT_FAMILIES, DEFAULT_SETTINGS.fontFamily),
    width: choose('width', WIDTHS, DEFAULT_SETTINGS.width),
    hideFreeforms: body.hide_freeforms === '1',
    hideWarnings: body.hide_warnings === '1',
  };
  return problems.length > 0 ? { problems } : settings;
}
