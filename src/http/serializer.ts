/**
 * The response serializer: the route's zod schema checks the answer (a wrong shape is a
 * 500, logged, instead of a silent contract break), but the answer goes out as the
 * connector built it, so a field the connector adds later reaches the host rather than
 * being stripped by zod's parse.
 */
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import type { z } from 'zod';

export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema, method, url }) => (data) => {
  const result = schema.safeParse(data);
  if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
  return JSON.stringify(data);
};
