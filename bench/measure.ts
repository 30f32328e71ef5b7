/** Shared bench helpers: a result row, wall time, and a heap reading after a forced GC. */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface BenchRow {
  name: string;
  /** The measured value, with its unit. */
  value: string;
  /** The bare baseline, with its unit. */
  baseline: string;
  /** The ratio against the baseline; what it means is in the scenario's name and goal. */
  ratio: number;
  /** The goal for this figure, when it has one. */
  goal?: string;
  /** Whether this run met the goal; null or absent when there is none. */
  met?: boolean | null;
}

/** Milliseconds `fn` takes. */
export async function timeMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs `batch` (which does `opsPerBatch` operations) until `minMs` passed; answers µs per operation. */
export function microsPerOp(batch: () => void, opsPerBatch: number, minMs = 1_000): number {
  batch(); // warm-up: JIT, caches
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < minMs) {
    batch();
    ops += opsPerBatch;
    elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (elapsedMs * 1000) / ops;
}

// `npm run bench` runs plain `node`; turn GC exposure on from inside (v8 flag + fresh context).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Heap used after full collections, in bytes. */
export function settledHeapUsed(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const b = Math.abs(bytes);
  if (b >= 1024 * 1024) return `${sign}${(b / 1024 / 1024).toFixed(2)} MiB`;
  return `${sign}${(b / 1024).toFixed(1)} KiB`;
}
