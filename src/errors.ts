/**
 * The connector's typed errors: what the library throws and the HTTP face maps to a
 * status. Callers branch on `code`; messages never carry a secret.
 */
import type { FieldError } from './domain/shipment-input.js';

export class ConnectorError extends Error {
  override name = 'ConnectorError';
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
  /** The JSON the HTTP face answers with. */
  toJSON(): Record<string, unknown> {
    return { error: this.code, message: this.message };
  }
}

/** A body with wrong fields; `fields` names every one, with the host's paths. */
export class ValidationError extends ConnectorError {
  override name = 'ValidationError';
  constructor(
    code: 'invalid_shipment' | 'invalid_settings' | 'invalid_webhook' | 'invalid_query' | 'invalid_environment' | 'invalid_breaker',
    readonly fields: FieldError[],
  ) {
    super(code, `${fields.length} invalid field(s): ${fields.map((f) => f.path).join(', ')}`, 400);
  }
  override toJSON() {
    return { error: this.code, message: this.message, fields: this.fields };
  }
}

export class NotFoundError extends ConnectorError {
  override name = 'NotFoundError';
  constructor(what: string) {
    super('not_found', `${what} not found`, 404);
  }
}

/** The same shipment_code was scheduled before with a different body. */
export class ConflictError extends ConnectorError {
  override name = 'ConflictError';
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

export class UnauthorizedError extends ConnectorError {
  override name = 'UnauthorizedError';
  constructor(message = 'missing or wrong credentials') {
    super('unauthorized', message, 401);
  }
}

/** Something the connector depends on failed (ClickPost label fetch, ...). */
export class UpstreamError extends ConnectorError {
  override name = 'UpstreamError';
  constructor(message: string) {
    super('upstream_error', message, 502);
  }
}
