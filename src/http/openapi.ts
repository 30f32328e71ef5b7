/**
 * The OpenAPI document's named schemas. fastify-type-provider-zod turns every zod schema
 * with a meta `id` into components.schemas, twice (an output `X` and an input `XInput`),
 * and refuses the id `ShipmentInput` because the answer `Shipment` already yields that
 * name. So the body is registered as `ShipmentBody`, and this pass keeps only the schemas
 * the document references, then names the body's input schema `ShipmentInput` (the
 * contract's name).
 */
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ERROR_DESCRIPTIONS, ERROR_HEADERS } from './schemas/common.js';

type SwaggerTransformObject = typeof jsonSchemaTransformObject;
type Doc = { paths?: unknown; components?: { schemas?: Record<string, unknown> } };

const RENAMES: Readonly<Record<string, string>> = Object.freeze({ ShipmentBodyInput: 'ShipmentInput' });
const PREFIX = '#/components/schemas/';

function refsIn(value: unknown): string[] {
  return [...JSON.stringify(value ?? null).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
}

/** Schemas reachable from the paths (and from the schemas they reference). */
function referenced(doc: Doc): Set<string> {
  const schemas = doc.components?.schemas ?? {};
  const seen = new Set<string>();
  const queue = refsIn(doc.paths);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...refsIn(schemas[name]));
  }
  return seen;
}

type Responses = Record<string, { description?: string; headers?: unknown; content?: Record<string, { schema?: unknown }> }>;

/**
 * Error answers are JSON whatever the route's success type (`produces` of the label route
 * is application/pdf, which @fastify/swagger applies to every status).
 */
function errorsAsJson(doc: Doc): void {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, { responses?: Responses }>>)) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const content = response.content;
        if (Number(status) < 400 || !content || 'application/json' in content) continue;
        const first = Object.values(content)[0];
        response.content = { 'application/json': { schema: first?.schema } };
      }
    }
  }
}

/**
 * Error answers (the shared Error schema) say what the status means and, for a 503, the
 * Retry-After header; @fastify/swagger only knows 'Default Response'. Other 503s (/healthz,
 * /readyz answer their own body) are left as their route describes them.
 */
function describeErrors(doc: Doc): void {
  for (const item of Object.values((doc.paths ?? {}) as Record<string, Record<string, { responses?: Responses }>>)) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const isError = JSON.stringify(response.content ?? null).includes(`"${PREFIX}Error"`);
        if (!isError) continue;
        const description = ERROR_DESCRIPTIONS[Number(status)];
        if (description && (response.description === undefined || response.description === 'Default Response')) response.description = description;
        const headers = ERROR_HEADERS[Number(status)];
        if (headers) response.headers = headers;
      }
    }
  }
}

export const openapiTransformObject: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as Doc;
  errorsAsJson(doc);
  describeErrors(doc);
  const schemas = doc.components?.schemas;
  if (!schemas) return doc as ReturnType<SwaggerTransformObject>;
  const keep = referenced(doc);
  for (const name of Object.keys(schemas)) if (!keep.has(name)) delete schemas[name];
  let text = JSON.stringify(doc);
  for (const [from, to] of Object.entries(RENAMES)) {
    if (!(from in schemas)) continue;
    text = text.replaceAll(`"${PREFIX}${from}"`, `"${PREFIX}${to}"`).replace(`"${from}":`, `"${to}":`);
  }
  return JSON.parse(text) as ReturnType<SwaggerTransformObject>;
};
