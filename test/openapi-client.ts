/**
 * A client for route tests of the JSON API that holds every answer to the OpenAPI document the app serves:
 * the status must be documented for its route and method, and the body must match the documented schema (or
 * be empty where none is documented). It records what it saw, so a test can check every documented answer was
 * met.
 */
import { Ajv } from 'ajv';
import { expect } from 'vitest';
import type { App } from '../src/web/app-deps.ts';

type Operation = { responses: Record<string, { content?: Record<string, { schema: object }> }> };
export type OpenApiDoc = { paths: Record<string, Record<string, Operation>> };
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class OpenApiClient {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  /** `METHOD route status` of every answer seen. */
  readonly seen = new Set<string>();

  constructor(
    private readonly app: App,
    readonly doc: OpenApiDoc,
  ) {}

  /** Call `url`, documented as `route` (`/api/v1/works/{id}`), with a JSON body and a token if given. */
  async call(method: Method, route: string, url: string, options: { body?: unknown; token?: string } = {}) {
    const response = await this.app.inject({
      method,
      url,
      ...(options.body === undefined ? {} : { payload: options.body as object }),
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    });
    const status = String(response.statusCode);
    const documented = this.doc.paths[route]?.[method.toLowerCase()]?.responses[status];
    expect(documented, `${method} ${route} answered ${status}: ${response.body}`).toBeDefined();
    const schema = documented?.content?.['application/json']?.schema;
    if (schema) {
      const valid = this.ajv.validate(schema, response.json());
      expect(valid, `${method} ${route} ${status}: ${JSON.stringify(this.ajv.errors)}`).toBe(true);
    } else expect(response.body, `${method} ${route} ${status} has no body`).toBe('');
    this.seen.add(`${method} ${route} ${status}`);
    return response;
  }

  /** Every documented answer of the routes `routes` selects that no call has met yet. */
  unseen(routes: (route: string) => boolean, except: readonly string[] = []): string[] {
    return Object.entries(this.doc.paths)
      .filter(([route]) => routes(route))
      .flatMap(([route, methods]) =>
        Object.entries(methods).flatMap(([method, operation]) =>
          Object.keys(operation.responses).map((status) => `${method.toUpperCase()} ${route} ${status}`),
        ),
      )
      .filter((answer) => !this.seen.has(answer) && !except.some((status) => answer.endsWith(` ${status}`)));
  }
}
