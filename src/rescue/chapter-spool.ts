import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Chapter text set aside on disk while a dump is read: a dump lists chapters before (or apart from) their
 * stories, and an archive's text is far larger than the memory a rescue may use, so only offsets stay in
 * memory until each story is stored.
 */
export class ChapterSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'quire-rescue-'));
  private readonly fd = openSync(join(this.dir, 'chapters'), 'w+');
  private readonly places = new Map<string, { offset: number; length: number }>();
  private size = 0;

  put(key: string, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.places.set(key, { offset: this.size, length: bytes.length });
    this.size += bytes.length;
  }

  has(key: string): boolean {
    return this.places.has(key);
  }

  get(key: string): string | null {
    const place = this.places.get(key);
    if (!place) return null;
    const bytes = Buffer.allocUnsafe(place.length);
    readSync(this.fd, bytes, 0, place.length, place.offset);
    return bytes.toString('utf8');
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
