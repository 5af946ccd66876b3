/**
 * Atom feeds of new works and the OPDS catalog (OPDS 1.2 is Atom with catalog links), built with xmlbuilder2
 * so every name and summary is escaped by the serializer, never by hand.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { DATE_UNKNOWN } from '../domain/work-dates.ts';
import { downloadFileName } from '../export/filename.ts';
import { DOWNLOAD_FORMATS, type DownloadFormat } from '../export/formats.ts';
import type { WorkBlurb } from '../repositories/work-view.ts';
import { downloadPath, workPath } from './paths.ts';

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
export const OPDS_NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
export const OPDS_ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';

export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml';

export interface FeedLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
  /** An OPDS facet's group ("Completeness", "Rating"), and whether the feed shows it now. */
  facetGroup?: string;
  activeFacet?: boolean;
}

export interface FeedHead {
  /** A stable id: the feed's own address. */
  id: string;
  title: string;
  /** Links of the feed itself: self, start, up, next, previous, alternate, search, and OPDS facets. */
  links: FeedLink[];
  updated: string;
}

function atomRoot(head: FeedHead, base: string, opds: boolean): XMLBuilder {
  const feed = create({ version: '1.0', encoding: 'utf-8' }).ele('http://www.w3.org/2005/Atom', 'feed');
  if (opds) feed.att('http://www.w3.org/2000/xmlns/', 'xmlns:opds', 'http://opds-spec.org/2010/catalog');
  feed.ele('id').txt(`${base}${head.id}`);
  feed.ele('title').txt(head.title);
  feed.ele('updated').txt(toAtomDate(head.updated));
  feed.ele('author').ele('name').txt('Quire');
  for (const link of head.links) {
    const element = feed.ele('link').att('rel', link.rel).att('href', `${base}${link.href}`);
    if (link.type) element.att('type', link.type);
    if (link.title) element.att('title', link.title);
    if (link.facetGroup) element.att('http://opds-spec.org/2010/catalog', 'opds:facetGroup', link.facetGroup);
    if (link.activeFacet) element.att('http://opds-spec.org/2010/catalog', 'opds:activeFacet', 'true');
  }
  return feed;
}

function toAtomDate(value: string): string {
  const time = Date.parse(value);
  return Number.isFinite(time) ? new Date(time).toISOString() : new Date(0).toISOString();
}

/** Newest first: the time a reader would call "new" (updated, else published). */
export function newestTime(works: readonly WorkBlurb[]): string {
  return (
    works
      .map((work) => work.updatedAt)
      .sort()
      .at(-1) ?? new Date(0).toISOString()
  );
}

function workEntry(
  feed: XMLBuilder,
  work: WorkBlurb,
  base: string,
  acquisitions: readonly DownloadFormat[] | null,
): void {
  const entry = feed.ele('entry');
  entry.ele('id').txt(`${base}${workPath(work.id)}`);
  entry.ele('title').txt(work.title);
  // Atom requires `updated`: a work whose file stated no date gives its import day there, says "Date
  // unknown" in its summary, and leaves out the optional `published` rather than make one up.
  entry.ele('updated').txt(toAtomDate(work.updatedAt));
  if (!work.dateUnknown) entry.ele('published').txt(toAtomDate(work.publishedAt));
  for (const creator of work.creators) entry.ele('author').ele('name').txt(creator.name);
  if (work.creators.length === 0) entry.ele('author').ele('name').txt('Anonymous');
  // Ratings, warnings and categories by AO3's names ("Teen And Up Audiences", not a file's "PG-13").
  const fixed = new Set(['rating', 'warning', 'category']);
  for (const tag of work.tags.filter((candidate) => candidate.source === 'author'))
    entry
      .ele('category')
      .att('term', tag.canonicalName)
      .att('label', fixed.has(tag.kind) ? tag.canonicalName : tag.name)
      .att('scheme', `${base}/tags/${tag.kind}`);
  const facts = [
    `Rating: ${work.rating}`,
    `Words: ${work.words.toLocaleString('en-US')}`,
    `Chapters: ${work.chapterCount}/${work.chaptersPlanned ?? '?'}`,
    work.complete ? 'Complete' : 'Work in progress',
    // A work whose file stated no date has an update date once a new chapter dates it, its publishing never.
    ...(work.dateUnknown ? [work.updatedUnknown ? DATE_UNKNOWN : `Published: ${DATE_UNKNOWN}`] : []),
  ].join(' · ');
  entry
    .ele('summary')
    .att('type', 'text')
    .txt(work.summary ? `${work.summary}\n\n${facts}` : facts);
  entry
    .ele('link')
    .att('rel', 'alternate')
    .att('type', 'text/html')
    .att('href', `${base}${workPath(work.id)}`);
  if (acquisitions) {
    for (const format of acquisitions)
      entry
        .ele('link')
        .att('rel', 'http://opds-spec.org/acquisition')
        // The bare media type: OPDS clients match it against what they open.
        .att('type', DOWNLOAD_FORMATS[format].type.split(';')[0] ?? '')
        .att('href', `${base}${downloadPath(work.id, downloadFileName(work, format))}`);
    if (work.language !== 'und') entry.ele('http://purl.org/dc/terms/', 'dc:language').txt(work.language);
  }
}

/**
 * An Atom feed of works (per tag, per creator), or an OPDS acquisition feed when `acquisitions` names the
 * download formats to link each work to.
 */
export function worksFeed(
  head: FeedHead,
  works: readonly WorkBlurb[],
  base: string,
  acquisitions: readonly DownloadFormat[] | null = null,
): string {
  const feed = atomRoot(head, base, acquisitions !== null);
  for (const work of works) workEntry(feed, work, base, acquisitions);
  return feed.end({ prettyPrint: true });
}

/** An OPDS navigation feed: entries that lead to other feeds. */
export function navigationFeed(
  head: FeedHead,
  entries: { id: string; title: string; href: string; content: string; type: string }[],
  base: string,
): string {
  const feed = atomRoot(head, base, true);
  for (const item of entries) {
    const entry = feed.ele('entry');
    entry.ele('id').txt(`${base}${item.id}`);
    entry.ele('title').txt(item.title);
    entry.ele('updated').txt(toAtomDate(head.updated));
    entry.ele('content').att('type', 'text').txt(item.content);
    entry.ele('link').att('rel', 'subsection').att('type', item.type).att('href', `${base}${item.href}`);
  }
  return feed.end({ prettyPrint: true });
}

/** The OpenSearch description e-reader apps read to search the catalog (`{searchTerms}` is theirs to fill). */
export function openSearchDescription(siteName: string, base: string, template: string): string {
  const root = create({ version: '1.0', encoding: 'utf-8' }).ele(
    'http://a9.com/-/spec/opensearch/1.1/',
    'OpenSearchDescription',
  );
  root.ele('ShortName').txt(siteName.slice(0, 16));
  root.ele('Description').txt(`Search the works of ${siteName}`);
  root.ele('InputEncoding').txt('UTF-8');
  root.ele('OutputEncoding').txt('UTF-8');
  root.ele('Url').att('type', OPDS_ACQUISITION).att('template', `${base}${template}`);
  return root.end({ prettyPrint: true });
}
