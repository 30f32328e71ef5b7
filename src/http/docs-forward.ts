/**
 * GET /docs and /docs/* of the service, answered by the docs app (./docs-app.ts), which is
 * built on the first such request and kept: the request is replayed into it in process
 * (fastify inject) and its answer sent back as it is. Hidden from the OpenAPI document, like
 * swagger-ui's own routes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Set by the service's own reply (the request id, the length of what it sends) or by the socket.
const NOT_COPIED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'x-request-id']);

export interface LazyDocs {
  /** A plugin with the /docs routes. */
  forward(app: FastifyInstance): Promise<void>;
  /** Closes the docs app if it was built. */
  close(): Promise<void>;
}

export function lazyDocs(build: () => Promise<FastifyInstance>): LazyDocs {
  let docs: Promise<FastifyInstance> | null = null;
  function docsApp(): Promise<FastifyInstance> {
    docs ??= build().catch((err: unknown) => {
      docs = null; // a failed build is tried again by the next request
      throw err;
    });
    return docs;
  }

  async function answer(request: FastifyRequest, reply: FastifyReply) {
    const app = await docsApp();
    const res = await app.inject({ method: 'GET', url: request.url, headers: request.headers });
    reply.status(res.statusCode);
    for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !NOT_COPIED.has(name)) reply.header(name, value);
    return reply.send(res.rawPayload);
  }

  return {
    async forward(app) {
      app.get('/docs', { schema: { hide: true } }, answer);
      app.get('/docs/*', { schema: { hide: true } }, answer);
    },
    async close() {
      if (docs) await (await docs.catch(() => null))?.close();
    },
  };
}
