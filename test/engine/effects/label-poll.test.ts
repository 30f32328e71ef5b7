/**
 * A label poll is sent at most once: an effect row claimed again (its worker died while the
 * answer was on its way) is not re-sent, so ClickPost never sees more polls than the budget.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { runLabelPoll } from '../../../src/engine/effects/label-poll.js';
import { createClickPostApi } from '../../../src/clickpost/api.js';
import { createClickPostClient } from '../../../src/transport/client.js';
import { startSandbox, type Sandbox } from '../../../src/sandbox/server.js';
import { exampleShipment } from '../../helpers/shipments.js';
import type { OutboxRow } from '../../../src/engine/effects/index.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function pollEffect(attempts: number): OutboxRow<'requestLabelPoll'> {
  return {
    id: 1, shipment_id: 1, kind: 'label_poll', idempotency_key: 'label_poll:ONCE-1:3', status: 'PENDING', attempts,
    payload: { reference: 'ONCE-1', priority: 1, poll: 3, create_requested_at: 1_764_000_000_000, requested_at: 1_764_000_360_000 },
    run_at: 0, locked_by: 'w', locked_until: 1, last_error: null, created_at: 0, done_at: null,
  };
}

describe('label poll effect', () => {
  const api = () => createClickPostApi(createClickPostClient({ baseUrl: sandbox.url, username: 'u', key: 'k', retry: { limit: 0 } }));
  const shipment = { id: 1, shipment_code: 'ONCE-1', body: exampleShipment('ONCE-1', ['SBX_ASYNC_9']), settings: { pickup_after_minutes: 0, appointment_after_days: 0 } };

  it('the first run re-sends the create-order request; a row claimed again spends the poll without sending', async () => {
    const first = await runLabelPoll({ api: api(), effect: pollEffect(1), shipment });
    expect(first).toMatchObject({ type: 'POLL_RESULT', reference: 'ONCE-1', poll: 3 });
    const sent = sandbox.ledger.callsFor('ONCE-1');
    const before = sent.createCalls + sent.pollHits;
    expect(before).toBe(1);
    const again = await runLabelPoll({ api: api(), effect: pollEffect(2), shipment });
    expect(again).toMatchObject({ type: 'POLL_RESULT', poll: 3, outcome: { kind: 'transient', error_code: 'ERR_POLL_ANSWER_LOST' } });
    const after = sandbox.ledger.callsFor('ONCE-1');
    expect(after.createCalls + after.pollHits).toBe(before);
  });
});
