// The files the built code reads beside itself, copied from src/ into dist/ after `tsc` (`npm run build`):
// the site's stylesheet and script, and the fandom knowledge packs.
import { cpSync, statSync } from 'node:fs';

const FOLDERS = ['web/public', 'analysis/packs'];
const ASSET = /\.(css|js|yaml)$/;

for (const folder of FOLDERS) {
  cpSync(new URL(`../src/${folder}`, import.meta.url), new URL(`../dist/${folder}`, import.meta.url), {
    recursive: true,
    filter: (source) => statSync(source).isDirectory() || ASSET.test(source),
  });
}
