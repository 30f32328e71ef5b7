/**
 * The host's tracking callback carries the NDR reason of a failed delivery (issue 8, item
 * 10): a real connector, the loopback sandbox, a host server, a webhook authenticated the
 * way ClickPost's "basic token auth" sends it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import { startHostServer, type HostServer } from './host-server.js';

const WEBHOOK_KEY = 'clickpost-webhook-key-ndr-9';

describe('tracking callback with NDR', () => {
  let h: Harness;
  let host: HostServer;
  beforeEach(async () => {
    host = await startHostServer();
    h = await createHarness('sqlite', { hostCallbackUrl: host.url, hostCallbackSecret: 'whsec_ndr_secret_1', webhookKey: WEBHOOK_KEY });
  });
  afterEach(async () => {
    await h.close();
    await host.close();
  });

  it('a failed-delivery webhook reaches the host with ndr { code, description }; a later delivery with ndr null', async () => {
    await h.connector.schedule(exampleShipment('NDR-CB-1'));
    await h.drain();
    const { parent_awb } = await h.connector.get('NDR-CB-1');
    const basic = `Basic ${Buffer.from(`clickpost:${WEBHOOK_KEY}`).toString('base64')}`;
    const failed = {
      waybill: parent_awb, clickpost_status_code: 9, clickpost_status_description: 'FailedDelivery', status: 'Pending', location: 'Pune',
      remark: 'Customer not at home', timestamp: '2026-11-23T06:00:00Z', cp_id: 4,
      additional: { ndr_status_code: 5, ndr_status_description: 'customer unreachable', notification_event_id: 4 },
    };
    await h.connector.handleWebhook({ authorization: basic }, failed);
    await h.connector.handleWebhook({ authorization: basic }, { ...failed, clickpost_status_code: 8, clickpost_status_description: 'Delivered', timestamp: '2026-11-23T09:00:00Z', additional: { notification_event_id: 5 } });
    await h.drain();
    const tracked = host.received.filter((r) => r.headers['x-connector-event'] === 'shipment.tracking').map((r) => JSON.parse(r.body).data.event);
    expect(tracked.map((e) => [e.status_code, e.ndr])).toEqual([[9, { code: 5, description: 'Customer Unreachable' }], [8, null]]);
  });
});
