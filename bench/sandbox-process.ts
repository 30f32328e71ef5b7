/** Starts bench/sandbox-child.js with a latency and answers its URL; close() ends it. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface InFlight {
  mean: number;
  peak: number;
  samples: number;
}

export interface SandboxProcess {
  url: string;
  /** Calls in flight at the sandbox between two epoch-ms times (sampled every 10 ms). */
  inFlight(from: number, to: number): Promise<InFlight>;
  /** Label polls that reached the sandbox since `from` (epoch ms): [arrival epoch ms, idempotency key]. */
  polls(from: number): Promise<Array<[number, string]>>;
  close(): Promise<void>;
}

// BENCH_SANDBOX_CHILD: another build's child (to measure an older connector against the same sandbox).
const CHILD = process.env.BENCH_SANDBOX_CHILD ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'sandbox-child.js');

export async function startSandboxProcess(latencyMs: number): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, SANDBOX_LATENCY_MS: String(latencyMs) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`sandbox child exited (${code}) before it listened`)));
  });
  return {
    url,
    inFlight: async (from, to) => (await (await fetch(`${url}/__bench/in-flight?from=${from}&to=${to}`)).json()) as InFlight,
    polls: async (from) => (await (await fetch(`${url}/__bench/polls?from=${from}`)).json()) as Array<[number, string]>,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
