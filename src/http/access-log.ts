/**
 * One JSON access line per request through the winston logger (fastify's own logger is
 * off: it expects pino). The URL goes through redact() so a key someone put in a query
 * string never reaches the log; headers and bodies are not logged at all.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';
import { redact } from '../transport/redact.js';

export const REQUEST_ID_HEADER = 'x-request-id';

// Up to 128 visible ASCII characters without quotes or separators that could break a log line or a header.
const SANE_ID = /^[A-Za-z0-9._:@\/+=-]{1,128}$/;

/** The caller's x-request-id when it is a sane token, else a new UUID (fastify's genReqId). */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_ID.test(given) ? given : crypto.randomUUID();
}

export interface AccessLine {
  method: string;
  url: string;
  status: number;
  duration_ms: number;
  request_id: string;
}

export function accessLine(request: FastifyRequest, reply: FastifyReply): AccessLine {
  return {
    method: request.method,
    url: redact(request.url),
    status: reply.statusCode,
    duration_ms: Math.round(reply.elapsedTime * 10) / 10,
    request_id: String(request.id),
  };
}

export function accessLogHook(logger: Logger) {
  return async function logAccess(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    logger.info('http request', accessLine(request, reply));
  };
}
