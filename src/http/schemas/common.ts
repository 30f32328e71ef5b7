/**
 * Schemas every route shares: the error body and the shipment-code path parameter.
 * (Answer schemas check the shape; serializer.ts sends the answer as built, so fields
 * beyond a schema still reach the host.)
 */
import { z } from 'zod';

export const FieldErrorSchema = z.object({
  path: z.string().meta({ description: 'the field as the host sent it, e.g. boxes[0].weight_g' }),
  message: z.string(),
});

export const ErrorSchema = z
  .object({
    error: z.string().meta({ description: 'stable code: invalid_shipment, not_found, shipment_code_conflict, unauthorized, invalid_text, database_unavailable, ...' }),
    message: z.string().optional(),
    fields: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Error', description: 'an error' });

/** The error answers a route may give, keyed by status, for OpenAPI. */
export function errors<const S extends readonly number[]>(...statuses: S): Record<S[number], typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as Record<S[number], typeof ErrorSchema>;
}

/**
 * What an error status of this service means, for the document (openapi.ts puts it on each
 * error answer): the `error` codes it carries. 400 `invalid_text` and 503
 * `database_unavailable` come from the error handler on any route that stores or looks up
 * the request's text (400) or touches the database at all (503).
 */
export const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = Object.freeze({
  400: 'The request is not valid: `invalid_shipment`, `invalid_query`, `invalid_json`, ... with `fields` naming every wrong field; or `invalid_text`: a value holds a character the database cannot store (a NUL byte). Nothing was written.',
  401: '`unauthorized`: the bearer token (or the webhook key) is missing or wrong.',
  404: '`not_found`: no such shipment.',
  409: 'The request conflicts with the shipment: its status does not allow it, or its code was used for another body.',
  413: '`payload_too_large`: the body is over the limit of this service.',
  415: '`unsupported_media_type`: send the body as application/json.',
  500: '`internal_error`: an unexpected failure; what it was stays in the log, never in the answer.',
  502: "`upstream_error`: ClickPost's answer could not be used (the label could not be fetched).",
  503: '`database_unavailable`: the database does not answer right now (down, restarting, locked); nothing is wrong with the request: send it again after `Retry-After` seconds.',
});

/** Response headers of an error status, for the document: a 503 says when to try again. */
export const ERROR_HEADERS: Readonly<Record<number, Record<string, { description: string; schema: { type: 'integer'; minimum: number } }>>> = Object.freeze({
  503: { 'Retry-After': { description: 'seconds to wait before sending the request again', schema: { type: 'integer', minimum: 1 } } },
});

export const CodeParamsSchema = z.object({
  shipment_code: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: 'the shipment_code; URL-encode it when it holds "/" (SHP/1 -> SHP%2F1)' }),
});

export const BEARER = [{ bearerAuth: [] }];
