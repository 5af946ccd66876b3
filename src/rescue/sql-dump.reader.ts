/**
 * Rows from a MySQL dump, as mysqldump, MariaDB's mysqldump, phpMyAdmin or Sequel Pro write it, read as a
 * stream without any database server. npm has dump *writers* (mysqldump) and SQL grammars that parse a
 * whole statement list in memory (node-sql-parser), but no maintained streaming reader of dump files, so
 * this one reads only what dumps contain: statements split outside quotes and comments, CREATE TABLE for
 * the column names, and INSERT/REPLACE ... VALUES tuples.
 *
 * Each string value is decoded on its own: old archives mix UTF-8, Windows-1252 and latin1 tables in one
 * dump, so strict UTF-8 is tried first and Windows-1252 taken when the bytes are not UTF-8.
 */
import { AppError } from '../errors.ts';

/** One row of a table, by column name; every value as text (numbers too) or null. */
export interface DumpRow {
  table: string;
  values: Record<string, string | null>;
}

/** A statement longer than this is refused (dumps split INSERTs at about 1 MB; this leaves room). */
const MAX_STATEMENT_BYTES = 256 * 1024 * 1024;

const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;
const SEMICOLON = 0x3b;
const DASH = 0x2d;
const HASH = 0x23;
const SLASH = 0x2f;
const STAR = 0x2a;
const NEWLINE = 0x0a;

enum State {
  Normal,
  Single,
  Double,
  Backtick,
  LineComment,
  BlockComment,
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/** A string value's bytes as text: UTF-8 when they are, else Windows-1252. */
export function decodeValue(bytes: Uint8Array): string {
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

/** Splits a byte stream into statements, outside quotes and comments. */
class StatementSplitter {
  private state: State = State.Normal;
  private parts: Buffer[] = [];
  private size = 0;
  /** The byte before, for `--`, `/*`, `*\/` and escapes that straddle chunks. */
  private previous = -1;
  private escaped = false;
  line = 1;

  *push(chunk: Buffer): Generator<Buffer> {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === NEWLINE) this.line++;
      switch (this.state) {
        case State.Normal:
          if (byte === QUOTE) this.state = State.Single;
          else if (byte === DOUBLE_QUOTE) this.state = State.Double;
          else if (byte === BACKTICK) this.state = State.Backtick;
          else if (byte === SEMICOLON) {
            this.add(chunk, start, i);
            start = i + 1;
            const statement = this.take();
            if (statement) yield statement;
          } else if (byte === HASH || (byte === DASH && this.previous === DASH)) {
            // The first dash was added already; a statement never ends in one, so dropping it is safe.
            this.add(chunk, start, byte === DASH ? i - 1 : i);
            if (byte === DASH && i === 0) this.dropLastByte();
            this.state = State.LineComment;
          } else if (byte === STAR && this.previous === SLASH) {
            this.add(chunk, start, i - 1);
            if (i === 0) this.dropLastByte();
            this.state = State.BlockComment;
          }
          break;
        case State.Single:
        case State.Double:
          if (this.escaped) this.escaped = false;
          else if (byte === BACKSLASH) this.escaped = true;
          else if (byte === (this.state === State.Single ? QUOTE : DOUBLE_QUOTE)) this.state = State.Normal;
          break;
        case State.Backtick:
          if (byte === BACKTICK) this.state = State.Normal;
          break;
        case State.LineComment:
          if (byte === NEWLINE) {
            this.state = State.Normal;
            start = i;
          }
          break;
        case State.BlockComment:
          if (byte === SLASH && this.previous === STAR) {
            this.state = State.Normal;
            start = i + 1;
            this.previous = -1;
            continue;
          }
          break;
      }
      this.previous = byte;
    }
    if (this.state !== State.LineComment && this.state !== State.BlockComment)
      this.add(chunk, start, chunk.length);
  }

