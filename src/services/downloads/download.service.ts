/**
 * Every download format a work is offered in, made from its WorkView, each made once per version of the work
 * and kept on disk: EPUB, HTML and text by export/ (in a worker thread when the service has one), PDF, AZW3
 * and MOBI by an outside converter. A version is what the file is made from (the work and the export options
 * for EPUB, HTML and text; the HTML download for PDF, the EPUB for AZW3 and MOBI): any change to the work,
 * its tags or the site's name makes a new file, and an unchanged work is never made twice, however many ask
 * for it at once. Who may download what is the catalog's decision, taken before.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { AppError, isAppError } from '../../errors.ts';
import type { ProcessLimits } from '../../export/bounded-process.ts';
import { type Converters, NO_CONVERTERS } from '../../export/converters.ts';
import { ALL_FORMATS, DOWNLOAD_FORMATS, type DownloadFormat } from '../../export/formats.ts';
import { epubToKindle } from '../../export/kindle.ts';
import { htmlToPdf } from '../../export/pdf.ts';
import type { ExportOptions } from '../../export/work-meta.ts';
import type { WorkView } from '../../repositories/work-view.ts';
import { BUILD_THREAD_MEMORY_MB, type BuildThreads, startBuildThreads } from './build-threads.ts';
import { type BuildTask, type BuiltFormat, buildDownload, buildName, buildTask } from './download-build.ts';
import { DownloadCache } from './download-cache.ts';

export interface DownloadServiceOptions {
  converters: Converters;
  /** Where converted files are kept (see download-cache.ts); null keeps none. */
  cacheFolder: string | null;
  /** Most bytes of converted files kept. */
  cacheBytes: number;
  /** How long one conversion may take. */
  timeoutMs: number;
  /** Most memory each converter process may allocate. */
  memoryBytes: number;
  /** Conversions run at once; more wait their turn. */
  concurrency: number;
  /** Conversions that may wait; past this a request is refused at once (503) rather than queued. */
  maxWaiting: number;
  /** How long a failed conversion is answered from memory instead of being tried again. */
  failureMemoryMs: number;
  /** Threads that write EPUB, HTML and text; 0 writes them on the calling thread. */
  buildThreads: number;
  /** Another process's build threads (a cluster's primary's), used instead of threads of this process. */
  sharedBuildThreads: BuildThreads | null;
  /**
   * Most megabytes of V8's old generation a build thread may hold. A work that needs more fails with a 503
   * that says so, the thread is replaced, and the worker's memory stays bounded.
   */
  buildThreadMemoryMb: number;
  /**
   * Works with at most this many characters of chapter HTML are written on the calling thread even when
   * there are threads: handing a work to a thread (copying it over, waking the thread) costs more than
   * writing a short one, and a short one holds the loop for a few milliseconds.
   */
  threadAboveChars: number;
}

export const DEFAULT_DOWNLOADS: DownloadServiceOptions = {
  converters: NO_CONVERTERS,
  cacheFolder: null,
  cacheBytes: 512 * 1024 * 1024,
  // A 500,000-word epic prints in a few minutes on a busy two-core machine.
  timeoutMs: 300_000,
  memoryBytes: 1024 * 1024 * 1024,
  // One per core of a small server: a conversion keeps a core busy for seconds.
  concurrency: 2,
  maxWaiting: 8,
  failureMemoryMs: 60_000,
  buildThreads: 0,
  sharedBuildThreads: null,
  buildThreadMemoryMb: BUILD_THREAD_MEMORY_MB,
  // About 20,000 words: an EPUB of that length is written in about 10 ms.
  threadAboveChars: 120_000,
};

/** A download: its bytes, or text for the formats that are text. */
export type DownloadBody = Buffer | string;

