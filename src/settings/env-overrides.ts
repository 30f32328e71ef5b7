/**
 * Environment variables override the saved setting of the same meaning. Which variable
 * overrides which setting is declared in connector.json (`env`), so the list of
 * overrides the host sees (`overridden_by_env`) and the values used come from one place.
 */
import type { ConnectorDeclaration } from './declaration.js';
import type { Env } from './crypto.js';

/** Setting key -> the value its environment variable gives (trimmed; empty means unset). */
export function envOverrides(declaration: ConnectorDeclaration, env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of declaration.settings) {
    if (!s.env) continue;
    const value = env[s.env]?.trim();
    if (value) out[s.key] = value;
  }
  return out;
}
