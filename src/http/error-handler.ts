/**
 * The one error handler of the HTTP face: every error any route, hook or body parser
 * raises becomes a status and a JSON body here. ConnectorError answers its own status
 * and toJSON(); fastify's parser errors get the contract's codes; the database being away
 * is a 503 (with Retry-After); anything unexpected is a 500 whose message stays in the
 * (redacted) log, never in the answer.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ConnectorError } from '../errors.js';
import type { Logger } from '../logger.js';
import { redact, redactValue } from '../transport/redact.js';
import { isDatabaseUnavailable } from '../store/db-unavailable.js';

export interface ErrorAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** What a 503 asks the client to wait: a database restart or failover takes seconds. */
const RETRY_AFTER_S = 5;
/** PostgreSQL SQLSTATE: invalid byte sequence (a NUL in text), a character jsonb cannot hold. */
const UNSTORABLE_TEXT = new Set(['22021', '22P05']);
const INVALID_JSON = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

interface FastifyValidationItem {
  instancePath?: string;
  message?: string;
}

// "/boxes/0/weight_g" -> "boxes[0].weight_g" (for zod errors fastify wrapped itself).
function hostPath(instancePath: string | undefined): string {
  const parts = (instancePath ?? '').split('/').filter((p) => p !== '');
  return parts.reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '') || '(query)';
}

/** Maps an error to the answer; pure, so every branch is checked without a server. */
export function errorAnswer(err: unknown): ErrorAnswer {
  if (err instanceof ConnectorError) {
    return { status: err.httpStatus, body: redactValue(err.toJSON()) };
  }
  const e = err as Partial<FastifyError> & { validation?: FastifyValidationItem[] };
  // The database is away (down, restarting, its file locked): nothing is wrong with the request; try again soon.
  if (isDatabaseUnavailable(err)) {
    return { status: 503, body: { error: 'database_unavailable', message: 'the database does not answer right now; send the request again in a few seconds' } };
  }
  // A text PostgreSQL cannot store or compare (a NUL byte): the request's fault, on any route.
  if (typeof e.code === 'string' && UNSTORABLE_TEXT.has(e.code)) {
    return { status: 400, body: { error: 'invalid_text', message: 'a value holds a character the database cannot store (a NUL byte); remove it' } };
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, body: { error: 'payload_too_large', message: 'the body is over the limit of this service (1 MiB)' } };
  }
  if ((e.code && INVALID_JSON.has(e.code)) || (err instanceof SyntaxError && e.statusCode === 400)) {
    return { status: 400, body: { error: 'invalid_json', message: redact(e.message ?? 'the body is not JSON') } };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { status: 415, body: { error: 'unsupported_media_type', message: 'send the body as application/json' } };
  }
  if (Array.isArray(e.validation)) {
    const fields = e.validation.map((v) => ({ path: hostPath(v.instancePath), message: v.message ?? 'is not valid' }));
    return { status: 400, body: { error: 'invalid_query', message: `${fields.length} invalid field(s)`, fields } };
  }
  // Other client errors fastify raises itself (bad URL encoding, bad content-length).
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && e.code?.startsWith('FST_')) {
    return { status: e.statusCode, body: { error: 'bad_request', message: redact(e.message ?? '') } };
  }
  return { status: 500, body: { error: 'internal_error' } };
}

function causeIssues(err: unknown): string[] | undefined {
  const issues = (err as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } })?.cause?.issues;
  return Array.isArray(issues) ? issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`) : undefined;
}

export function createErrorHandler(logger: Logger) {
  return function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
    const { status, body } = errorAnswer(err);
    if (status >= 500) {
      const e = err as Error;
      logger.error('request failed', {
        request_id: request.id,
        method: request.method,
        url: redact(request.url),
        error: redact(`${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`),
        code: (err as { code?: unknown })?.code,
        // A response that broke its schema: which fields (zod messages carry no values).
        issues: causeIssues(err),
      });
    }
    if (status === 503) void reply.header('retry-after', String(RETRY_AFTER_S));
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  };
}

/** 404 for a route this service does not have. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${redact(request.url.split('?')[0] ?? '')}` });
}
