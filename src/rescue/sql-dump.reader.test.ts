import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DumpRow, readDumpRows, SqlDumpReader } from './sql-dump.reader.ts';

async function rows(
  dump: Buffer | string,
  chunkSize = 1 << 20,
  reader = new SqlDumpReader(),
): Promise<DumpRow[]> {
  const bytes = typeof dump === 'string' ? Buffer.from(dump, 'utf8') : dump;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const found: DumpRow[] = [];
  for await (const row of readDumpRows(chunks(), reader)) found.push(row);
  return found;
}

/** A value as mysqldump escapes it. */
const ESCAPED: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  [String.fromCharCode(0)]: '\\0',
  [String.fromCharCode(26)]: '\\Z',
};

function mysqlString(value: string): string {
  return `'${[...value].map((c) => ESCAPED[c] ?? c).join('')}'`;
}

const CREATE =
  'CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `body` text,\n  PRIMARY KEY (`id`)\n) ENGINE=MyISAM;\n';

describe('SqlDumpReader', () => {
  it('reads mysqldump rows by the CREATE TABLE columns and phpMyAdmin rows by their column list', async () => {
    const found = await rows(
      `-- MySQL dump\n/*!40101 SET NAMES utf8 */;\n${CREATE}INSERT INTO \`t\` VALUES (1,'a; b -- c'),(2,NULL);\n` +
        "INSERT INTO `t` (`body`, `id`) VALUES\n('x /* not a comment */ y', 3),\n(0x68C3A9, 4);\n# a comment; with a semicolon\n",
    );
    expect(found).toEqual([
      { table: 't', values: { id: '1', body: 'a; b -- c' } },
      { table: 't', values: { id: '2', body: null } },
      { table: 't', values: { body: 'x /* not a comment */ y', id: '3' } },
      { table: 't', values: { body: 'hé', id: '4' } },
    ]);
  });

  it('reads escapes, doubled quotes and charset introducers', async () => {
    const found = await rows(
      `${CREATE}INSERT INTO t VALUES (1,'It\\'s ''here''\\n\\ttab \\\\ back'),(2,_binary 'bin');`,
    );
    expect(found.map((row) => row.values.body)).toEqual(["It's 'here'\n\ttab \\ back", 'bin']);
  });

  it('decodes each value on its own: UTF-8 where it is, Windows-1252 where it is not', async () => {
    const dump = Buffer.concat([
      Buffer.from(`${CREATE}INSERT INTO t VALUES (1,'caf`),
      Buffer.from([0xc3, 0xa9]),
      Buffer.from("'),(2,'it"),
      Buffer.from([0x92]),
      Buffer.from("s');"),
    ]);
    expect((await rows(dump)).map((row) => row.values.body)).toEqual(['café', 'it’s']);
  });

  it('reads the same rows whatever the chunk boundaries (quotes, escapes, comments split)', async () => {
    const dump = `${CREATE}-- note\nINSERT INTO t VALUES (1,'a\\'b;c'),(2,'d--e');/* x; */INSERT INTO t VALUES (3,'f');`;
    const whole = await rows(dump);
    for (const size of [1, 2, 3, 7]) expect(await rows(dump, size)).toEqual(whole);
    expect(whole).toHaveLength(3);
  });

  it('lists rows that do not fit and tables it has no columns for, and reads on', async () => {
    const reader = new SqlDumpReader();
    const found = await rows(
      `${CREATE}INSERT INTO t VALUES (1,'a','extra'),(2,'b');INSERT INTO u VALUES (1);`,
      1 << 20,
      reader,
    );
    expect(found.map((row) => row.values.id)).toEqual(['2']);
    expect(reader.problems).toEqual([
      'a row of table t has 3 values for 2 columns; it is skipped',
      'rows of table u skipped: the dump gives neither its CREATE TABLE nor column names',
    ]);
  });

  it('says a dump that ends inside a value is truncated', async () => {
    await expect(rows(`${CREATE}INSERT INTO t VALUES (1,'never closed`)).rejects.toThrow(
      /ends inside a quoted value/,
    );
  });

  it('gives back any string mysqldump escapes (round trip)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }),
        async (values) => {
          const tuples = values.map((value, index) => `(${index},${mysqlString(value)})`).join(',');
          const found = await rows(`${CREATE}INSERT INTO \`t\` VALUES ${tuples};`, 5);
          expect(found.map((row) => row.values.body)).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });
});