export class DownloadService {
  readonly options: DownloadServiceOptions;
  /** EPUB, HTML and text files written, and answered from the folder. */
  readonly stats = { built: 0, kept: 0 };
  private readonly cache: DownloadCache | null;
  private readonly limit: ReturnType<typeof pLimit>;
  /** Conversions under way, by key: a second request for the same file waits for the first. */
  private readonly running = new Map<string, Promise<Buffer>>();
  private readonly failures: LRUCache<string, AppError>;
  /** Builds under way, by file name: a second request for the same file waits for the first. */
  private readonly building = new Map<string, Promise<Buffer>>();
  private readonly threads: BuildThreads | null;
  /** Builds sent to the threads and not yet back, which closing waits for. */
  private readonly inThreads = new Set<Promise<Uint8Array>>();
  private closing = false;

  constructor(options: Partial<DownloadServiceOptions> = {}) {
    this.options = { ...DEFAULT_DOWNLOADS, ...options };
    this.cache = this.options.cacheFolder
      ? new DownloadCache(this.options.cacheFolder, this.options.cacheBytes)
      : null;
    this.limit = pLimit(this.options.concurrency);
    this.failures = new LRUCache({ max: 1000, ttl: this.options.failureMemoryMs });
    this.threads =
      this.options.sharedBuildThreads ??
      (this.options.buildThreads > 0
        ? startBuildThreads(this.options.buildThreads, this.options.buildThreadMemoryMb)
        : null);
  }

  /** Stop the build threads, once the builds they have are done. */
  async close(): Promise<void> {
    // Piscina's close ends a task still queued for a thread that is starting ("Terminating worker thread") and
    // refuses new ones with an AbortError, each logged as a failed download: the builds sent finish first, and
    // any asked for meanwhile are written on the calling thread.
    this.closing = true;
    while (this.inThreads.size > 0) await Promise.allSettled([...this.inThreads]);
    await this.threads?.close();
  }

  /** Files written in a build thread (the rest of `stats.built` were written on the calling thread). */
  get threadBuilds(): number {
    return this.threads?.completed ?? 0;
  }

  /** Whether this server can make the format. */
  offers(format: DownloadFormat): boolean {
    const needs = DOWNLOAD_FORMATS[format].needs;
    return needs === null || this.options.converters[needs] !== null;
  }

  /** The formats this server can make, in the Download menu's order. */
  formats(): DownloadFormat[] {
    return ALL_FORMATS.filter((format) => this.offers(format));
  }

  /**
   * The work in `format`. A conversion that fails throws a CONVERSION_FAILED AppError whose message is for
   * the reader and whose `cause` says what went wrong, for the log.
   */
  async make(work: WorkView, format: DownloadFormat, options: ExportOptions): Promise<DownloadBody> {
    const { chromium, ebookConvert } = this.options.converters;
    if (format === 'epub' || format === 'html' || format === 'txt') return this.built(work, format, options);
    const limits: ProcessLimits = {
      timeoutMs: this.options.timeoutMs,
      memoryBytes: this.options.memoryBytes,
      prlimit: this.options.converters.prlimit,
    };
    if (format === 'pdf' && chromium) {
      const html = await this.built(work, 'html', options);
      return this.converted(work, format, [chromium, html], () =>
        htmlToPdf(html.toString('utf8'), chromium, limits),
      );
    }
    if ((format === 'azw3' || format === 'mobi') && ebookConvert) {
      const epub = await this.built(work, 'epub', options);
      return this.converted(work, format, [ebookConvert, epub], () =>
        epubToKindle(epub, format, ebookConvert, limits),
      );
    }
    throw new AppError(
      'NOT_FOUND',
      `This archive does not offer ${DOWNLOAD_FORMATS[format].label} downloads.`,
    );
  }

