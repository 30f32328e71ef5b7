import { afterEach, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, runCli, startCli, tempDir, type RunningCli } from './run-cli.js';

const EXAMPLE = {
  shipment_code: 'CLI-1001',
  providers: [{ courier_partner_id: 4, account_code: 'Delhivery B2B' }],
  order_type: 'PREPAID',
  cod_value: 0,
  delivery_type: 'FORWARD',
  invoice: { number: 'INV-77', value: 125000.5, date: '2026-11-20', ewaybill_number: '331009876543' },
  pickup: { name: 'WH Bhiwandi', address: 'Gala 4, Mumbai Nashik Hwy', city: 'Bhiwandi', state: 'Maharashtra', pincode: '421302', country: 'IN', phone: '9800000001', email: 'wh@example.com', gstin: '27AAACB1234C1Z5' },
  drop: { name: 'Retail DC Pune', address: 'Plot 9, Chakan MIDC', city: 'Pune', state: 'Maharashtra', pincode: '410501', country: 'IN', phone: '9800000002', email: 'dc@example.com' },
  boxes: [{ box_code: 'CLI-1001-1', length_cm: 40, breadth_cm: 30, height_cm: 30, weight_g: 12000, items: [{ sku: 'BOLT-M8', description: 'M8 steel bolts', quantity: 200, unit_price: 12.5, unit_weight_g: 50, hsn_code: '7318' }] }],
};

let running: RunningCli | null = null;
afterEach(() => {
  // A failed assertion must not leave a server behind.
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  running = null;
});

async function bookedWithin(url: string, code: string, rounds: number): Promise<string> {
  let status = '';
  for (let i = 0; i < rounds && status !== 'BOOKED'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = ((await (await fetch(`${url}/v1/shipments/${code}`)).json()) as { status: string }).status;
  }
  return status;
}

describe('clickpost-connector serve', () => {
  it('is the default command: listens, says where, books through the built-in sandbox, and exits 0 on SIGTERM', async () => {
    const dir = tempDir();
    const env = cleanEnv({ PORT: '0', DATA_DIR: path.join(dir, 'data'), DATABASE_URL: `sqlite:${path.join(dir, 'data', 'c.sqlite')}`, LOG_LEVEL: 'info' });
    running = startCli([], env, dir);
    const [, url] = await running.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await running.waitFor(/Stop with Ctrl\+C/);
    // The human banner goes to stderr; stdout is for JSON log lines only.
    const banner = running.stderr();
    expect(banner).toContain(`${url}/docs`);
    expect(banner).toContain(`${url}/docs/json`);
    expect(banner).toContain(`${url}/`);
    expect(banner).toMatch(/ClickPost\s+built-in sandbox at http:\/\/127\.0\.0\.1:\d+/);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: 'ok', workers: 'running', clickpost: { target: 'sandbox' } });

    // The workers run inside serve: the contract's example ends BOOKED.
    const posted = await fetch(`${url}/v1/shipments`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'host-req-77' }, body: JSON.stringify(EXAMPLE) });
    expect(posted.status).toBe(202);
    expect(posted.headers.get('location')).toBe('/v1/shipments/CLI-1001');
    expect(posted.headers.get('x-request-id')).toBe('host-req-77');
    expect(await bookedWithin(url!, 'CLI-1001', 200)).toBe('BOOKED');

    running.child.kill('SIGTERM');
    const result = await running.exited;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopped.');
    // Every stdout line is one JSON event; the caller's request id reached the access line.
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e).toEqual(expect.objectContaining({ level: expect.any(String), message: expect.any(String), timestamp: expect.any(String) }));
    expect(events).toContainEqual(expect.objectContaining({ message: 'http request', method: 'POST', request_id: 'host-req-77', status: 202 }));
    expect(fs.existsSync(path.join(dir, 'data', 'c.sqlite'))).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('exits 2 naming every wrong variable of a bad environment', async () => {
    const dir = tempDir();
    const result = await runCli(['serve'], cleanEnv({ PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: dir, DATABASE_URL: `sqlite:${dir}/c.sqlite` }), dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PORT: must be a whole number/);
    expect(result.stderr).toMatch(/LOG_LEVEL:/);
    expect(result.stdout).not.toMatch(/listening/);
    // Nothing was started: no database was created.
    expect(fs.existsSync(path.join(dir, 'c.sqlite'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('refuses a non-loopback HOST without CONNECTOR_API_TOKEN (exit 2)', async () => {
    const dir = tempDir();
    const result = await runCli([], cleanEnv({ HOST: '0.0.0.0', PORT: '0', DATA_DIR: dir, DATABASE_URL: `sqlite:${dir}/c.sqlite` }), dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('CONNECTOR_API_TOKEN');
    expect(result.stderr).toContain('HOST');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
