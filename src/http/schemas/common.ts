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
    error: z.string().meta({ description: 'stable code: invalid_shipment, not_found, shipment_code_conflict, unauthorized, ...' }),
    message: z.string().optional(),
    fields: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Error', description: 'an error' });

/** The error answers a route may give, keyed by status, for OpenAPI. */
export function errors<const S extends readonly number[]>(...statuses: S): Record<S[number], typeof ErrorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorSchema])) as Record<S[number], typeof ErrorSchema>;
}

export const CodeParamsSchema = z.object({
  shipment_code: z
    .string()
    .min(1)
    .max(200)
    .meta({ description: 'the shipment_code; URL-encode it when it holds "/" (SHP/1 -> SHP%2F1)' }),
});

export const BEARER = [{ bearerAuth: [] }];
