export {
  createHostCallbacks,
  callbackBody,
  safeUrl,
  CALLBACK_EVENTS,
  HOST_CALLBACK_KIND,
  DEFAULT_CALLBACK_TIMEOUT_MS,
  type CallbackEvent,
  type CallbackBody,
  type EnqueueCallbackInput,
  type HostCallbacks,
  type HostCallbacksOptions,
} from './host-callbacks.js';
export { signCallback, signatureHeader, parseSignatureHeader, verifyCallbackSignature, SIGNATURE_HEADER, DEFAULT_TOLERANCE_SEC } from './signature.js';
export { callbackEventFor, callbackKey, statusChangeCallbacks, trackingChangeCallbacks } from './status-change.js';
