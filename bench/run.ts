/**
 * `npm run bench`: each benchmark's measured value and its ratio against a bare baseline
 * run in the same process. Prints a table; asserts nothing about time (not a test).
 * Databases go to a temporary folder, removed at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatMs, renderTable } from '../src/cli/format.js';
import { benchStepThroughput } from './step-throughput.js';
import { benchMachine } from './machine-transition.js';
import { benchMemory } from './memory.js';
import type { BenchRow } from './measure.js';

const STEP_SHIPMENTS = 200;
const IN_FLIGHT = 1000;

async function main(): Promise<void> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clickpost-bench-'));
  const rows: BenchRow[] = [];
  const step = async (label: string, run: () => Promise<BenchRow[]> | BenchRow[]) => {
    process.stdout.write(`running: ${label}...\n`);
    rows.push(...(await run()));
  };
  try {
    await step('step throughput', async () => [await benchStepThroughput(dir, STEP_SHIPMENTS)]);
    await step('pure machine', () => benchMachine());
    await step('memory', () => benchMemory(dir, IN_FLIGHT));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\n${renderTable(
      ['benchmark', 'measured', 'bare baseline', 'cost ratio'],
      rows.map((r) => [r.name, r.value, r.baseline, `${r.ratio.toFixed(2)}x`]),
    )}\n`,
  );
  process.stdout.write(`cost ratio = measured cost / baseline cost (time per shipment or event; heap bytes). Node ${process.version}, ${os.cpus().length} CPU(s). Total ${formatMs(Date.now() - started)}.\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
