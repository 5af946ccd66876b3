#!/usr/bin/env node
// Runs the built JavaScript in dist/, which `npm ci` builds (the `prepare` script) and `npm run build` rebuilds.

// Checked before anything loads: the database driver is built for the Node that `npm ci` installed (24), and
// an older system Node crashes inside it rather than saying why.
const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    `quire: Quire needs Node.js ${REQUIRED_MAJOR} or newer, and this is Node.js ${process.versions.node}. ` +
      '`npm run quire -- ...` runs it on the Node that `npm ci` installed.\n',
  );
  process.exit(2);
}

const main = new URL('../dist/cli/main.js', import.meta.url);
const { existsSync } = await import('node:fs');
if (!existsSync(main)) {
  process.stderr.write('quire: Quire is not built yet: run `npm run build` (`npm ci` builds it too).\n');
  process.exit(2);
}
const { runCli } = await import(main.href);
await runCli(process.argv.slice(2));
