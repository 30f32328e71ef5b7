/** Engine-internal failures; the worker retries the step or the effect. */
export class StaleVersionError extends Error {
  override name = 'StaleVersionError';
  readonly code = 'ERR_STALE_VERSION';
  constructor(shipmentId: number) {
    super(`Shipment ${shipmentId} was stepped by someone else; retrying`);
  }
}

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  readonly code = 'ERR_LEASE_LOST';
  constructor(what: string) {
    super(`Lease lost on ${what}; another worker owns it now`);
  }
}
