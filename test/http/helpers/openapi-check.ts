/**
 * Checks an HTTP answer against the OpenAPI document the service serves: the status must
 * be documented for the operation, the content type must be one it declares, and a JSON
 * body must validate (Ajv, JSON Schema 2020-12 as in OpenAPI 3.1) against its schema.
 * Requests to paths the document does not have (unknown routes, /docs itself) pass.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';

type Content = Record<string, { schema?: unknown }>;
type Operation = { responses: Record<string, { content?: Content }> };
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
}

export interface AnswerChecker {
  /** Throws naming the operation and what does not match. */
  check(method: string, url: string, status: number, contentType: string | null, body: string): void;
}

function pointer(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function answerChecker(doc: OpenApiDoc): AnswerChecker {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(doc as object, 'openapi');
  const templates = Object.keys(doc.paths).map((p) => ({ path: p, re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));

  return {
    check(method, url, status, contentType, body) {
      const path = url.split('?')[0]!;
      const template = templates.find((t) => t.re.test(path))?.path;
      const op = template ? doc.paths[template]![method.toLowerCase()] : undefined;
      if (!template || !op) return;
      const where = `${method} ${template} -> ${status}`;
      const response = op.responses[String(status)];
      if (!response) throw new Error(`${where}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`);
      if (!response.content || status === 204) return;
      const type = (contentType ?? '').split(';')[0]!.trim();
      const declared = Object.keys(response.content);
      if (!declared.includes(type)) throw new Error(`${where}: content type ${type} not declared (${declared.join(', ')})`);
      if (type !== 'application/json') return;
      const ref = `openapi#/${pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', type, 'schema')}`;
      const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      if (!validate(JSON.parse(body))) throw new Error(`${where}: answer does not match the document: ${ajv.errorsText(validate.errors)}\n${body.slice(0, 500)}`);
    },
  };
}
