/**
 * The in-repo ClickPost sandbox: a loopback node:http server that speaks the wire notes
 * (../../shared/reference/clickpost-wire-notes.md). Scenarios are chosen by account code
 * (README.md). Used by tests over real sockets and by `npm start` when no ClickPost
 * credentials are set.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../clock.js';
import * as answers from './answers.js';
import { now, SandboxContext, type Plan, type SandboxRequest } from './context.js';
import { handleCancelOrder } from './handlers/cancel-order.js';
import { handleCreateOrder } from './handlers/create-order.js';
import { handleFetchLabel } from './handlers/fetch-label.js';
import { handleLabelFile } from './handlers/label-file.js';
import { handlePollOrder } from './handlers/poll-order.js';
import { handleTrackOrder } from './handlers/track-order.js';
import { handleShipmentCount } from './handlers/shipment-count.js';
import { json, readBody, writeReply } from './http-io.js';
import { Ledger, type SandboxScan } from './ledger.js';
import { referenceOf } from './payload.js';
import { makeScan, type ScanInput } from './tracking.js';
import { ledgerWriter, loadLedger } from './state-file.js';
import { answerDelay, latencyFromEnv, type Latency } from './latency.js';

export interface SandboxOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  clock?: Clock;
  /** Keep the ledger in this JSON file across restarts (the service's built-in sandbox). */
  stateFile?: string;
  /** Every answer held back this long (latency.ts); default SANDBOX_LATENCY_MS. */
  latency?: Latency;
}

export interface Sandbox {
  /** Base URL without `/api`, e.g. `http://127.0.0.1:40123`: ClickPost's base URL setting. */
  url: string;
  ledger: Ledger;
  close(): Promise<void>;
  /** Forgets every order, counter, scan and logged request. */
  reset(): void;
  /** Adds a tracking scan to a parent or child AWB the sandbox issued. */
  pushTrackingScan(awb: string, scan: ScanInput): SandboxScan;
  /** While down, every API call answers HTTP 503 and changes nothing (ClickPost or the courier unreachable). */
  setDown(down: boolean): void;
}

type ApiHandler = (ctx: SandboxContext, req: SandboxRequest) => Plan;

// "METHOD path" (trailing slash optional) -> handler.
const ROUTES: ReadonlyMap<string, ApiHandler> = new Map([
  ['POST /api/v3/create-order', handleCreateOrder],
  ['GET /api/v3/create-order', handlePollOrder],
  ['GET /api/v1/cancel-order', handleCancelOrder],
  ['GET /api/v1/fetch/shippinglabel', handleFetchLabel],
  ['GET /api/v2/track-order', handleTrackOrder],
  ['GET /api/v1/fetch-shipment-count', handleShipmentCount],
]);

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function route(ctx: SandboxContext, req: SandboxRequest): Promise<Plan> {
  const label = /^\/labels\/([^/]+)\.pdf$/.exec(req.path);
  if (req.method === 'GET' && label) return handleLabelFile(ctx, decodeURIComponent(label[1]!));
  const handler = ROUTES.get(`${req.method} ${req.path.replace(/\/+$/, '')}`);
  if (!handler) return now(json(404, answers.meta(404, `No route ${req.method} ${req.path}`, false)));
  // Every API call takes username & key in the query; ClickPost answers HTTP 200 + meta 301.
  if (!req.query.get('key') || !req.query.get('username')) return now(json(200, answers.authFailed()));
  if (req.method === 'POST' && (typeof req.body !== 'object' || req.body === null)) {
    return now(json(200, answers.meta(328, 'Invalid POST data: body must be a JSON object', false)));
  }
  return handler(ctx, req);
}

function logRequest(ctx: SandboxContext, req: SandboxRequest): void {
  const query: Record<string, string> = {};
  for (const [k, v] of req.query) if (k !== 'key') query[k] = v;
  ctx.ledger.logRequest({
    at: ctx.clock.now(),
    method: req.method,
    path: req.path,
    query,
    hasKey: req.query.has('key'),
    reference: referenceOf(req.body) ?? req.query.get('reference_number'),
    idempotencyKey: req.idempotencyKey,
    body: req.body,
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const ledger = new Ledger();
  if (options.stateFile) loadLedger(ledger, options.stateFile);
  const writer = options.stateFile ? ledgerWriter(ledger, options.stateFile) : null;
  const ctx = new SandboxContext(ledger, options.clock ?? systemClock);
  const timers = new Set<NodeJS.Timeout>();
  let down = false;
  const latency = options.latency ?? latencyFromEnv();

  async function serve(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', 'http://sandbox');
    const header = raw.headers['x-idempotency-key'];
    const req: SandboxRequest = {
      method: (raw.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      body: parseBody(await readBody(raw)),
      idempotencyKey: (Array.isArray(header) ? header[0] : header) ?? null,
    };
    logRequest(ctx, req);
    const plan = down && req.path.startsWith('/api/') ? now(json(503, answers.meta(503, 'Service Unavailable', false))) : await route(ctx, req);
    writer?.schedule();
    const delayMs = answerDelay(plan.delayMs, latency);
    if (delayMs <= 0) return writeReply(raw, res, plan.reply);
    // SBX_SLOW: a real timer, so a client with a shorter timeout gives up first.
    const timer = setTimeout(() => {
      timers.delete(timer);
      writeReply(raw, res, plan.reply);
    }, delayMs);
    timers.add(timer);
  }

  const server = http.createServer((raw, res) => {
    serve(raw, res).catch((err: unknown) => {
      if (!res.headersSent) writeReply(raw, res, json(500, { error: String((err as Error)?.message ?? err) }));
      else raw.socket.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ctx.baseUrl = `http://${host}:${address.port}`;

  return {
    url: ctx.baseUrl,
    ledger,
    setDown(value) {
      down = value;
    },
    reset() {
      down = false;
      ledger.reset();
      ctx.labelCache.clear();
    },
    pushTrackingScan(awb, scan) {
      const found = ledger.findByWaybill(awb);
      if (!found) throw new Error(`sandbox: unknown AWB ${awb}`);
      const trackingId = ledger.scans(awb)?.[0]?.tracking_id ?? Number(awb.replace(/\D/g, '').slice(-8) || '1');
      const made = makeScan(scan, trackingId, ctx.clock.now());
      ledger.addScan(awb, made);
      return made;
    },
    close() {
      writer?.flush();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
