/**
 * The readers' writes for `bench:search --write-load`: guests leaving kudos and comments on random works at
 * fixed rates (issue #20 part 8: 50 kudos and 20 comments a second), from a process of its own, through the
 * same services the site uses. Runs until SIGTERM, then prints what it did as one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { parseScriptArgs } from '../scripts/script-args.ts';
import { openStore } from '../src/db/connect.ts';
import { isAppError } from '../src/errors.ts';
import { postComment } from '../src/services/community/comment.service.ts';
import { leaveKudos } from '../src/services/community/kudos.service.ts';
import { seededRandom } from './story-text.ts';

const { values } = parseScriptArgs({
  options: {
    data: { type: 'string' },
    'database-url': { type: 'string' },
    kudos: { type: 'string', default: '50' },
    comments: { type: 'string', default: '20' },
  },
});
const store = await openStore(
  values['database-url']
    ? { databaseUrl: values['database-url'] }
    : { dataDir: values.data ?? 'bench/out/data' },
);
const ids = (await store.db.selectFrom('works').select('id').where('status', '=', 'posted').execute()).map(
  (row) => row.id,
);
const random = seededRandom(11);
const pick = () => ids[Math.floor(random() * ids.length)] as number;
const done = { kudos: 0, comments: 0, refused: 0, started: performance.now() };

/** Call `act` `perSecond` times a second, each call apart; a refusal (an AppError) is counted, not fatal. */
function every(perSecond: number, act: () => Promise<unknown>, count: 'kudos' | 'comments') {
  return setInterval(() => {
    act().then(
      () => done[count]++,
      (error) => {
        if (!isAppError(error)) throw error;
        done.refused++;
      },
    );
  }, 1000 / perSecond);
}

const timers = [
  every(Number(values.kudos), () => leaveKudos(store.db, null, pick(), randomUUID()), 'kudos'),
  every(
    Number(values.comments),
    () =>
      postComment(
        store.db,
        null,
        pick(),
        { comment: 'I loved the ending, thank you for writing this.', guestName: 'a reader' },
        { guestSecret: randomUUID() },
      ),
    'comments',
  ),
];
process.on('SIGTERM', async () => {
  for (const timer of timers) clearInterval(timer);
  const seconds = (performance.now() - done.started) / 1000;
  console.log(JSON.stringify({ kudos: done.kudos, comments: done.comments, refused: done.refused, seconds }));
  await store.close();
  process.exit(0);
});
console.log('ready');
