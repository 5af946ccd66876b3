import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { openZip } from './zip.ts';

describe('zip reader', () => {
  it('reads entries by name', async () => {
    const zip = await openZip(
      zipSync({ 'a.txt': strToU8('hello'), 'dir/b.txt': strToU8('world') }),
      'two.zip',
    );
    expect(zip.entries.map((entry) => entry.name)).toEqual(['a.txt', 'dir/b.txt']);
    expect(await zip.readText('dir/b.txt')).toBe('world');
    zip.close();
  });

  it('stops a zip bomb at the cap', async () => {
    // 64 MB of zeros compresses to about 64 KB.
    const bomb = zipSync({ 'zeros.txt': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const zip = await openZip(bomb, 'bomb.zip', { maxEntryBytes: 8 * 1024 * 1024 });
    await expect(zip.readBytes('zeros.txt')).rejects.toThrow(/zip bomb|allows for one file/);
    zip.close();
  });

  it('does not trust a header that understates the unpacked size', async () => {
    const bytes = zipSync({ 'data.txt': new Uint8Array(2 * 1024 * 1024).fill(65) }, { level: 9 });
    // Patch the declared uncompressed size (central directory and local header) down to 10 bytes.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint32(22, 10, true);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 10, true);
        break;
      }
    }
    const zip = await openZip(bytes, 'liar.zip', { maxTotalBytes: 1024 * 1024 });
    await expect(zip.readBytes('data.txt')).rejects.toThrow(/truncated or corrupt|zip bomb/);
    zip.close();
  });

  it('names a file that is not a zip', async () => {
    await expect(openZip(strToU8('just text'), 'fake.zip')).rejects.toThrow(
      /fake.zip is truncated or corrupt/,
    );
  });
});
