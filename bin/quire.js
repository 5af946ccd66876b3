#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npm ci` is the only step before `quire` works.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv.slice(2));
