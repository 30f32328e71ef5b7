/**
 * How long the sandbox takes to answer, to model ClickPost's pace in demos and
 * benchmarks (create-order takes seconds there). SANDBOX_LATENCY_MS holds every answer
 * back: `1000` for a fixed time, `800-1200` for a uniform spread. A behaviour code still
 * sets its own per account (`SBX_SLOW_<ms>`, scenarios.ts); the longer of the two wins,
 * so a slow account stays slow and the rest run at the wire's pace.
 */
import { ValidationError } from '../errors.js';

export interface Latency {
  /** Lowest and highest hold-back, ms. */
  minMs: number;
  maxMs: number;
}

export const NO_LATENCY: Latency = Object.freeze({ minMs: 0, maxMs: 0 });

/** `"1000"` or `"800-1200"` -> a Latency; empty -> none. Anything else names the variable. */
export function parseLatency(text: string | undefined, name = 'SANDBOX_LATENCY_MS'): Latency {
  const value = text?.trim() ?? '';
  if (value === '') return NO_LATENCY;
  const m = /^(\d{1,6})(?:\s*-\s*(\d{1,6}))?$/.exec(value);
  const minMs = m ? Number(m[1]) : NaN;
  const maxMs = m?.[2] !== undefined ? Number(m[2]) : minMs;
  if (!m || maxMs < minMs) {
    throw new ValidationError('invalid_environment', [{ path: name, message: 'must be milliseconds (e.g. 1000) or a range low-high (e.g. 800-1200), at most 999999' }]);
  }
  return { minMs, maxMs };
}

export function latencyFromEnv(env: Record<string, string | undefined> = process.env): Latency {
  return parseLatency(env.SANDBOX_LATENCY_MS);
}

/** The hold-back of one answer: the scenario's own delay or the latency, whichever is longer. */
export function answerDelay(scenarioDelayMs: number, latency: Latency, random: () => number = Math.random): number {
  const spread = latency.maxMs - latency.minMs;
  const latencyMs = spread > 0 ? latency.minMs + Math.round(random() * spread) : latency.minMs;
  return Math.max(scenarioDelayMs, latencyMs);
}
