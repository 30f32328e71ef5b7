/**
 * Host callbacks: each status change is POSTed to HOST_CALLBACK_URL, signed, from the
 * effects outbox. `enqueue` writes a 'host_callback' effect inside the caller's
 * transaction (so the callback exists if and only if the change committed); the worker
 * runs `deliver`, and a throw makes the outbox retry with backoff, so got never retries.
 */
import got, { RequestError } from 'got';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Tx } from '../store/db.js';
import { insertEffect } from '../store/effects-repo.js';
import type { EffectRow } from '../store/rows.js';
import { redact, redactValue, registerSecret } from '../transport/redact.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export type CallbackEvent = 'shipment.booked' | 'shipment.retry_wait' | 'shipment.failed' | 'shipment.cancelled' | 'shipment.tracking';

export const CALLBACK_EVENTS: readonly CallbackEvent[] = Object.freeze([
  'shipment.booked',
  'shipment.retry_wait',
  'shipment.failed',
  'shipment.cancelled',
  'shipment.tracking',
] as const);

/** The effects.kind the worker routes to `deliver`. */
export const HOST_CALLBACK_KIND = 'host_callback';
export const DEFAULT_CALLBACK_TIMEOUT_MS = 5_000;

export interface EnqueueCallbackInput {
  shipment_id: number;
  event: CallbackEvent;
  /** A ShipmentView for booked/failed/cancelled; `{ shipment_code, awb, event }` for tracking. */
  data: unknown;
  /** Also the delivery id the host sees, so the host can drop duplicates. */
  idempotency_key: string;
}

/** What the effect row stores; created_at is fixed at enqueue so every retry sends the same body. */
interface CallbackPayload {
  event: CallbackEvent;
  data: unknown;
  created_at: number;
}

export interface CallbackBody {
  id: string;
  event: CallbackEvent;
  created_at: string;
  data: unknown;
}

export interface HostCallbacks {
  /** Inside the caller's transaction: insert a 'host_callback' effect (idempotency key given by the caller). */
  enqueue(trx: Tx, input: EnqueueCallbackInput, now: number): Promise<void>;
  /** The worker's side-effect executor for kind 'host_callback'. */
  deliver: (effect: EffectRow) => Promise<void>;
}

export interface HostCallbacksOptions {
  url: string;
  secret: string;
  clock: Clock;
  logger: Logger;
  timeoutMs?: number;
}

/** The URL as it may appear in an error or a log: user:password and key-like parameters masked. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    return redact(u.toString());
  } catch {
    return redact(url);
  }
}

export function callbackBody(effect: EffectRow): CallbackBody {
  const payload = effect.payload as Partial<CallbackPayload> | null;
  if (!payload || typeof payload.event !== 'string' || !CALLBACK_EVENTS.includes(payload.event) || typeof payload.created_at !== 'number') {
    throw new Error(`Effect ${effect.id} is not a host callback payload`);
  }
  return { id: effect.idempotency_key, event: payload.event, created_at: new Date(payload.created_at).toISOString(), data: payload.data ?? null };
}

export function createHostCallbacks(options: HostCallbacksOptions): HostCallbacks {
  const { url, secret, clock, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS;
  const where = safeUrl(url);
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new Error(`HOST_CALLBACK_URL must be an http(s) URL, got ${where}`);
  }
  if (!secret) throw new Error('HOST_CALLBACK_SECRET must be set when HOST_CALLBACK_URL is');
  // The secret may surface in a stringified error of some library: scrub it everywhere.
  registerSecret(secret);

  async function enqueue(trx: Tx, input: EnqueueCallbackInput, now: number): Promise<void> {
    const payload: CallbackPayload = { event: input.event, data: redactValue(input.data), created_at: now };
    await insertEffect(trx, {
      shipment_id: input.shipment_id,
      kind: HOST_CALLBACK_KIND,
      payload,
      idempotency_key: input.idempotency_key,
      run_at: now,
      now,
    });
  }

  async function deliver(effect: EffectRow): Promise<void> {
    const message = callbackBody(effect);
    const body = JSON.stringify(message);
    const t = Math.floor(clock.now() / 1000);
    let status: number;
    try {
      const response = await got.post(url, {
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'clickpost-b2b-connector',
          'x-connector-event': message.event,
          'x-connector-delivery': message.id,
          [SIGNATURE_HEADER]: signatureHeader(secret, t, body),
        },
        timeout: { request: timeoutMs },
        retry: { limit: 0 },
        throwHttpErrors: false,
        followRedirect: false,
        responseType: 'text',
      });
      status = response.statusCode;
    } catch (err) {
      throw new Error(networkFailure(err, message, where, timeoutMs));
    }
    if (status < 200 || status >= 300) {
      throw new Error(`Host callback ${message.event} ${message.id} answered HTTP ${status} from ${where}`);
    }
    logger.info('host callback delivered', { event: message.event, delivery: message.id, http_status: status, runs: effect.attempts });
  }

  return { enqueue, deliver };
}

/** got's error -> a message naming the code and the safe URL, never got's own message (it carries the URL). */
function networkFailure(err: unknown, message: CallbackBody, where: string, timeoutMs: number): string {
  const code = err instanceof RequestError ? err.code : (err as { code?: string } | null)?.code;
  const name = (err as { name?: string } | null)?.name;
  const what = name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'failed';
  return `Host callback ${message.event} ${message.id} ${what} (${code ?? 'ERR_UNKNOWN'}) to ${where}`;
}
