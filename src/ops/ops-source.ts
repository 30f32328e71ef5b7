/**
 * What the operations API needs beyond the HTTP face's operations: the database (board
 * queries, a shipment's calls and timers), the settings in force and where ClickPost calls
 * go. createConnector()'s result has all three; a connector without them gets the pages
 * but not the /v1/ops/* routes.
 */
import type { Db } from '../store/db.js';
import type { ConnectorSettings } from '../domain/settings.js';
import type { HttpConnector } from '../http/connector-surface.js';
import type { ServiceMode } from '../http/schemas/ops.js';
import { PRODUCTION_BASE_URL } from '../engine/clickpost-provider.js';

export interface OpsSource {
  db: Db;
  settings: { get(): Promise<ConnectorSettings> };
  clickpostTarget(): Promise<{ baseUrl: string; sandbox: boolean }>;
}

export type OpsConnector = HttpConnector & OpsSource;

export function asOpsConnector(connector: HttpConnector): OpsConnector | null {
  const c = connector as Partial<OpsSource>;
  return c.db && c.settings && typeof c.clickpostTarget === 'function' ? (connector as OpsConnector) : null;
}

/** The header's sentence: plain about whether real bookings are made, and as whom. */
export function serviceHeadline(mode: ServiceMode['mode'], baseUrl: string, username: string | null): string {
  if (mode === 'sandbox') return 'Sandbox: no real bookings';
  const who = username ? ` as ${username}` : ' without a Username';
  if (mode === 'live') return `Live ClickPost${who}`;
  return `ClickPost at ${baseUrl}${who} (CLICKPOST_BASE_URL)`;
}

export async function serviceMode(source: OpsSource): Promise<ServiceMode> {
  const [target, settings] = await Promise.all([source.clickpostTarget(), source.settings.get()]);
  const mode: ServiceMode['mode'] = target.sandbox ? 'sandbox' : target.baseUrl === PRODUCTION_BASE_URL ? 'live' : 'custom';
  const username = mode === 'sandbox' ? null : settings.username || null;
  return { mode, base_url: target.baseUrl, username, headline: serviceHeadline(mode, target.baseUrl, username) };
}