  /** What is left at the end: a last statement without its semicolon. */
  finish(): Buffer | null {
    if (this.state === State.Single || this.state === State.Double)
      throw new AppError(
        'INVALID_DUMP',
        `The dump ends inside a quoted value (from about line ${this.line}): it is truncated.`,
      );
    return this.take();
  }

  private add(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(chunk.subarray(start, end));
    this.size += end - start;
    if (this.size > MAX_STATEMENT_BYTES)
      throw new AppError(
        'INVALID_DUMP',
        `A statement near line ${this.line} is longer than ${MAX_STATEMENT_BYTES / 1024 / 1024} MB; is this a MySQL dump?`,
      );
  }

  private dropLastByte(): void {
    const last = this.parts.at(-1);
    if (!last) return;
    this.parts[this.parts.length - 1] = last.subarray(0, last.length - 1);
    this.size--;
  }

  private take(): Buffer | null {
    const statement = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    this.parts = [];
    this.size = 0;
    for (const byte of statement) {
      // Copied: the chunks it points into would otherwise stay alive as long as any row's values.
      if (!isSpace(byte)) return Buffer.from(statement);
    }
    return null;
  }
}

const INSERT_HEAD =
  /^\s*(?:INSERT|REPLACE)\s+(?:(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE)\s+)*INTO\s+(?:`[^`]*`\.)?`?([^`\s(]+)`?\s*(?:\(([^)]*)\))?\s*VALUES\s*/i;
const CREATE_HEAD =
  /^\s*CREATE\s+(?:TEMPORARY\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:`[^`]*`\.)?`?([^`\s(]+)`?\s*\(/i;

/** Reads a dump's rows; tables' column names come from their CREATE TABLE or the INSERT's column list. */
export class SqlDumpReader {
  private readonly splitter = new StatementSplitter();
  private readonly columns = new Map<string, string[]>();
  /** Problems met on the way (a row that does not fit its columns): the rest is read on. */
  readonly problems: string[] = [];

  *push(chunk: Buffer): Generator<DumpRow> {
    for (const statement of this.splitter.push(chunk)) yield* this.read(statement);
  }

  *finish(): Generator<DumpRow> {
    const last = this.splitter.finish();
    if (last) yield* this.read(last);
  }

  private *read(statement: Buffer): Generator<DumpRow> {
    const head = statement.subarray(0, 65536).toString('latin1');
    const insert = INSERT_HEAD.exec(head);
    if (insert) {
      const table = insert[1] as string;
      const listed = insert[2]?.split(',').map((name) => name.trim().replace(/^`|`$/g, ''));
      const columns = listed ?? this.columns.get(table);
      if (!columns) {
        this.problems.push(
          `rows of table ${table} skipped: the dump gives neither its CREATE TABLE nor column names`,
        );
        return;
      }
      yield* this.rows(table, columns, statement, Buffer.byteLength(insert[0], 'latin1'));
      return;
    }
    const create = CREATE_HEAD.exec(head);
    if (create) {
      const text = statement.toString('utf8');
      const names: string[] = [];
      for (const match of text.matchAll(/^\s*`([^`]+)`\s+\w/gm)) names.push(match[1] as string);
      // Column lines written without backticks (hand-written or very old dumps).
      if (names.length === 0)
        for (const match of text.matchAll(
          /[(,]\s*\n?\s*([A-Za-z_][\w$]*)\s+(?:int|tinyint|smallint|mediumint|bigint|varchar|char|text|tinytext|mediumtext|longtext|datetime|date|timestamp|float|double|decimal|enum|blob)\b/gi,
        ))
          names.push(match[1] as string);
      this.columns.set(create[1] as string, names);
    }
  }

  private *rows(table: string, columns: string[], bytes: Buffer, from: number): Generator<DumpRow> {
    let i = from;
    const n = bytes.length;
    while (i < n) {
      const byte = bytes[i] as number;
      if (byte !== 0x28) {
        i++;
        continue;
      }
      i++;
      const values: (string | null)[] = [];
      for (;;) {
        while (i < n && isSpace(bytes[i] as number)) i++;
        if (i >= n) break;
        const c = bytes[i] as number;
        if (c === QUOTE || c === DOUBLE_QUOTE) {
          const [value, next] = readString(bytes, i);
          values.push(value);
          i = next;
        } else {
          let end = i;
          let depth = 0;
          while (end < n) {
            const d = bytes[end] as number;
            if (d === 0x28) depth++;
            else if (d === 0x29) {
              if (depth === 0) break;
              depth--;
            } else if (d === 0x2c && depth === 0) break;
            else if (d === QUOTE) break;
            end++;
          }
          const word = bytes.subarray(i, end).toString('latin1').trim();
          if (/^_\w+$/.test(word) && bytes[end] === QUOTE) {
            // `_binary '...'`, `_utf8mb4 '...'`: a charset introducer before a string.
            const [value, next] = readString(bytes, end);
            values.push(value);
            i = next;
          } else {
            values.push(literal(word));
            i = end;
          }
        }
        while (i < n && isSpace(bytes[i] as number)) i++;
        if (bytes[i] === 0x2c) {
          i++;
          continue;
        }
        if (bytes[i] === 0x29) i++;
        break;
      }
      if (values.length !== columns.length) {
        this.problems.push(
          `a row of table ${table} has ${values.length} values for ${columns.length} columns; it is skipped`,
        );
        continue;
      }
      const row: Record<string, string | null> = {};
      for (let k = 0; k < columns.length; k++) row[columns[k] as string] = values[k] as string | null;
      yield { table, values: row };
    }
  }
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** An unquoted value: NULL, a number, a hex or bit literal. */
function literal(word: string): string | null {
  if (/^null$/i.test(word)) return null;
  if (/^0x[0-9a-f]*$/i.test(word)) return decodeValue(Buffer.from(word.slice(2), 'hex'));
  const bits = /^b'([01]*)'$/i.exec(word);
  if (bits) return String(Number.parseInt(bits[1] || '0', 2));
  return word;
}

const ESCAPES: Record<number, number> = {
  48: 0x00, // \0
  98: 0x08, // \b
  110: 0x0a, // \n
  114: 0x0d, // \r
  116: 0x09, // \t
  90: 0x1a, // \Z
};

/** A quoted value from `start` (the quote): its text and the index after the closing quote. */
function readString(bytes: Buffer, start: number): [string, number] {
  const quote = bytes[start] as number;
  const parts: Buffer[] = [];
  let from = start + 1;
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const byte = bytes[i] as number;
    if (byte === BACKSLASH) {
      parts.push(bytes.subarray(from, i));
      const next = bytes[i + 1] as number;
      // `\%` and `\_` keep their backslash, as MySQL reads them outside LIKE patterns.
      if (next === 0x25 || next === 0x5f) parts.push(bytes.subarray(i, i + 2));
      else parts.push(Buffer.of(ESCAPES[next] ?? next));
      i += 2;
      from = i;
    } else if (byte === quote) {
      if (bytes[i + 1] === quote) {
        // A doubled quote is one quote.
        parts.push(bytes.subarray(from, i + 1));
        i += 2;
        from = i;
      } else {
        parts.push(bytes.subarray(from, i));
        return [decodeValue(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts)), i + 1];
      }
    } else i++;
  }
  parts.push(bytes.subarray(from, n));
  return [decodeValue(Buffer.concat(parts)), n];
}

/** Every row of a dump given as a stream of chunks (a file, gunzipped or not). */
export async function* readDumpRows(
  chunks: AsyncIterable<Buffer>,
  reader = new SqlDumpReader(),
): AsyncGenerator<DumpRow> {
  for await (const chunk of chunks) yield* reader.push(chunk);
  yield* reader.finish();
}
