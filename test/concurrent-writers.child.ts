/**
 * One of several processes writing to the same SQLite archive at once, as the processes of `quire serve
 * --workers N` do: leaves kudos as many guests on every work in turn, each in the transaction the site uses,
 * and prints, as JSON, how many went in and the errors met. Run by concurrent-writers.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { openStore } from '../src/db/connect.ts';
import { leaveKudos } from '../src/services/community/kudos.service.ts';

const [dataDir, count] = process.argv.slice(2) as [string, string];
const store = await openStore({ dataDir });
const ids = (await store.db.selectFrom('works').select('id').execute()).map((row) => row.id);
let given = 0;
const errors: string[] = [];
await Promise.all(
  Array.from({ length: Number(count) }, async (_, i) => {
    try {
      if (await leaveKudos(store.db, null, ids[i % ids.length] as number, randomUUID())) given++;
    } catch (error) {
      errors.push(`${(error as { code?: string }).code ?? ''} ${(error as Error).message}`);
    }
  }),
);
await store.close();
process.stdout.write(`${JSON.stringify({ given, errors })}\n`);
