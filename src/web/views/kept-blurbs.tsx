import { hash } from 'node:crypto';
import { BudgetedLru } from '../../budgeted-lru.ts';
import { CacheBudget } from '../../cache-budget.ts';
import type { WorkBlurb } from '../../repositories/work-view.ts';
import { type RenderedHtml, renderedBytes, renderFragment } from '../render.ts';
import { BLURB_SETTINGS, Blurb, BlurbBody, type BlurbSettings, blurbTitleId } from './blurb.tsx';

export interface KeptBlurbsOptions {
  /**
   * Most bytes kept when no `budget` is given: the blurbs' UTF-8 HTML, and a little for each one's key and
   * fingerprint.
   */
  maxBytes: number;
  /** The bound shared with the process's other caches. */
  budget: CacheBudget;
}

interface KeptBlurb {
  /** A digest of the work as it was read when the HTML was rendered (see `fingerprint`). */
  fingerprint: string;
  /** UTF-8: the rendered string is a rope of small pieces, in memory six times its length. */
  html: Buffer;
}

/** What an entry costs beyond its HTML: the key, the fingerprint, the cache's own bookkeeping. */
const ENTRY_OVERHEAD = 200;

/**
 * Rendered blurbs kept between requests: rendering them is most of a listing's CPU, and the same works come
 * back in listing after listing. A kept blurb is used only when the work as read for this request is the
 * same in every field as when it was rendered (a digest of all of them, the tags' evidence aside, which no
 * blurb shows), for the same settings: an edit, a renamed tag or a new kudos count renders afresh, whichever
 * version counter it moved or did not. What a listing includes (hidden works, a member's mutes) is decided by
 * the search before any blurb is looked up.
 */
export class KeptBlurbs {
  readonly stats = { hits: 0, misses: 0 };
  private readonly kept: BudgetedLru<KeptBlurb>;

  constructor(options: Partial<KeptBlurbsOptions> = {}) {
    this.kept = new BudgetedLru({
      budget: options.budget ?? new CacheBudget(options.maxBytes ?? 32 * 1024 * 1024),
      bytesOf: (entry) => entry.html.length + ENTRY_OVERHEAD,
    });
  }

  /** Bytes held. */
  get bytes(): number {
    return this.kept.bytes;
  }

  /** The inside of this work's blurb for these settings (see `BlurbBody`). */
  body(work: WorkBlurb, settings: BlurbSettings): RenderedHtml {
    const key = `${work.id}:${BLURB_SETTINGS.map((name) => String(settings[name])).join(':')}`;
    const print = fingerprint(work);
    const found = this.kept.get(key);
    if (found?.fingerprint === print) {
      this.stats.hits++;
      return renderedBytes(found.html);
    }
    this.stats.misses++;
    const html = ownBytes(renderFragment(<BlurbBody work={work} settings={settings} />));
    this.kept.set(key, { fingerprint: print, html });
    return renderedBytes(html);
  }
}

/**
 * `html` as UTF-8 in memory of its own. `Buffer.from` puts a short string in an 8 KB slab of Node's pool,
 * which any one kept blurb keeps whole, uncounted.
 */
function ownBytes(html: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(html));
  bytes.write(html);
  return bytes;
}

/** A digest of every field of the work but the tags' evidence (long passages, never shown in a blurb). */
export function fingerprint(work: WorkBlurb): string {
  const { tags, ...rest } = work;
  // The tags' fields written out by hand (a test checks each one counts): JSON.stringify with a replacer leaving
  // out `evidence` was most of a listing's fingerprints. Names as JSON, so none can read as two fields.
  let fields = JSON.stringify(rest);
  for (const tag of tags)
    fields += `\n${tag.id}\t${tag.kind}\t${JSON.stringify(tag.name)}\t${tag.canonicalId}\t${JSON.stringify(tag.canonicalName)}\t${tag.source}\t${tag.main}`;
  return hash('sha1', fields, 'base64');
}

/** A work in a listing: its blurb as `Blurb` renders it, kept between requests when the page has `kept`. */
export function ListedBlurb({
  work,
  settings,
  kept,
}: {
  work: WorkBlurb;
  settings: BlurbSettings;
  kept: KeptBlurbs | undefined;
}) {
  if (!kept) return <Blurb work={work} settings={settings} />;
  return (
    <li
      class="blurb"
      aria-labelledby={blurbTitleId(work)}
      dangerouslySetInnerHTML={{ __html: kept.body(work, settings) }}
    />
  );
}
