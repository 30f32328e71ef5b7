/**
 * prom-client, required on first use: it and @opentelemetry/api are about 50 modules and
 * 10 MB that an idle service does not need until /metrics is scraped (issue #10, point 6).
 * Synchronous (prom-client is CommonJS), so a first use needs no await.
 */
import { createRequire } from 'node:module';

export type PromClient = typeof import('prom-client');

const require = createRequire(import.meta.url);
let loaded: PromClient | null = null;

export function promClient(): PromClient {
  loaded ??= require('prom-client') as PromClient;
  return loaded;
}
