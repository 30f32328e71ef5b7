/**
 * One JSON access line per request through the winston logger (fastify's own logger is
 * off: it expects pino). The URL goes through redact() so a key someone put in a query
 * string never reaches the log; headers and bodies are not logged at all.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../logger.js';
import { redact } from '../transport/redact.js';

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
