/** Engine-internal failure: the worker retries the step. */
export class StaleVersionError extends Error {
  override name = 'StaleVersionError';
  readonly code = 'ERR_STALE_VERSION';
  constructor(shipmentId: number) {
    super(`Shipment ${shipmentId} was stepped by someone else; retrying`);
  }
}
