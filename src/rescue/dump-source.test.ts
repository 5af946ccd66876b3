import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDumpFile } from './dump-source.ts';
import { readDumpRows } from './sql-dump.reader.ts';

const DUMP = join(import.meta.dirname, '../../test/fixtures/rescue/efiction/dump.sql');

async function count(path: string): Promise<number> {
  const { chunks } = await openDumpFile(path);
  let rows = 0;
  for await (const _row of readDumpRows(chunks)) rows++;
  return rows;
}

describe('openDumpFile', () => {
  it('reads a gzipped dump by its first bytes, whatever its name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-dump-'));
    writeFileSync(join(dir, 'backup.sql'), gzipSync(readFileSync(DUMP)));
    expect(await count(join(dir, 'backup.sql'))).toBe(await count(DUMP));
  });

  it('names a truncated gzip file, an empty file and a missing one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-dump-'));
    const gz = gzipSync(readFileSync(DUMP));
    writeFileSync(join(dir, 'cut.sql.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    writeFileSync(join(dir, 'empty.sql'), '');
    await expect(count(join(dir, 'cut.sql.gz'))).rejects.toThrow(/is not a complete gzip file/);
    await expect(count(join(dir, 'empty.sql'))).rejects.toThrow(/is empty/);
    await expect(count(join(dir, 'none.sql'))).rejects.toThrow(/does not exist/);
  });
});
