/** Effect kind -> executor. One file per effect. */
import type { EffectExecutor } from './types.js';
import { runCreateOrder } from './create-order.js';
import { runLabelPoll } from './label-poll.js';
import { runCancelOrder } from './cancel-order.js';
import { runLateCancel, runLateCheck } from './late-check.js';

export const SHIPMENT_EFFECTS: Readonly<Record<string, EffectExecutor>> = Object.freeze({
  create_order: runCreateOrder,
  label_poll: runLabelPoll,
  cancel_order: runCancelOrder,
  late_check: runLateCheck,
  late_cancel: runLateCancel,
});

export type { EffectExecutor, EffectContext } from './types.js';
