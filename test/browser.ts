/** A browser for route tests: `app.inject` with cookies kept and forms filled as a person's browser would. */
import * as cheerio from 'cheerio';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../src/web/app-deps.ts';

let browsers = 0;

/** A browser: keeps cookies between requests, fills each form's CSRF token from the page it came from. */
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
  async submit(page: string, fields: Record<string, string>, form = 'main form') {
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

  async post(url: string, fields: Record<string, string>) {
    const response = this.keep(
      await this.app.inject({
        method: 'POST',
        url,
        cookies: this.cookies,
        remoteAddress: this.address,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
    return { response, $: cheerio.load(response.body) };
  }
}
