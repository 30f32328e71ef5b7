/**
 * The validator compiler for every route's zod schemas (params, querystring, headers,
 * body). Two differences from fastify-type-provider-zod's own compiler:
 * - a wrong query or path parameter becomes a ValidationError('invalid_query') naming each
 *   field by the host's path, so the one error handler answers it like every other 400;
 * - a body schema marked with documentedOnly() is shown in OpenAPI but not checked here,
 *   because the connector validates those bodies itself and must name EVERY wrong field
 *   in its own shape (`invalid_shipment`, `invalid_settings`, `invalid_webhook`).
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { fieldErrors } from '../domain/shipment-input.js';
import { ValidationError } from '../errors.js';

const documented = new WeakSet<object>();

/** Marks a body schema as documentation only: the route receives the body unchecked. */
export function documentedOnly<T extends z.ZodType>(schema: T): T {
  documented.add(schema);
  return schema;
}

const pass = (data: unknown) => ({ value: data });

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart, method, url }) => {
  if (httpPart === 'body') {
    // Every body this service takes is the connector's to validate; a body schema that
    // is not marked would answer a different 400 shape, so it is refused at startup.
    if (documented.has(schema)) return pass;
    throw new Error(`${method} ${url}: body schemas must be wrapped in documentedOnly()`);
  }
  return (data: unknown) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    // fastify keeps an Error returned here as it is (adding statusCode 400 if absent).
    return { error: new ValidationError('invalid_query', fieldErrors(result.error)) };
  };
};
