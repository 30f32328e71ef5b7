import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { buildFailureReport } from '../../src/reports/failure-report.js';
import { indiaDayWindow, previousIndiaDate } from '../../src/reports/india-day.js';
import { CSV_COLUMNS } from '../../src/reports/report-csv.js';
import { writeFailureReport } from '../../src/reports/write-report.js';
import { ManualClock } from '../../src/clock.js';
import { ValidationError } from '../../src/errors.js';
import { forgetSecrets, registerSecret } from '../../src/transport/redact.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { DAY1, DAY2, at, seedTwoDays } from './seed-calls.js';

/** A small RFC 4180 reader, so the test checks what a spreadsheet would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('daily failure report', () => {
  let t: TestDb;
  const clock = new ManualClock(at('2026-11-23T02:00:00Z'));
  beforeEach(async () => {
    t = await openTestDb('sqlite');
    await seedTwoDays(t.db);
  });
  afterEach(async () => {
    forgetSecrets();
    await t.close();
  });

  it('the India day runs from 00:00 IST to the next 00:00 IST', () => {
    expect(indiaDayWindow(DAY1)).toEqual({ from_ms: at('2026-11-21T18:30:00Z'), to_ms: at('2026-11-22T18:30:00Z') });
    expect(previousIndiaDate(at('2026-11-22T18:45:00Z'))).toBe(DAY1); // 00:15 IST on the 23rd
    expect(previousIndiaDate(at('2026-11-22T18:29:59Z'))).toBe('2026-11-21'); // 23:59:59 IST on the 22nd
  });

  it('lists every failed try of the day, oldest first, with retry numbers and shipment codes', async () => {
    const report = await buildFailureReport(t.db, DAY1, clock);
    expect(report.date).toBe(DAY1);
    expect(report.window).toEqual({ from: '2026-11-22T00:00:00+05:30', to: '2026-11-23T00:00:00+05:30' });
    expect(report.generated_at).toBe('2026-11-23T07:30:00+05:30');
    expect(report.failures.map((f) => [f.reference_number, f.retry_number, f.http_status, f.shipment_code])).toEqual([
      ['SHP-A', 0, 503, 'SHP-A'],
      ['SHP-A', 1, null, 'SHP-A'],
      ['SHP-A', 2, 503, 'SHP-A'],
      ['SHP-A', 3, 200, 'SHP-A'],
      ['SHP-A-P2', 0, 502, 'SHP-A'],
      [null, 0, 404, null],
    ]);
    expect(report.failures[1]).toMatchObject({ time: '2026-11-22T10:00:01+05:30', error_kind: 'ERR_CLICKPOST_TIMEOUT', endpoint: 'create-order', method: 'POST' });
    expect(report.failures[3].response_body).toEqual({ meta: { status: 319, message: 'Pincode not serviceable', success: false } });
    expect(report.failures[3].meta_status).toBe(319);
    expect(report.failures[0].request_body).toEqual({ pickup_info: { pickup_name: 'WH' } });
    expect(report.failures[0].response_body).toBe('Service Unavailable');
    expect(report.totals).toEqual({ calls: 7, failed_calls: 6, failed_references: 2, shipments_created: 1, shipments_booked: 1 });
  });

  it('the day boundary: 23:59 IST belongs to the day, 00:01 IST to the next', async () => {
    const day1 = await buildFailureReport(t.db, DAY1, clock);
    const day2 = await buildFailureReport(t.db, DAY2, clock);
    expect(day1.failures.at(-1)?.time).toBe('2026-11-22T23:59:00+05:30');
    expect(day2.failures.map((f) => [f.time, f.reference_number, f.shipment_code])).toEqual([['2026-11-23T00:01:00+05:30', 'SHP-B', 'SHP-B']]);
    expect(day2.totals).toEqual({ calls: 2, failed_calls: 1, failed_references: 1, shipments_created: 1, shipments_booked: 1 });
    const empty = await buildFailureReport(t.db, '2026-11-24', clock);
    expect(empty.failures).toEqual([]);
    expect(empty.totals).toEqual({ calls: 0, failed_calls: 0, failed_references: 0, shipments_created: 0, shipments_booked: 0 });
  });

  it('a key left in a stored URL, body or message is masked in the report', async () => {
    registerSecret('0f9e8d7c-LEAKED');
    const report = await buildFailureReport(t.db, DAY1, clock);
    const p2 = report.failures.find((f) => f.reference_number === 'SHP-A-P2')!;
    expect(p2.url).toBe('https://www.clickpost.in/api/v3/create-order/?username=acme&key=[REDACTED]');
    expect(p2.request_body).toEqual({ key: '[REDACTED]', note: 'a, "quoted" value' });
    expect(p2.error_message).toContain('key=[REDACTED]');
    expect(JSON.stringify(report)).not.toContain('LEAKED');
  });

  it('refuses a date that is not a calendar day with invalid_query on `date`', async () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '', 'yesterday', '2026-11-22T00:00:00']) {
      const err = await buildFailureReport(t.db, bad, clock).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).code).toBe('invalid_query');
      expect((err as ValidationError).fields).toEqual([{ path: 'date', message: expect.any(String) }]);
    }
  });

  describe('files', () => {
    let dataDir: string;
    beforeEach(() => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    });
    afterEach(() => {
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('writes JSON and CSV under <dataDir>/reports/, the CSV with a header and one quoted-correctly line per failure', async () => {
      const report = await buildFailureReport(t.db, DAY1, clock);
      const files = await writeFailureReport(dataDir, report);
      expect(files).toEqual({ json: path.join(dataDir, 'reports', `failures-${DAY1}.json`), csv: path.join(dataDir, 'reports', `failures-${DAY1}.csv`) });
      expect(JSON.parse(fs.readFileSync(files.json, 'utf8'))).toEqual(report);
      expect(fs.readdirSync(path.join(dataDir, 'reports')).sort()).toEqual([`failures-${DAY1}.csv`, `failures-${DAY1}.json`]);

      const rows = parseCsv(fs.readFileSync(files.csv, 'utf8'));
      expect(rows[0]).toEqual([...CSV_COLUMNS]);
      expect(rows).toHaveLength(1 + report.failures.length);
      for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
      const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
      const p2 = rows.find((r) => r[col('reference_number')] === 'SHP-A-P2')!;
      expect(p2[col('response_body')]).toBe('<html>\n<b>Bad "gateway"</b>, try later\n</html>');
      expect(JSON.parse(p2[col('request_body')])).toEqual({ key: '[REDACTED]', note: 'a, "quoted" value' });
      expect(p2[col('retry_number')]).toBe('0');
      const label = rows.at(-1)!;
      expect([label[col('shipment_code')], label[col('reference_number')], label[col('endpoint')], label[col('request_body')]]).toEqual(['', '', 'fetch-label', '']);
    });

    it('an empty day still writes a CSV with just the header', async () => {
      const files = await writeFailureReport(dataDir, await buildFailureReport(t.db, '2026-11-24', clock));
      expect(parseCsv(fs.readFileSync(files.csv, 'utf8'))).toEqual([[...CSV_COLUMNS]]);
    });
  });
});
