import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { HttpProblem, statusTitle } from '../lib/problem.ts';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [key: string]: unknown;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  detail?: string,
  errors?: { path: string; message: string }[],
  extra?: Record<string, unknown>,
) {
  const body: ProblemBody = {
    type: `https://tsunagari.example/problems/${code.replaceAll('_', '-')}`,
    title: statusTitle(status),
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: request.url.split('?')[0],
    ...(errors ? { errors } : {}),
    ...extra,
  };
  // Bypass the route's response serializer: the body is already the documented Problem shape.
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .serializer((p: unknown) => JSON.stringify(p))
    .send(body);
}

/** One error shape everywhere; nothing about internals ever reaches a client. */
export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return sendProblem(reply, request, error.status, error.code, error.message, error.errors, error.extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors = error.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, request, 400, 'validation_failed', 'The request does not match the schema', errors);
    }
    if (error.validation) {
      const errors = error.validation.map((v) => ({
        path: [error.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, request, 400, 'validation_failed', 'The request does not match the schema', errors);
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, request, 400, 'malformed_json', 'The body is not valid JSON');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, request, 413, 'payload_too_large', 'The body is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, request, 415, 'unsupported_media_type', 'Send application/json');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, request, 400, 'malformed_json', 'Content-Length does not match the body');
    }
    if (error instanceof SyntaxError || error.code?.startsWith('FST_ERR_CTP')) {
      return sendProblem(reply, request, 400, 'malformed_json', 'The body could not be read');
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, request, 429, 'rate_limited', 'Too many requests; try again later');
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, error.statusCode, 'bad_request', 'The request could not be processed');
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause }, 'response did not match its schema');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendProblem(reply, request, 500, 'internal_error', 'Something went wrong on our side');
  });
});
