/**
 * Starts the HTTP face on HOST:PORT. Contract: without CONNECTOR_API_TOKEN the service
 * listens on loopback only, so a non-loopback HOST without a token refuses to start.
 */
import net from 'node:net';
import type { Logger } from '../logger.js';
import { ValidationError } from '../errors.js';
import type { HttpConnector } from './connector-surface.js';
import { buildApp } from './app.js';

export interface StartServerOptions {
  connector: HttpConnector;
  logger: Logger;
  host: string;
  port: number;
  apiToken?: string | null;
  bodyLimit?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/** 127.0.0.0/8, ::1 (bracketed or not), IPv4-mapped loopback, or localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  if (net.isIPv4(v4)) return v4.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/** Throws when the service would be reachable from other machines without a token. */
export function assertSafeListen(host: string, apiToken: string | null | undefined): void {
  if (apiToken || isLoopbackHost(host)) return;
  const err = new ValidationError('invalid_environment', [
    { path: 'HOST', message: `"${host}" is not a loopback address; without CONNECTOR_API_TOKEN the service listens on loopback only` },
    { path: 'CONNECTOR_API_TOKEN', message: `is required to listen on HOST=${host}` },
  ]);
  err.message = `refusing to listen on HOST=${host} without CONNECTOR_API_TOKEN: set CONNECTOR_API_TOKEN, or use a loopback HOST such as 127.0.0.1`;
  throw err;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  assertSafeListen(options.host, options.apiToken);
  const app = await buildApp(options);
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = net.isIPv6(options.host.replace(/^\[(.*)\]$/, '$1')) ? `[${options.host.replace(/^\[(.*)\]$/, '$1')}]` : options.host;
  const url = `http://${host}:${port}`;
  options.logger.info('http listening', { url, docs: `${url}/docs`, operations: `${url}/`, token_required: Boolean(options.apiToken) });
  return { url, close: () => app.close() };
}
