import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Database } from './database.ts';

/**
 * Story text on its way to the database: a string, or its UTF-8 bytes. The import's workers hand chapters
 * over as bytes (transferred, not copied), so the thread that writes never holds a story as a JavaScript
 * string: that kept its heap at several times the text in flight and cost a UTF-16 to UTF-8 conversion per
 * chapter in the SQLite driver.
 */
export type StoredText = string | Uint8Array;

/**
 * A value to write into a text column. Bytes are bound as a blob and turned into text by the database: SQLite
 * keeps text as UTF-8, so a cast is all it takes; PostgreSQL's driver sends a Buffer as binary `bytea`,
 * which `convert_from` decodes (and checks). Either way the writing thread never decodes a story.
 */
export function textParameter(db: Kysely<Database>, value: StoredText): string | RawBuilder<string> {
  if (typeof value === 'string') return value;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // node-postgres sends Buffers, not other typed arrays, as bytes.
    return sql<string>`convert_from(${Buffer.from(value.buffer, value.byteOffset, value.byteLength)}, 'UTF8')`;
  }
  return sql<string>`cast(${value} as text)`;
}

/**
 * A text column as a page takes it, for text that goes out and is never looked at on the way (a page's
 * chapter): SQLite hands its stored UTF-8 over as a blob (a Buffer), which the page splices in as it is.
 * PostgreSQL's comes as text: as `bytea` it travelled as hex, twice the bytes, encoded by the server and
 * decoded here, which cost both more than decoding the string and encoding it with the page (bench/README.md).
 */
export function pageText(db: Kysely<Database>, column: string): RawBuilder<StoredText> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return sql<string>`${sql.ref(column)}`;
  return sql<Uint8Array>`cast(${sql.ref(column)} as blob)`;
}

/** The UTF-8 bytes of texts joined by a separator. */
export function joinText(values: readonly StoredText[], separator: string): StoredText {
  if (values.every((value) => typeof value === 'string')) return values.join(separator);
  const encoder = new TextEncoder();
  const parts = values.map((value) => (typeof value === 'string' ? encoder.encode(value) : value));
  const gap = encoder.encode(separator);
  const joined = new Uint8Array(
    parts.reduce((sum, part) => sum + part.length, 0) + gap.length * Math.max(0, parts.length - 1),
  );
  let at = 0;
  parts.forEach((part, index) => {
    if (index > 0) {
      joined.set(gap, at);
      at += gap.length;
    }
    joined.set(part, at);
    at += part.length;
  });
  return joined;
}
