import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

/** The modules the import's threads start from: the thread that writes, each reading worker, and the thread
 * that checkpoints the SQLite log (db/checkpoints.ts). */
export interface ImportThreadModules {
  coordinator: URL;
  worker: URL;
  checkpointer: URL;
}

/** The TypeScript sources, which Node's own type stripping can run as they are. */
export const IMPORT_THREAD_SOURCES: Readonly<ImportThreadModules> = {
  coordinator: new URL('./import.coordinator.ts', import.meta.url),
  worker: new URL('./import.worker.ts', import.meta.url),
  // Named here, not imported from db/checkpoints.ts: `quire import`'s main thread loads no database code.
  checkpointer: new URL('../db/checkpoint.thread.ts', import.meta.url),
};

/**
 * Where the bundles are kept: inside the project's `node_modules`, so the packages they import (left out of
 * the bundles) resolve from there as they do from the sources.
 */
export const THREAD_BUNDLE_DIR = new URL('../../node_modules/.cache/quire/threads/', import.meta.url);

/** Bundles older than this, made from other sources, are removed when new ones are written. */
const STALE_MS = 24 * 60 * 60 * 1000;

const bundled = new Map<string, Promise<ImportThreadModules>>();

/**
 * The import's thread modules as one JavaScript file each, bundled by esbuild from the sources on first use
 * in a process (about 0.2 s) and kept under a hash of their contents, so a change to any source makes new
 * ones. A thread that loads `.ts` files through Node's type stripping carries the stripper (a WebAssembly
 * build of swc) for its whole life: in an import of 300 MB by two workers, bundles lower the peak memory by
 * about 25 MB (80 MB for an import of one file, whose threads hold little else) and start the threads half
 * a second sooner. When bundling fails (a read-only install, say), the sources are used: the import is the
 * same, only heavier.
 */
export function importThreadModules(dir: URL = THREAD_BUNDLE_DIR): Promise<ImportThreadModules> {
  let modules = bundled.get(dir.href);
  if (!modules) {
    modules = bundleImportThreads(dir).catch(() => ({ ...IMPORT_THREAD_SOURCES }));
    bundled.set(dir.href, modules);
  }
  return modules;
}

/** Bundle the import's thread modules into a folder under `dir` named by their hash; throws on failure. */
export async function bundleImportThreads(dir: URL): Promise<ImportThreadModules> {
  const esbuild = await import('esbuild');
  let outputs: { path: string; contents: Uint8Array }[];
  try {
    const result = await esbuild.build({
      entryPoints: {
        coordinator: fileURLToPath(IMPORT_THREAD_SOURCES.coordinator),
        worker: fileURLToPath(IMPORT_THREAD_SOURCES.worker),
        checkpointer: fileURLToPath(IMPORT_THREAD_SOURCES.checkpointer),
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node24',
      // Packages stay imports: only the project's own TypeScript needs turning into JavaScript.
      packages: 'external',
      outdir: fileURLToPath(dir),
      outExtension: { '.js': '.mjs' },
      write: false,
      logLevel: 'silent',
      plugins: [sourceModuleUrls],
    });
    outputs = result.outputFiles;
  } finally {
    // The build's esbuild process would otherwise stay alive, idle, until this one exits.
    await esbuild.stop();
  }
  const hash = createHash('sha256');
  for (const output of outputs) hash.update(basename(output.path)).update(output.contents);
  const folder = new URL(`${hash.digest('hex').slice(0, 16)}/`, dir);
  await mkdir(folder, { recursive: true });
  for (const output of outputs) {
    const target = fileURLToPath(new URL(basename(output.path), folder));
    // Written whole under another name and renamed: another process may be starting from the same file.
    const partial = `${target}.${process.pid}.partial`;
    await writeFile(partial, output.contents);
    await rename(partial, target);
  }
  await removeStale(dir, folder);
  return {
    coordinator: new URL('coordinator.mjs', folder),
    worker: new URL('worker.mjs', folder),
    checkpointer: new URL('checkpointer.mjs', folder),
  };
}

/**
 * Each source's `import.meta.url` as the source's own address: the knowledge packs are found beside the
 * loader's source file, not beside a bundle.
 */
const sourceModuleUrls: Plugin = {
  name: 'quire-source-module-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      return {
        contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
        loader: 'ts',
      };
    });
  },
};

/** Remove bundles of other sources left for a day: an import still running from one has started long ago. */
async function removeStale(dir: URL, current: URL): Promise<void> {
  for (const name of await readdir(dir)) {
    const folder = new URL(`${name}/`, dir);
    if (folder.href === current.href) continue;
    const info = await stat(folder).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_MS)
      await rm(folder, { recursive: true, force: true }).catch(() => {});
  }
}
