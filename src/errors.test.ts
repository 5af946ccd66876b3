import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, HTTP_STATUS } from './errors.ts';

describe('the error codes', () => {
  it('are listed in docs/errors.md with their meaning and HTTP status, and nothing else is', () => {
    const rows = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => /^\| `([A-Z_]+)` \| (\d+) \| (.+) \|$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1], Number(match[2]), match[3]]);
    expect(rows).toEqual(
      Object.entries(ERROR_CODES).map(([code, meaning]) => [
        code,
        HTTP_STATUS[code as keyof typeof ERROR_CODES],
        meaning,
      ]),
    );
  });
});
