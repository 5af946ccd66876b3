#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npm ci` is the only step before `quire` works.

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

const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv.slice(2));
