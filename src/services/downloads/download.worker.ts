/** A thread that writes EPUB, HTML and text downloads (see download-build.ts), started by piscina. */
import { Piscina } from 'piscina';
import { type BuildTask, buildDownload } from './download-build.ts';

export default async function build(task: BuildTask) {
  const bytes = await buildDownload(task);
  // A copy of its own (a small Buffer shares Node's pool), then handed over rather than copied again.
  return Piscina.move(new Uint8Array(bytes));
}
