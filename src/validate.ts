import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AppError } from './errors.ts';

/**
 * Check input (a form, an API body, command-line options) against its TypeBox schema, the same schema the
 * routes validate with. The first problem becomes an `INVALID_INPUT` error naming the field; a schema's
 * `errorMessage` says it in a person's words. Properties the schema does not name are
 * dropped.
 */
export function parseInput<T extends TSchema>(schema: T, value: unknown): Static<T> {
  const cleaned = Value.Clean(schema, Value.Convert(schema, Value.Default(schema, structuredClone(value))));
  const first = Value.Errors(schema, cleaned).First();
  if (!first) return cleaned as Static<T>;
  const field = first.path.replace(/^\//, '').replace(/\//g, '.') || 'input';
  const custom = (first.schema as { errorMessage?: string }).errorMessage;
  throw new AppError('INVALID_INPUT', `${field}: ${custom ?? first.message}`);
}
