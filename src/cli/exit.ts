/**
 * Exit codes and how a command's error reaches the terminal: a ValidationError (bad
 * environment, bad --date) names every wrong field and exits 2; anything else prints its
 * (redacted) message and exits 1.
 */
import { ValidationError } from '../errors.js';
import { redact } from '../transport/redact.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface TextSink {
  write(text: string): unknown;
}

const HEADINGS: Record<string, string> = {
  invalid_environment: 'Invalid environment',
  invalid_query: 'Invalid option',
};

/** Prints `err` to `sink` and answers the exit code for it. */
export function reportError(err: unknown, sink: TextSink = process.stderr): number {
  if (err instanceof ValidationError) {
    const lines = err.fields.map((f) => `  ${f.path}: ${redact(f.message)}`);
    sink.write(`${HEADINGS[err.code] ?? err.code}:\n${lines.join('\n')}\n`);
    return EXIT_USAGE;
  }
  const message = err instanceof Error ? err.message : String(err);
  sink.write(`Error: ${redact(message)}\n`);
  return EXIT_FAILURE;
}

/** Runs a one-shot command and exits with its code (handles linger: pools, keep-alive agents). */
export async function finish(work: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await work();
  } catch (err) {
    code = reportError(err);
  }
  process.exit(code);
}
