/**
 * Status-change listeners hear of a change once its step committed, each on its own: one
 * that throws is logged and the others, the worker and the process go on (issue 11).
 */
import { describe, it, expect, afterEach } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('onStatusChange listeners', () => {
  it('run after the commit (they read the new status), a throwing one is logged and the others still run', async () => {
    const warnings: Array<{ message: string; meta: Record<string, unknown> }> = [];
    const logger = {
      error: () => undefined,
      info: () => undefined,
      debug: () => undefined,
      warn: (message: string, meta: Record<string, unknown> = {}) => warnings.push({ message, meta }),
    };
    h = await createHarness('sqlite', { logger: logger as never });
    const seen: string[] = [];
    const read: Array<Promise<string>> = [];
    h.connector.onStatusChange(() => {
      throw new Error('a host bug');
    });
    h.connector.onStatusChange((c) => {
      seen.push(`${c.shipment_code}:${c.to}`);
      if (c.to === 'BOOKED') read.push(h.connector.get(c.shipment_code).then((v) => v.status));
    });
    await h.connector.schedule(exampleShipment('LSN-1'));
    await h.drain();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['LSN-1:CREATING', 'LSN-1:BOOKED']);
    expect(await Promise.all(read)).toEqual(['BOOKED']);
    expect(warnings.filter((w) => w.message === 'status listener failed').map((w) => w.meta.to)).toEqual(['CREATING', 'BOOKED']);
    expect((await h.connector.get('LSN-1')).status).toBe('BOOKED');
  });
});
