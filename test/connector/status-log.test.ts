/**
 * Status changes in the log: one line per change once the step commits, and a shipment
 * that ends FAILED is a warning that carries each attempt's reason.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHarness, type Harness } from '../helpers/harness.js';
import { exampleShipment } from '../helpers/shipments.js';
import type { Logger } from '../../src/logger.js';

interface Line {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

function capture(): { logger: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: object) => lines.push({ level, message, fields: { ...(fields as Record<string, unknown>) } });
  return { logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }, lines };
}

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('status change log lines', () => {
  it('logs FAILED at warn with the reason of every attempt', async () => {
    const { logger, lines } = capture();
    h = await createHarness('sqlite', { logger });
    await h.connector.schedule(exampleShipment('LOG-FAIL-1', ['SBX_ERR_319', 'SBX_ERR_319']));
    await h.drain();
    expect((await h.connector.get('LOG-FAIL-1')).status).toBe('FAILED');
    const failed = lines.filter((l) => l.message === 'shipment failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.level).toBe('warn');
    expect(failed[0]!.fields).toMatchObject({ shipment_code: 'LOG-FAIL-1', to: 'FAILED' });
    const attempts = failed[0]!.fields.attempts as { priority: number; message: string | null }[];
    expect(attempts.map((a) => a.priority)).toEqual([1, 2]);
    for (const a of attempts) expect(a.message).toEqual(expect.any(String));
  });

  it('logs a booking at info', async () => {
    const { logger, lines } = capture();
    h = await createHarness('sqlite', { logger });
    await h.connector.schedule(exampleShipment('LOG-OK-1'));
    await h.drain();
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'shipment status', fields: expect.objectContaining({ shipment_code: 'LOG-OK-1', to: 'BOOKED' }) }));
    expect(lines.filter((l) => l.level === 'warn' && l.message === 'shipment failed')).toEqual([]);
  });
});
