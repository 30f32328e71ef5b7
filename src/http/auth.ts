/**
 * Bearer-token authentication of the host API. Registered as an onRequest hook inside
 * the /v1 scope (routes/v1.ts), so it covers exactly the routes registered there; the
 * ClickPost webhook sits outside that scope because it carries its own webhook_key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../errors.js';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time comparison: both sides hashed first, so the lengths always match. */
export function tokenMatches(presented: string, expectedDigest: Buffer): boolean {
  return timingSafeEqual(digest(presented), expectedDigest);
}

/** The token from `Authorization: Bearer <token>`, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** An onRequest hook that answers 401 unless the request presents `token`. */
export function requireBearer(token: string) {
  const expected = digest(token);
  return async function checkBearer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const presented = bearerToken(request.headers.authorization);
    if (presented !== null && tokenMatches(presented, expected)) return;
    reply.header('www-authenticate', 'Bearer');
    throw new UnauthorizedError('send Authorization: Bearer <CONNECTOR_API_TOKEN>');
  };
}
