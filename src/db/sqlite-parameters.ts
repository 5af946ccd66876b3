/**
 * The SQL of a statement to keep, with each parameter `?` written `+?`: the same value (a unary plus changes
 * neither value nor affinity), which SQLite's planner does not look at. A plan that looked at a parameter
 * (an equality's selectivity in a join or under ORDER BY, a LIMIT, STAT4 statistics) marks the statement to
 * be compiled again when its bindings are cleared, and better-sqlite3 clears them after every run: a kept
 * statement was compiled anew each time, four fifths of its CPU (bench/README.md). The plans are then chosen
 * from the indexes and their statistics alone, as for any parameter SQLite did not look at.
 *
 * Quoted strings and names, and comments, are copied as they are; a `?` with a number (`?1`) is left alone.
 */
export function unplannedParameters(sql: string): string {
  let out = '';
  let from = 0;
  for (let at = 0; at < sql.length; at++) {
    const character = sql[at];
    if (character === "'" || character === '"' || character === '`' || character === '[') {
      const close = character === '[' ? ']' : character;
      // A doubled quote inside a string or name is the quote itself; the search goes on past it.
      at = sql.indexOf(close, at + 1);
      while (at !== -1 && close !== ']' && sql[at + 1] === close) at = sql.indexOf(close, at + 2);
      if (at === -1) break;
    } else if (character === '-' && sql[at + 1] === '-') {
      at = sql.indexOf('\n', at + 2);
      if (at === -1) break;
    } else if (character === '/' && sql[at + 1] === '*') {
      at = sql.indexOf('*/', at + 2);
      if (at === -1) break;
      at++;
    } else if (character === '?' && !/[0-9]/.test(sql[at + 1] ?? '')) {
      out += `${sql.slice(from, at)}+?`;
      from = at + 1;
    }
  }
  return out + sql.slice(from);
}
