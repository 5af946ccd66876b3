/** Where a worker thread or child process starts, and the Node options it needs to load it. */
export interface StartModule {
  url: URL;
  execArgv: string[];
}

/**
 * The module a worker thread or child process starts from, named relative to the module that starts it:
 * the built JavaScript when that module runs built (dist/, as `quire` runs), else the TypeScript source,
 * loaded through tsx (a development dependency: only tests and `npm run dev` run from the sources).
 */
export function siblingModule(base: string, relative: string): StartModule {
  return base.endsWith('.ts')
    ? { url: new URL(relative, base), execArgv: ['--import', 'tsx'] }
    : { url: new URL(relative.replace(/\.ts$/, '.js'), base), execArgv: [] };
}
