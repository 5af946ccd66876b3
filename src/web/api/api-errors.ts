/**
 * How the JSON API fails: every failure is `{ error: { code, message } }` with the status its code has on the
 * site, each route documents the statuses it can answer with, and a body or parameter that does not validate
 * is named in the words the shared schemas give it ("rating: the rating is one of ...").
 */
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_STATUS, isAppError } from '../../errors.ts';
import { parseInput } from '../../validate.ts';
import { ApiError } from './api.schemas.ts';

const MEANINGS = {
  400: 'The body, parameters or query are not valid: the message names the field and what it takes',
  401: 'An access token is needed and none was sent, or the token is unknown or revoked',
  403: "The token's member may not do this to this work (or their account is suspended)",
  404: "There is no such work or chapter, or the token's member may not see it",
  409: "The story's text would be the same as a work already in the archive (named in the message)",
  429: 'Too many requests from this address in a minute: wait and try again',
} as const;
export type ErrorStatus = keyof typeof MEANINGS;

/** The error answers a route documents, each with what it means. */
export function errorResponses(...statuses: ErrorStatus[]): Record<number, TSchema> {
  return Object.fromEntries(
    statuses.map((status) => [status, Type.Object(ApiError.properties, { description: MEANINGS[status] })]),
  );
}

const FRAMEWORK_CODES: Record<number, string> = { 429: 'RATE_LIMITED' };

/** The message of a request that failed validation, from the schema's own words where it has them. */
function validationMessage(request: FastifyRequest, error: FastifyError): string {
  const part = error.validationContext;
  const schema = part
    ? (request.routeOptions.schema as Record<string, TSchema> | undefined)?.[part]
    : undefined;
  if (!schema) return error.message;
  const input = part === 'querystring' ? request.query : request[part as 'body' | 'params' | 'headers'];
  try {
    parseInput(schema, input);
  } catch (failure) {
    if (isAppError(failure)) return `${part} ${failure.message}`;
  }
  return error.message;
}

/** Every failure as the API's error object; a 5xx is logged and told without its details. */
export function handleApiError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  let status = 500;
  let code = 'INTERNAL';
  let message = 'Something went wrong on our side.';
  if (error.validation) [status, code, message] = [400, 'INVALID_INPUT', validationMessage(request, error)];
  else if (isAppError(error)) [status, code, message] = [HTTP_STATUS[error.code], error.code, error.message];
  else if (error.statusCode && error.statusCode < 500)
    [status, code, message] = [
      error.statusCode,
      FRAMEWORK_CODES[error.statusCode] ?? 'INVALID_INPUT',
      error.message,
    ];
  if (status >= 500) request.log.error({ err: error }, 'api request failed');
  if (status === 429) reply.header('retry-after', '60');
  return reply.status(status).send({ error: { code, message } });
}

export function handleApiNotFound(_request: FastifyRequest, reply: FastifyReply) {
  return reply
    .status(404)
    .send({ error: { code: 'NOT_FOUND', message: 'There is no API route at this address.' } });
}
