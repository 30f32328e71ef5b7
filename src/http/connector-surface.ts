/**
 * The part of the library face (src/connector.ts) the HTTP face calls. Declared here as
 * a structural interface so the HTTP layer depends on the operations, not on how
 * createConnector builds them: `createConnector()`'s result satisfies it as it is.
 * Methods (not arrow properties) on purpose: their parameters compare bivariantly, so a
 * connector that types `headers` more narrowly still fits.
 */
import type { ShipmentView } from '../views/shipment-view.js';
import type { ShipmentInput } from '../domain/shipment-input.js';
import type { SettingsView } from '../settings/settings-store.js';
import type { SettingsScreenModel } from '../settings/screen-model.js';
import type { TrackingEventView, TrackingView } from '../views/tracking-view.js';
import type { z } from 'zod';
import type { ListAnswerSchema } from './schemas/shipments.js';
import type { BreakerView, Readiness } from '../health/readiness.js';

export type { TrackingEventView };

export interface ScheduleResult {
  created: boolean;
  shipment: ShipmentView;
}

export interface ListQuery {
  status?: string;
  limit?: number;
  after?: string | null;
}

export type ListResult = z.infer<typeof ListAnswerSchema>;

export type TrackingResult = TrackingView;

export interface WebhookResult {
  stored: boolean | number;
  duplicate: boolean;
  stale: boolean;
  shipment_code: string | null;
}

export interface HealthResult {
  ok: boolean;
  database: 'ok' | 'error';
  workers: 'running' | 'stopped';
  clickpost: { target: 'sandbox' | 'production' | 'custom'; base_url: string };
}

/** A result the connector may give at once or later; the routes await either. */
export type Async<T> = T | Promise<T>;

export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface HttpConnector {
  /** Validates at run time too: the body reaches it unchecked (see validation.ts). */
  schedule(body: ShipmentInput): Async<ScheduleResult>;
  get(code: string): Async<ShipmentView>;
  list(query: ListQuery): Async<ListResult>;
  cancel(code: string): Async<ShipmentView>;
  retry(code: string): Async<ShipmentView>;
  /** The merged label PDF of every box. */
  label(code: string): Async<Uint8Array>;
  tracking(code: string): Async<TrackingResult>;
  handleWebhook(headers: RequestHeaders, body: unknown): Async<WebhookResult>;
  getSettings(): Async<SettingsView>;
  updateSettings(patch: unknown): Async<SettingsView>;
  failureReport(date: string): Async<object>;
  metrics(): Async<{ contentType: string; body: string }>;
  health(): Async<HealthResult>;
  readiness(): Async<Readiness>;
  breakers(): Async<BreakerView[]>;
  /** Validates the body (ValidationError 'invalid_breaker' naming each wrong field). */
  closeBreaker(account: unknown): Async<void>;
  settingsScreen(): Async<SettingsScreenModel>;
}
