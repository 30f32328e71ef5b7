/**
 * The profiled booking run of docs/performance.md: the step-throughput scenario alone
 * (N synchronous shipments QUEUED -> BOOKED through drain(), loopback sandbox, SQLite),
 * for `node --cpu-prof`. Prints the scenario's row.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchStepThroughput } from './step-throughput.js';

const count = Number(process.argv[2] ?? 400);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clickpost-profile-'));
try {
  process.stdout.write(`${JSON.stringify(await benchStepThroughput(dir, count))}\n`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
