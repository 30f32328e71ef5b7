/**
 * "Test connection": one cheap read call to ClickPost (or the sandbox) with the settings
 * in force, through the same transport the engine uses, classified for people:
 * authentication (HTTP 401/403, meta.status 301), account (the other configuration codes
 * of classify.ts), network (no answer), connected (anything else answered). The call is a
 * label poll for a reference that cannot exist, so it books nothing; it is not recorded in
 * api_calls (it belongs to no shipment and must not reach the daily failure report).
 */
import { randomUUID } from 'node:crypto';
import { createClickPostClient } from '../transport/client.js';
import { toLookupOrderRequest } from '../clickpost/create-order.js';
import { classifyMeta } from '../clickpost/classify.js';
import type { ClickPostResponse } from '../transport/types.js';
import type { ConnectionTest } from '../http/schemas/ops.js';
import { serviceMode, type OpsSource } from './ops-source.js';

/** meta.status of "authentication failed" (wire notes); the other configuration codes concern the account. */
const AUTH_FAILED_META = 301;
const SANDBOX_USERNAME = 'sandbox';
const SANDBOX_KEY = 'sandbox-key';

export interface ConnectionTestOptions {
  timeoutMs?: number;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Verdict = Omit<ConnectionTest, 'mode' | 'base_url'>;

function verdictOf(response: ClickPostResponse, where: string): Verdict {
  if (!response.ok) {
    const status = response.error.httpStatus ?? null;
    if (status === 401 || status === 403) {
      return { ok: false, verdict: 'authentication', http_status: status, meta_status: null, message: `${capital(where)} refused the Username and Key (HTTP ${status}).` };
    }
    if (status !== null) {
      return { ok: false, verdict: 'unexpected', http_status: status, meta_status: null, message: `${capital(where)} answered HTTP ${status} without a usable answer: ${response.error.message}` };
    }
    return { ok: false, verdict: 'network', http_status: null, meta_status: null, message: `Could not reach ${where}: ${response.error.message}` };
  }
  const c = classifyMeta(response.httpStatus, response.body);
  const base = { http_status: response.httpStatus, meta_status: c.meta_status };
  const said = c.message ? ` ClickPost said: "${c.message}".` : '';
  if (response.httpStatus === 401 || response.httpStatus === 403 || c.meta_status === AUTH_FAILED_META) {
    return { ...base, ok: false, verdict: 'authentication', message: `${capital(where)} refused the Username and Key (authentication failed, meta.status ${c.meta_status ?? '-'}).${said} Check both in the settings.` };
  }
  if (c.kind === 'configuration_error') {
    return { ...base, ok: false, verdict: 'account', message: `${capital(where)} accepted the Username and Key but refused the account (meta.status ${c.meta_status}).${said}` };
  }
  return { ...base, ok: true, verdict: 'connected', message: `${capital(where)} answered and accepted the Username and Key.` };
}

export async function testConnection(source: OpsSource, options: ConnectionTestOptions = {}): Promise<ConnectionTest> {
  const [mode, settings] = await Promise.all([serviceMode(source), source.settings.get()]);
  const sandbox = mode.mode === 'sandbox';
  const client = createClickPostClient({
    baseUrl: mode.base_url,
    // The built-in sandbox takes any non-empty pair, as the engine's provider sends it.
    username: settings.username || (sandbox ? SANDBOX_USERNAME : ''),
    key: settings.key || (sandbox ? SANDBOX_KEY : ''),
    timeoutMs: options.timeoutMs ?? 8_000,
    retry: { limit: 1, baseDelayMs: 200, maxDelayMs: 500 },
  });
  const response = await client.send(toLookupOrderRequest({ reference: `connection-test-${randomUUID()}` }));
  const where = sandbox ? 'the built-in sandbox' : mode.mode === 'live' ? 'ClickPost' : `ClickPost at ${mode.base_url}`;
  const verdict = verdictOf(response, where);
  if (verdict.verdict === 'authentication' && (!settings.username || !settings.key)) {
    verdict.message = `No Username and Key are saved, so ${where} refused the call (authentication failed). Enter both in the settings.`;
  }
  if (verdict.ok && sandbox) verdict.message = 'The built-in sandbox answered like ClickPost; no real booking is made.';
  return { ...verdict, mode: mode.mode, base_url: mode.base_url };
}
