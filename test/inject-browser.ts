import * as cheerio from 'cheerio';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../src/web/app-deps.ts';

let browsers = 0;

/** A browser: keeps cookies between requests, fills each form's CSRF token from the page it came from. */
type Fields = Record<string, string | string[]>;

export class Browser {
  cookies: Record<string, string> = {};
  /** Each browser has an address of its own, as the rate limits count by address. */
  constructor(
    private readonly app: App,
    private readonly address = `10.0.0.${++browsers}`,
  ) {}

  private keep(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()))
        delete this.cookies[cookie.name];
      else this.cookies[cookie.name] = cookie.value;
    }
    return response;
  }

  async get(url: string) {
    const response = this.keep(
      await this.app.inject({ method: 'GET', url, cookies: this.cookies, remoteAddress: this.address }),
    );
    return { response, $: cheerio.load(response.body) };
  }

  /** Open `page`, fill its form with `fields` and submit it. */
  async submit(page: string, fields: Fields, form = 'main form') {
    const { $ } = await this.get(page);
    const action = $(form).attr('action') ?? page;
    const values: Record<string, string> = {};
    $(form)
      .find('input[type=hidden]')
      .each((_, input) => {
        values[$(input).attr('name') ?? ''] = $(input).attr('value') ?? '';
      });
    return this.post(action, { ...values, ...fields });
  }

  async post(url: string, fields: Fields) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(fields))
      for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
    const response = this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        cookies: this.cookies,
        remoteAddress: this.address,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: params.toString(),
      }),
    );
    return { response, $: cheerio.load(response.body) };
  }

  /** Send a multipart form with one file, as a browser uploads. */
  async upload(url: string, fields: Record<string, string>, file: { name: string; bytes: Uint8Array }) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
    const request = new Request('http://quire.invalid/', { method: 'POST', body: form });
    const response = this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        cookies: this.cookies,
        remoteAddress: this.address,
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        payload: Buffer.from(await request.arrayBuffer()),
      }),
    );
    return { response, $: cheerio.load(response.body) };
  }

  /** The CSRF token of the first form on a page. */
  async csrf(page: string): Promise<string> {
    const { $ } = await this.get(page);
    return $('input[name=_csrf]').first().attr('value') ?? '';
  }
}

/** A browser logged in as a member signed up with test/members.ts's password. */
export async function loggedIn(app: App, name: string): Promise<Browser> {
  const browser = new Browser(app);
  await browser.submit('/login', { login: name, password: 'correct horse' });
  return browser;
}
