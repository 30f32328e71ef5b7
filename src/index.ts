/**
 * The package's entry point (`import { createConnector } from 'clickpost-b2b-connector'`):
 * the library face, the service's environment mapping, the typed errors and every type a
 * host handles. Only re-exports; each name has its home in the module named beside it.
 */
export { createConnector, type Connector, type ConnectorOptions, type ScheduleAnswer, type ListAnswer } from './connector.js';
export { optionsFromEnv, loadEnvConfig, type EnvConfig } from './config.js';

export { ConnectorError, ValidationError, NotFoundError, ConflictError, UnauthorizedError, UpstreamError } from './errors.js';
export { SettingsError, MasterKeyError, SecretDecryptError, type SettingsErrorCode } from './settings/errors.js';
export { ClickPostError } from './transport/errors.js';

export type { ShipmentInput, Provider, Box, Item, FieldError } from './domain/shipment-input.js';
export {
  SHIPMENT_STATUSES,
  ATTEMPT_OUTCOMES,
  CANCEL_STATES,
  type ShipmentStatus,
  type AttemptOutcome,
  type CancelState,
  type ShipmentView,
  type AttemptView,
} from './views/shipment-view.js';
export type { TrackingView, TrackingEventView, WebhookResult } from './tracking/types.js';
export type { SettingsView, SettingsUpdate } from './settings/settings-store.js';
export type { ConnectorSettings } from './domain/settings.js';
export type { StatusChange } from './engine/deps.js';

export type { ShipmentCallback, TrackingCallback, HostCallback } from './callback-payloads.js';
export type { CallbackEvent } from './callbacks/host-callbacks.js';
export { verifyCallbackSignature, SIGNATURE_HEADER } from './callbacks/signature.js';

export { createLogger, type Logger } from './logger.js';
export { systemClock, ManualClock, type Clock } from './clock.js';
export { startServer, type RunningServer, type StartServerOptions } from './http/server.js';
