/**
 * winston, JSON lines on stdout (one event per line, every level), with every message and
 * field passed through redact() so no secret reaches a log even when an error message
 * carries a URL. winston is required by createLogger only: a host that brings its own
 * logger (or none) never loads it (about 40 modules).
 */
import { createRequire } from 'node:module';
import type winston from 'winston';
import { redact } from './transport/redact.js';

const require = createRequire(import.meta.url);

type LogMethod = (message: string, fields?: object) => unknown;

/**
 * What the connector logs through: any object with these four methods (winston, pino
 * behind an adapter, console-like objects). `fields` is a flat JSON-able object.
 */
export interface Logger {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
}

function scrub(info: winston.Logform.TransformableInfo): winston.Logform.TransformableInfo {
  const text = JSON.stringify(info);
  const clean = redact(text);
  if (clean === text) return info;
  const parsed = JSON.parse(clean) as winston.Logform.TransformableInfo;
  // Keep winston's symbol-keyed level so transports still route the line.
  for (const sym of Object.getOwnPropertySymbols(info)) (parsed as Record<symbol, unknown>)[sym] = (info as Record<symbol, unknown>)[sym];
  return parsed;
}

export interface LoggerOptions {
  level?: string;
  /** Extra transports (tests capture lines with a stream transport). */
  transports?: winston.transport[];
  silent?: boolean;
}

export function createLogger(options: LoggerOptions = {}): winston.Logger {
  const w = require('winston') as typeof winston;
  return w.createLogger({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    silent: options.silent,
    format: w.format.combine(w.format.errors({ stack: false }), w.format(scrub)(), w.format.timestamp(), w.format.json()),
    // Every level on stdout: a log collector reads one stream of JSON lines.
    transports: options.transports ?? [new w.transports.Console({ stderrLevels: [] })],
  });
}

/** A logger that writes nothing (library default when the host gives none). */
export function silentLogger(): Logger {
  const nothing = () => undefined;
  return { error: nothing, warn: nothing, info: nothing, debug: nothing };
}
