// `npm run dev -- COMMAND ...`: the `quire` command run from the TypeScript sources through tsx, without a
// build; `quire` itself (bin/quire.js) runs the built JavaScript.
import { runCli } from '../src/cli/main.ts';

await runCli(process.argv.slice(2));
