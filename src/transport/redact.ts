/**
 * Secrets out of every string that may reach a log, the database, an error message or
 * an API answer. got's error messages carry the full URL and ClickPost's key travels in
 * the query string, so redaction works on text, not only on fields.
 */

const MASK = '[REDACTED]';
const knownSecrets = new Set<string>();

/** Registers a secret value (the ClickPost key, the webhook key) to scrub everywhere. */
export function registerSecret(secret: string | null | undefined): void {
  if (secret && secret.length >= 4) knownSecrets.add(secret);
}

/** For tests that build many connectors in one process. */
export function forgetSecrets(): void {
  knownSecrets.clear();
}

// key=..., "key":"...", webhook_key: ... in URLs, JSON and header dumps.
const QUERY_KEY = /([?&](?:key|api_key|webhook_key)=)[^&#\s"']*/gi;
const JSON_KEY = /("(?:key|api_key|webhook_key)"\s*:\s*")[^"]*(")/gi;

/** Removes every registered secret and every key-like parameter from a string. */
export function redact(text: string): string {
  let out = text.replace(QUERY_KEY, `$1${MASK}`).replace(JSON_KEY, `$1${MASK}$2`);
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(MASK);
  }
  return out;
}

/** Deep copy of a JSON-like value with secrets masked in every string and `key` fields. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = /^(key|api_key|webhook_key)$/i.test(k) && typeof v === 'string' ? MASK : redactValue(v);
    }
    return out as T;
  }
  return value;
}

export const REDACTED = MASK;
