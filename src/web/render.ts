import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SanitizedBytes, SanitizedHtml } from '../ingest/stored-html.ts';

declare const rendered: unique symbol;
/** HTML written by the view runtime from our own components (escaped as every page is): safe to insert. */
export type RenderedHtml = string & { readonly [rendered]: true };

/**
 * What stands for one of `inserted`'s byte runs in the page `sendPage` is rendering. The NULs and the
 * process's own random id keep a work's text from ever reading as one: nothing outside this file knows it.
 */
const MARKER = `\u0000${randomUUID()}\u0000`;
/** The bytes `renderedBytes` handed over during the current `sendPage` render, in page order; null outside one. */
let inserted: Buffer[] | null = null;

/** A part of a page rendered on its own, to be kept and put into pages later (see kept-blurbs.tsx). */
export function renderFragment(part: VNode): RenderedHtml {
  // A fragment is a string of its own, kept or hashed: it never holds a page's markers.
  const outer = inserted;
  inserted = null;
  try {
    return renderToString(part) as RenderedHtml;
  } finally {
    inserted = outer;
  }
}

/**
 * Rendered HTML kept as UTF-8 (`renderFragment`'s output, encoded), for `dangerouslySetInnerHTML`. In a page
 * `sendPage` renders, the bytes go into the answer as they are: decoded into the page's string they were
 * decoded, copied into the page's rope and encoded again, a listing's largest cost after its queries.
 */
export function renderedBytes(bytes: Buffer): RenderedHtml {
  return insertBytes(bytes) as RenderedHtml;
}

/**
 * Sanitized HTML for `dangerouslySetInnerHTML`; given as bytes (a chapter body read as bytes), they go into
 * the answer as `renderedBytes`'s do, never decoded.
 */
export function sanitizedHtml(html: SanitizedHtml | SanitizedBytes): SanitizedHtml {
  return typeof html === 'string' ? html : (insertBytes(html) as SanitizedHtml);
}

function insertBytes(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!inserted) return buffer.toString();
  inserted.push(buffer);
  return MARKER;
}

/** The page's UTF-8 with each marker replaced by its bytes. */
function spliceBytes(html: string, bytes: readonly Buffer[]): Buffer {
  if (bytes.length === 0) return Buffer.from(html);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const run of bytes) {
    const at = html.indexOf(MARKER, from);
    if (at === -1) throw new Error('a page lost the marker of HTML it was given as bytes');
    pieces.push(Buffer.from(html.slice(from, at)), run);
    from = at + MARKER.length;
  }
  pieces.push(Buffer.from(html.slice(from)));
  return Buffer.concat(pieces);
}

/** Send a server-rendered page: the runtime escapes every text and attribute. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  inserted = [];
  let html: string;
  let bytes: Buffer[];
  try {
    html = `<!DOCTYPE html>${renderToString(page)}`;
  } finally {
    bytes = inserted;
    inserted = null;
  }
  return (
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      // Encoded once here: sent as a string, a page was encoded for the page cache, measured for its length
      // and encoded again as it was written.
      .send(spliceBytes(html, bytes))
  );
}
