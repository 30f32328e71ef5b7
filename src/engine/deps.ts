/** What the engine needs from the outside world, injected once. */
import type { ClickPostApi } from '../clickpost/api.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import type { MachineConfig } from '../../machines/shipment-rules.js';

/** A status change of one step (metrics, host callbacks, listeners). */
export interface StatusChange {
  shipment_id: number;
  shipment_code: string;
  from: string;
  to: string;
  /** The round of providers (1 = the first); RETRY_WAIT and FAILED can be reached once per round. */
  round: number;
}

export interface EngineDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The ClickPost API with the settings in force now (they may change at run time). */
  clickpost: () => Promise<ClickPostApi>;
  /** Machine settings for newly scheduled shipments. */
  machineConfig: MachineConfig;
  /**
   * Called inside the step's transaction when the status changes, so that work it
   * queues (host callbacks) commits with the step or not at all.
   */
  onStatusChange?: (trx: import('../store/db.js').Tx, change: StatusChange, now: number) => Promise<void>;
  /** Told once any step of a shipment committed (a waiting cancel() reads the shipment again). */
  onStepCommitted?: (shipmentId: number) => void;
}