  /** An EPUB, HTML or text file from the cache, else written (once, however many ask at once) and kept. */
  private async built(work: WorkView, format: BuiltFormat, options: ExportOptions): Promise<Buffer> {
    const task = buildTask(format, work, options);
    const name = buildName(task);
    const under = this.building.get(name);
    if (under) return under;
    const failed = this.failures.get(name);
    if (failed) throw failed;
    const job = (async () => {
      const kept = await this.cache?.read(name);
      if (kept) {
        this.stats.kept++;
        return kept;
      }
      this.stats.built++;
      const bytes =
        this.threads && !this.closing && htmlLength(work) > this.options.threadAboveChars
          ? await this.builtInThread(this.threads, task, name)
          : await buildDownload(task);
      // A file that cannot be kept costs a build next time, not this download.
      await this.cache?.write(name, bytes).catch(() => undefined);
      return bytes;
    })();
    return awaitShared(this.building, name, job);
  }

  private async builtInThread(threads: BuildThreads, task: BuildTask, name: string): Promise<Buffer> {
    const tooLong = (cause: unknown) => {
      // The same version of the work would only fail again: remembered for a while, not tried on every request.
      const failure = new AppError(
        'CONVERSION_FAILED',
        `The ${DOWNLOAD_FORMATS[task.format].label} of “${task.work.title}” is too long for this server to make. Try another format.`,
        { cause },
      );
      this.failures.set(name, failure);
      return failure;
    };
    // V8 stops a thread that grows past its bound, but one string larger than the bound is a fatal error of
    // the whole process (a 150 MB chapter under a 96 MB bound did): such a chapter never reaches the thread.
    const longest = Math.max(0, ...task.work.chapters.map((chapter) => chapter.html.length));
    if (longest > (this.options.buildThreadMemoryMb * 1024 * 1024) / 4)
      throw tooLong(new Error(`a chapter of ${longest} characters, more than a build thread may hold`));
    const running = threads.run(task);
    this.inThreads.add(running);
    try {
      return Buffer.from(await running);
    } catch (error) {
      // Piscina has replaced the thread (here or in the cluster's primary).
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') throw tooLong(error);
      throw error;
    } finally {
      this.inThreads.delete(running);
    }
  }

  /** A converted file from the cache, else made (once, however many ask at the same time) and kept. */
  private async converted(
    work: WorkView,
    format: DownloadFormat,
    source: (string | Uint8Array)[],
    convert: () => Promise<Buffer>,
  ): Promise<Buffer> {
    const hash = createHash('sha256').update(format);
    for (const part of source) hash.update('\0').update(part);
    // The work's id in the name only helps a person looking at the folder.
    const name = `${work.id}-${hash.digest('hex').slice(0, 40)}.${format}`;
    const failed = this.failures.get(name);
    if (failed) throw failed;
    const kept = await this.cache?.read(name);
    if (kept) return kept;
    const under = this.running.get(name);
    if (under) return under;
    const label = DOWNLOAD_FORMATS[format].label;
    if (this.limit.pendingCount >= this.options.maxWaiting)
      throw new AppError(
        'CONVERSION_FAILED',
        `Too many downloads are being converted right now. Try the ${label} again in a minute, or download the EPUB or HTML.`,
      );
    const job = this.limit(async () => {
      const bytes = await convert();
      // A file that cannot be kept costs a conversion next time, not this download.
      await this.cache?.write(name, bytes).catch(() => undefined);
      return bytes;
    }).catch((error: unknown) => {
      const failure = new AppError(
        'CONVERSION_FAILED',
        `The ${label} of “${work.title}” could not be made just now. Try again later, or download the EPUB or HTML.`,
        { cause: error },
      );
      // Expected failures (a converter that failed or ran out of time) are remembered for a while, so one
      // work that cannot be converted does not hold a converter on every request.
      if (isAppError(error)) this.failures.set(name, failure);
      throw failure;
    });
    return awaitShared(this.running, name, job);
  }
}

function htmlLength(work: WorkView): number {
  let length = 0;
  for (const chapter of work.chapters) length += chapter.html.length;
  return length;
}

/** The job, listed under its name while it runs so that later requests for the name wait for it. */
async function awaitShared(jobs: Map<string, Promise<Buffer>>, name: string, job: Promise<Buffer>) {
  jobs.set(name, job);
  try {
    return await job;
  } finally {
    jobs.delete(name);
  }
}
