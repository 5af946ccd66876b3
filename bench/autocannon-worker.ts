/** bench:http's load through autocannon when wrk is not installed, in a worker thread (load-generator.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import type { LoadFigures, LoadOptions } from './load-generator.ts';

const options = workerData as LoadOptions;
let at = 0;
const result = await autocannon({
  url: options.origin,
  connections: options.connections,
  duration: options.seconds,
  headers: options.headers,
  requests: [
    {
      setupRequest: (request) => ({
        ...request,
        path: options.paths[at++ % options.paths.length] as string,
      }),
    },
  ],
});
const figures: LoadFigures = {
  requests: result.requests.total,
  rps: result.requests.total / options.seconds,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
  wrapped: options.paths.length > 1 && result.requests.total > options.paths.length,
  generator: 'autocannon',
};
parentPort?.postMessage(figures);
