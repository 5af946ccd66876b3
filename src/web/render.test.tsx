import fc from 'fast-check';
import Fastify from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterAll, describe, expect, it } from 'vitest';
import type { SanitizedBytes, SanitizedHtml } from '../ingest/stored-html.ts';
import { renderedBytes, renderFragment, sanitizedHtml, sendPage } from './render.ts';

/** A page with text around and between the parts, each part inserted as bytes or as a string. */
function Page({ texts, parts, asBytes }: { texts: string[]; parts: string[]; asBytes: boolean }) {
  return (
    <html lang="en">
      <body>
        <p title={texts[0]}>{texts[0]}</p>
        <ul>
          {parts.map((part, index) => (
            <li
              key={index}
              dangerouslySetInnerHTML={{ __html: asBytes ? renderedBytes(Buffer.from(part)) : part }}
            />
          ))}
        </ul>
        <p>{texts[1]}</p>
      </body>
    </html>
  );
}

describe('pages with HTML given as bytes', () => {
  let page: () => VNode = () => <p />;
  const app = Fastify();
  app.get('/', (_request, reply) => sendPage(reply, page()));
  afterAll(() => app.close());
  const sent = async (vnode: VNode) => {
    page = () => vnode;
    return (await app.inject('/')).rawPayload;
  };

  it('sends the bytes the same page sends with the HTML as strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 2 }),
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }),
        async (texts, parts) => {
          const asBytes = await sent(<Page texts={texts} parts={parts} asBytes={true} />);
          const asStrings = await sent(<Page texts={texts} parts={parts} asBytes={false} />);
          expect(asBytes.equals(asStrings)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps NULs and multi-byte text around the parts as they were', async () => {
    const texts = ['a\u0000b é', '\u0000\u0000 “quoted” 𝄞'];
    const parts = ['<b>\u0000</b>', '', 'naïve 😀', '\u0000'];
    const body = (await sent(<Page texts={texts} parts={parts} asBytes={true} />)).toString();
    expect(body).toBe(
      `<!DOCTYPE html>${renderToString(<Page texts={texts} parts={parts} asBytes={false} />)}`,
    );
  });

  it('puts the bytes into the page as they are, not decoded and encoded again', async () => {
    // Not UTF-8: as a string it would become U+FFFD's three bytes.
    const raw = Buffer.from([0x3c, 0x62, 0x3e, 0xff, 0x3c, 0x2f, 0x62, 0x3e]);
    function Raw() {
      return <div dangerouslySetInnerHTML={{ __html: renderedBytes(raw) }} />;
    }
    const body = await sent(<Raw />);
    expect(
      body.equals(Buffer.concat([Buffer.from('<!DOCTYPE html><div>'), raw, Buffer.from('</div>')])),
    ).toBe(true);
  });

  it('puts a sanitized body given as bytes into the page as they are, a string as it is', async () => {
    // A view of part of a larger buffer, as a driver may hand it over.
    const whole = Buffer.from('xx<p>naïve “tea” 😀</p>yy');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, whole.length - 4) as SanitizedBytes;
    function Body({ html }: { html: SanitizedHtml | SanitizedBytes }) {
      return <div dangerouslySetInnerHTML={{ __html: sanitizedHtml(html) }} />;
    }
    const expected = '<!DOCTYPE html><div><p>naïve “tea” 😀</p></div>';
    expect((await sent(<Body html={view} />)).toString()).toBe(expected);
    expect((await sent(<Body html={'<p>naïve “tea” 😀</p>' as SanitizedHtml} />)).toString()).toBe(expected);
    // Outside a page being sent, the bytes as a string.
    expect(sanitizedHtml(view)).toBe('<p>naïve “tea” 😀</p>');
  });

  it('gives the HTML as a string outside a page being sent, and inside a fragment', async () => {
    expect(renderedBytes(Buffer.from('<i>kept</i>'))).toBe('<i>kept</i>');
    let fragment = '';
    function Outer() {
      fragment = renderFragment(<Page texts={['x', 'y']} parts={['<i>kept</i>']} asBytes={true} />);
      return <p>outer</p>;
    }
    expect((await sent(<Outer />)).toString()).toBe('<!DOCTYPE html><p>outer</p>');
    expect(fragment).toContain('<li><i>kept</i></li>');
  });

  it('leaves nothing behind after a page fails to render', async () => {
    function Broken(): VNode {
      renderedBytes(Buffer.from('<i>lost</i>'));
      throw new Error('broken view');
    }
    page = () => <Broken />;
    expect((await app.inject('/')).statusCode).toBe(500);
    expect(renderedBytes(Buffer.from('<i>after</i>'))).toBe('<i>after</i>');
    const body = (await sent(<Page texts={['a', 'b']} parts={['<i>next</i>']} asBytes={true} />)).toString();
    expect(body).toContain('<li><i>next</i></li>');
    expect(body).not.toContain('lost');
  });
});
