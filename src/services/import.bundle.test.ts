import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { bundleImportThreads, IMPORT_THREAD_SOURCES, importThreadModules } from './import.bundle.ts';
import type { CoordinatorData, CoordinatorMessage } from './import.types.ts';

const folderUrl = (path: string) => pathToFileURL(`${path}/`);

describe('the import threads bundled', () => {
  it('makes one JavaScript module per thread, named by its content, which finds the packs beside the sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-bundle-'));
    const modules = await bundleImportThreads(folderUrl(dir));
    const worker = readFileSync(modules.worker, 'utf8');
    const coordinator = readFileSync(modules.coordinator, 'utf8');
    expect(fileURLToPath(modules.worker)).toMatch(/[0-9a-f]{16}\/worker\.mjs$/);
    expect(fileURLToPath(modules.coordinator)).toMatch(/[0-9a-f]{16}\/coordinator\.mjs$/);
    expect(readFileSync(modules.checkpointer, 'utf8')).toContain('wal_checkpoint(PASSIVE)');
    // No module address is left to resolve against the bundle's own place.
    expect(worker).not.toContain('import.meta.url');
    expect(worker).toContain(
      JSON.stringify(new URL('../analysis/packs/pack.loader.ts', import.meta.url).href),
    );
    expect(coordinator).toContain('importStories');
    // The same sources make the same folder again.
    expect((await bundleImportThreads(folderUrl(dir))).worker.href).toBe(modules.worker.href);
  });

  it('removes bundles of other sources once they are a day old, and keeps newer ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-bundle-'));
    const old = join(dir, '0123456789abcdef');
    const recent = join(dir, 'fedcba9876543210');
    mkdirSync(old);
    mkdirSync(recent);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    await bundleImportThreads(folderUrl(dir));
    expect(() => statSync(old)).toThrow();
    expect(statSync(recent).isDirectory()).toBe(true);
  });

  it('falls back to the TypeScript sources when the bundles cannot be written', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'quire-bundle-')), 'a-file');
    writeFileSync(file, 'a file where a folder should be');
    await expect(bundleImportThreads(folderUrl(join(file, 'threads')))).rejects.toThrow();
    expect(await importThreadModules(folderUrl(join(file, 'threads')))).toEqual(IMPORT_THREAD_SOURCES);
  });

  it('runs an import from the TypeScript sources as Node strips them, as that fallback does', async () => {
    // Node's type stripping takes no parameter properties or enums: a module that used them would fail here
    // and nowhere else (Vitest and the bundles compile them).
    const data: CoordinatorData = {
      store: { dataDir: mkdtempSync(join(tmpdir(), 'quire-sources-')) },
      paths: ['test/fixtures/txt/combined.txt'],
      packs: [],
      workers: 1,
      workerModule: IMPORT_THREAD_SOURCES.worker.href,
      checkpointModule: IMPORT_THREAD_SOURCES.checkpointer.href,
    };
    const thread = new Worker(IMPORT_THREAD_SOURCES.coordinator, { workerData: data, execArgv: [] });
    const outcome = await new Promise<CoordinatorMessage>((resolve, reject) => {
      thread.on('message', (message: CoordinatorMessage) => {
        if (message.type !== 'progress') resolve(message);
      });
      thread.on('error', reject);
    });
    await thread.terminate();
    expect(outcome).toMatchObject({ type: 'done', summary: { counts: { imported: 1, failed: 0 } } });
  }, 60_000);
});
