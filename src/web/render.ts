import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

declare const rendered: unique symbol;
/** HTML written by the view runtime from our own components (escaped as every page is): safe to insert. */
export type RenderedHtml = string & { readonly [rendered]: true };

/** A part of a page rendered on its own, to be kept and put into pages later (see kept-blurbs.tsx). */
export function renderFragment(part: VNode): RenderedHtml {
  return renderToString(part) as RenderedHtml;
}

/** Send a server-rendered page: the runtime escapes every text and attribute. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return (
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      // Encoded once here: sent as a string, a page was encoded for the page cache, measured for its length
      // and encoded again as it was written.
      .send(Buffer.from(`<!DOCTYPE html>${renderToString(page)}`))
  );
}
