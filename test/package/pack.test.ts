/**
 * The package as a host gets it: `npm pack` of the working tree (dist built by pretest),
 * installed into a throwaway TypeScript app in a temp dir by npm from the registry, the
 * app compiled with `strict`, then run: schedule -> BOOKED -> label -> cancel against the
 * built-in sandbox. The app sits outside the repository, so only what the tarball and
 * its declared dependencies bring can be imported.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

let work: string;
let tarball: string;
let files: string[];

const HOST_APP = `
import { createConnector, optionsFromEnv, ValidationError, SHIPMENT_STATUSES,
  type ShipmentInput, type ShipmentView, type ShipmentStatus, type AttemptOutcome, type Logger, type HostCallback } from 'clickpost-b2b-connector';

const lines: string[] = [];
const logger: Logger = {
  error: (m) => lines.push('error ' + m), warn: (m) => lines.push('warn ' + m),
  info: (m) => lines.push('info ' + m), debug: () => undefined,
};
const input: ShipmentInput = {
  shipment_code: 'HOST-1',
  providers: [{ courier_partner_id: 4, account_code: 'Delhivery B2B' }],
  order_type: 'PREPAID', cod_value: 0, delivery_type: 'FORWARD',
  invoice: { number: 'INV-1', value: 1000, date: '2026-11-20' },
  pickup: { name: 'WH', address: 'Gala 4', city: 'Bhiwandi', state: 'Maharashtra', pincode: '421302', country: 'IN', phone: '9800000001', email: 'wh@example.com', gstin: '27AAACB1234C1Z5' },
  drop: { name: 'DC', address: 'Plot 9', city: 'Pune', state: 'Maharashtra', pincode: '410501', country: 'IN', phone: '9800000002' },
  boxes: [{ box_code: 'HOST-1-1', length_cm: 40, breadth_cm: 30, height_cm: 30, weight_g: 1200, items: [{ description: 'bolts', quantity: 2, unit_price: 12.5, unit_weight_g: 50 }] }],
};
const options = optionsFromEnv({ DATA_DIR: process.argv[2], PORT: '0' });
const connector = await createConnector({ ...options, logger, trackingCron: null, reportCron: null });
await connector.start();
try {
  let refused = '';
  try {
    await connector.schedule({ ...input, providers: [] });
  } catch (err) {
    if (err instanceof ValidationError) refused = err.fields.map((f) => f.path).join(',');
  }
  const first = await connector.schedule(input);
  let view: ShipmentView = first.shipment;
  for (let i = 0; i < 200 && view.status !== 'BOOKED'; i++) {
    await new Promise((r) => setTimeout(r, 50));
    view = await connector.get('HOST-1');
  }
  const status: ShipmentStatus = view.status;
  const outcome: AttemptOutcome | undefined = view.attempts[0]?.outcome;
  const pdf = await connector.label('HOST-1');
  const cancelled = await connector.cancel('HOST-1');
  const callback: HostCallback | null = null;
  console.log(JSON.stringify({
    created: first.created, refused, status, outcome, parent_awb: view.parent_awb,
    pdf: Buffer.from(pdf.subarray(0, 5)).toString('latin1'), cancelled: cancelled.status,
    statuses: SHIPMENT_STATUSES.length, callback, logged: lines.length > 0,
  }));
} finally {
  await connector.stop();
}
`;

// Compiles only if schedule() is typed: an untyped schedule(body: unknown) leaves the
// expectation unused, which tsc reports as an error.
const TYPE_CHECKS = `
import type { Connector, ShipmentStatus } from 'clickpost-b2b-connector';
export async function wrong(connector: Connector): Promise<void> {
  // @ts-expect-error a shipment without its fields is not a ShipmentInput
  await connector.schedule({ shipment_code: 'X' });
  // @ts-expect-error statuses are a union, not any string
  const s: ShipmentStatus = 'SHIPPED';
  void s;
}
`;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-test-'));
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work, ...NPM_QUIET], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info[0]!.filename);
  files = info[0]!.files.map((f) => f.path);
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('carries the built code, migrations, connector.json, README, LICENSE and the example; no tests, benches or sources', () => {
    for (const f of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js', 'dist/migrations/index.js', 'dist/machines/shipment.machine.js', 'connector.json', 'README.md', 'LICENSE', 'examples/shipment.json', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^(test|bench|scripts|src|dist\/test|dist\/bench|dist\/scripts)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs into a fresh strict TypeScript host, compiles, and books, labels and cancels through the sandbox', async () => {
    const host = path.join(work, 'host');
    fs.mkdirSync(path.join(host, 'src'), { recursive: true });
    fs.writeFileSync(path.join(host, 'package.json'), JSON.stringify({ name: 'host-app', private: true, type: 'module' }));
    // Real dependency resolution from the tarball's package.json (registry, npm cache first).
    // Install scripts are skipped: better-sqlite3's native build comes from this repository's
    // node_modules instead (built for the Node running the tests) rather than compiling again.
    await run('npm', ['install', tarball, '--prefer-offline', '--ignore-scripts', ...NPM_QUIET], { cwd: host, maxBuffer: 16 * 1024 * 1024 });
    const hostSqlite = path.join(host, 'node_modules/better-sqlite3');
    fs.rmSync(hostSqlite, { recursive: true, force: true });
    fs.cpSync(path.join(ROOT, 'node_modules/better-sqlite3'), hostSqlite, { recursive: true });

    fs.writeFileSync(path.join(host, 'src/app.ts'), HOST_APP);
    fs.writeFileSync(path.join(host, 'src/type-checks.ts'), TYPE_CHECKS);
    fs.writeFileSync(
      path.join(host, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'dist', rootDir: 'src',
          types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')], skipLibCheck: false,
        },
        include: ['src'],
      }),
    );
    const compiled = await run(process.execPath, [TSC, '-p', host], { cwd: host }).catch((err: { stdout: string }) => ({ stdout: err.stdout, failed: true }));
    expect(compiled.stdout).toBe('');

    const data = path.join(host, 'data');
    const { stdout } = await run(process.execPath, [path.join(host, 'dist/app.js'), data], { cwd: host, env: { PATH: process.env.PATH ?? '' } });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      created: true,
      refused: 'providers',
      status: 'BOOKED',
      outcome: 'BOOKED',
      parent_awb: expect.any(String),
      pdf: '%PDF-',
      cancelled: 'CANCELLED',
      statuses: expect.any(Number),
      callback: null,
      logged: true,
    });
    // DATA_DIR holds the data: the database and the master key.
    expect(fs.existsSync(path.join(data, 'connector.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(data, 'master.key'))).toBe(true);
  }, 240_000);
});
