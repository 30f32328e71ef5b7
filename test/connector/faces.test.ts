/**
 * The library face end to end: signed host callbacks from a real shipment, tracking
 * webhooks feeding the tracking view and a callback, the merged label with and without
 * packing slips, the failure report. Real SQLite file, loopback sandbox, fake clock.
 */
import { describe, it, expect, beforeEach, afterEach } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { startHostServer, type HostServer } from '../callbacks/host-server.js';
import { verifyCallbackSignature } from '../../src/callbacks/index.js';

const SECRET = 'whsec_host_callback_secret_1';
const WEBHOOK_KEY = 'clickpost-webhook-key-42';

describe('connector faces', () => {
  let h: Harness;
  let host: HostServer;
  beforeEach(async () => {
    host = await startHostServer();
    h = await createHarness('sqlite', { hostCallbackUrl: host.url, hostCallbackSecret: SECRET, webhookKey: WEBHOOK_KEY });
  });
  afterEach(async () => {
    await h.close();
    await host.close();
  });

  it('BOOKED is POSTed to the host, signed with HMAC-SHA256 over the exact body', async () => {
    await h.connector.schedule(exampleShipment('CB-1', ['SBX_ERR_319', 'Bluedart Surface'], 2));
    await h.drain();
    const booked = host.received.filter((r) => r.headers['x-connector-event'] === 'shipment.booked');
    expect(booked).toHaveLength(1);
    const r = booked[0]!;
    const nowSec = Math.floor(h.clock.now() / 1000);
    expect(verifyCallbackSignature(SECRET, String(r.headers['x-connector-signature']), r.body, nowSec)).toBe(true);
    expect(verifyCallbackSignature('another-secret-entirely', String(r.headers['x-connector-signature']), r.body, nowSec)).toBe(false);
    const body = JSON.parse(r.body);
    expect(body.data).toMatchObject({ shipment_code: 'CB-1', status: 'BOOKED', provider: { priority: 2 } });
    expect(body.data.boxes).toHaveLength(2);
  });

  it('a host that is down does not block the shipment; the callback is retried later', async () => {
    host.script(500, 500);
    await h.connector.schedule(exampleShipment('CB-2'));
    await h.drain();
    expect((await h.connector.get('CB-2')).status).toBe('BOOKED');
    expect(host.received).toHaveLength(1);
    await h.advance(60_000);
    await h.advance(60_000);
    expect(host.received.length).toBeGreaterThanOrEqual(3);
    expect(host.received.map((r) => r.headers['x-connector-delivery'])).toEqual(host.received.map(() => 'cb:CB-2:shipment.booked'));
  });

  it('FAILED carries the reasons per attempt', async () => {
    await h.connector.schedule(exampleShipment('CB-3', ['SBX_ERR_319']));
    await h.drain();
    const failed = host.received.find((r) => r.headers['x-connector-event'] === 'shipment.failed');
    expect(JSON.parse(failed!.body).data.error.attempts).toEqual([expect.objectContaining({ priority: 1, meta_status: 319 })]);
  });

  it('a tracking scan saying cancelled confirms a cancel ClickPost accepted for later (202)', async () => {
    await h.connector.schedule(exampleShipment('C202-T', ['SBX_CANCEL_202_ALWAYS']));
    await h.drain();
    await h.connector.cancel('C202-T');
    await h.drain();
    const { parent_awb, cancel } = await h.connector.get('C202-T');
    expect(cancel).toMatchObject({ state: 'ACCEPTED' });
    await h.connector.handleWebhook({ webhook_key: WEBHOOK_KEY }, {
      waybill: parent_awb, clickpost_status_code: 10, clickpost_status_description: 'CancelledOrder', cp_id: 4,
      status: 'Cancelled', location: 'Pune', timestamp: new Date(h.clock.now()).toISOString(), additional: { order_status_id: 9001 },
    });
    expect((await h.connector.get('C202-T')).cancel).toMatchObject({ state: 'DONE' });
  });

  it('tracking webhook: key checked, stored once, latest by event time, and a tracking callback', async () => {
    await h.connector.schedule(exampleShipment('TR-1'));
    await h.drain();
    const { parent_awb } = await h.connector.get('TR-1');
    const event = (code: number, description: string, timestamp: string, id: number) => ({
      waybill: parent_awb, clickpost_status_code: code, clickpost_status_description: description, cp_id: 4,
      status: description, location: 'Pune', timestamp, remark: description, additional: { order_status_id: id },
    });
    await expect(h.connector.handleWebhook({}, event(5, 'InTransit', '2026-11-23T06:00:00Z', 1))).rejects.toMatchObject({ httpStatus: 401 });
    const headers = { webhook_key: WEBHOOK_KEY };
    await h.connector.handleWebhook(headers, event(6, 'OutForDelivery', '2026-11-23T07:00:00Z', 2));
    await h.connector.handleWebhook(headers, event(5, 'InTransit', '2026-11-23T06:00:00Z', 1)); // older, arrives later
    expect(await h.connector.handleWebhook(headers, event(5, 'InTransit', '2026-11-23T06:00:00Z', 1))).toMatchObject({ duplicate: true });
    const view = await h.connector.tracking('TR-1');
    expect(view.events.map((e) => e.status_code)).toEqual([5, 6]); // oldest first, by their own time
    expect(view.latest?.status_code).toBe(6);
    await h.drain();
    const tracked = host.received.filter((r) => r.headers['x-connector-event'] === 'shipment.tracking');
    expect(tracked.map((r) => JSON.parse(r.body).data.event.status_code)).toEqual([6]);
  });

  it('label: one page per box, and a packing slip per box when Packslip Required', async () => {
    await h.connector.schedule(exampleShipment('LB-1', ['Delhivery B2B'], 3));
    await expect(h.connector.label('LB-1')).rejects.toMatchObject({ code: 'not_booked', httpStatus: 409 });
    await h.drain();
    const plain = await PDFDocument.load(await h.connector.label('LB-1'));
    expect(plain.getPageCount()).toBe(3);
    await h.connector.updateSettings({ packslip_required: true });
    const withSlips = await PDFDocument.load(await h.connector.label('LB-1'));
    expect(withSlips.getPageCount()).toBe(6);
  });

  it('the failure report lists failed calls of the day with URL (no key) and retries, and writes a file', async () => {
    await h.connector.schedule(exampleShipment('FR-1', ['SBX_HTTP500_2']));
    await h.drain();
    const day = new Date(h.clock.now() + 5.5 * 3600_000).toISOString().slice(0, 10);
    const report = await h.connector.failureReport(day);
    const lines = report.failures.filter((f) => f.reference_number === 'FR-1');
    expect(lines.map((f) => [f.retry_number, f.http_status])).toEqual([[0, 500], [1, 500]]);
    expect(JSON.stringify(report)).not.toContain('sk_test_HARNESS_k3y');
    expect(lines[0]!.url).toContain('key=');
  });
});
