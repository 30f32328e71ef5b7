/**
 * The HTTP face over a real connector (test/helpers/harness.ts: real SQLite file, the
 * loopback sandbox, a ManualClock) on a real loopback port; requests go through Node's
 * global fetch. Log lines are captured from winston through a stream transport.
 */
import { Writable } from 'node:stream';
import winston from 'winston';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/http/app.js';
import { createLogger } from '../../../src/logger.js';
import type { ConnectorOptions } from '../../../src/connector.js';
import { createHarness, type Harness } from '../../helpers/harness.js';
import { answerChecker, type OpenApiDoc } from './openapi-check.js';

export const WEBHOOK_KEY = 'whk-test-4c1d9e77';

export interface HttpHarness {
  h: Harness;
  app: FastifyInstance;
  base: string;
  /** Every JSON line the app's logger wrote. */
  lines: string[];
  call(method: string, path: string, init?: { json?: unknown; body?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startHttp(options: { apiToken?: string | null; connector?: Partial<ConnectorOptions>; bodyLimit?: number } = {}): Promise<HttpHarness> {
  const h = await createHarness('sqlite', { webhookKey: WEBHOOK_KEY, ...options.connector });
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter((l) => l.trim() !== ''));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] });
  const app = await buildApp({ connector: h.connector, logger, apiToken: options.apiToken ?? null, bodyLimit: options.bodyLimit });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const checker = answerChecker((await app.inject({ url: '/docs/json' })).json() as OpenApiDoc);
  lines.length = 0; // the harness's own request is not the test's
  return {
    h,
    app,
    base,
    lines,
    // Every answer a route test sees is checked against the served OpenAPI document.
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body = init.body;
      if (init.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(init.json);
      }
      const res = await fetch(base + path, { method, headers, body });
      const text = Buffer.from(await res.clone().arrayBuffer()).toString('utf8');
      checker.check(method, path, res.status, res.headers.get('content-type'), text);
      return res;
    },
    async close() {
      await app.close();
      await h.close();
    },
  };
}

/** The path of a shipment resource; codes may hold "/", so always encoded. */
export function shipmentPath(code: string, tail = ''): string {
  return `/v1/shipments/${encodeURIComponent(code)}${tail}`;
}
