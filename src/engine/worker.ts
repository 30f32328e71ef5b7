/**
 * The worker: claims due timers and effects with a lease, does the I/O, and feeds the
 * answer back as an event in the same transaction that completes the claimed row (fenced
 * by worker id: a worker whose lease ran out changes nothing). A crashed worker's rows
 * come back when their lease expires, or at once on restart (releaseLeasesOfDeadWorkers).
 */
import os from 'node:os';
import crypto from 'node:crypto';
import { writeTransaction } from '../store/db.js';
import { claimDueTimers, completeTimer, nextTimerDueAt } from '../store/timers-repo.js';
import { claimDueEffects, completeEffect, failEffect, nextEffectRunAt } from '../store/effects-repo.js';
import { findShipmentById } from '../store/shipments-repo.js';
import { releaseLeasesOfDeadWorkers } from '../store/sql/release-leases-of-dead-workers.js';
import type { EffectRow, TimerRow } from '../store/rows.js';
import { redact } from '../transport/redact.js';
import type { ShipmentInput } from '../domain/shipment-input.js';
import { DEFAULT_MAPPING_SETTINGS, type MappingSettings } from '../domain/settings.js';
import type { ShipmentEvent } from '../../machines/shipment-events.js';
import { stepInTransaction } from './step.js';
import { StaleVersionError } from './errors.js';
import { SHIPMENT_EFFECTS } from './effects/index.js';
import type { EngineDeps } from './deps.js';

/** An effect that is not about one shipment's machine (host callbacks): do it, no event. */
export type SideEffectExecutor = (effect: EffectRow) => Promise<void>;

export interface WorkerOptions {
  /** Node name in worker ids; defaults to the host name. */
  nodeId?: string;
  leaseMs?: number;
  /** Effects run at once per round (HTTP waits, so more than the cores). */
  concurrency?: number;
  /** Idle wait between rounds when nothing was due. */
  idleMs?: number;
  /** After this many failed runs an effect is parked as DEAD. */
  maxEffectRuns?: number;
  sideEffects?: Record<string, SideEffectExecutor>;
  /** After a due timer was stepped: how late it fired (metrics: poll lag). */
  onTimerFired?: (timer: TimerRow, lagMs: number) => void;
}

export interface Worker {
  readonly id: string;
  /** One round: due timers, then due effects. Returns how many rows it processed. */
  tick(): Promise<number>;
  /** Rounds until nothing is due at the clock's now (tests with a fake clock). */
  drain(maxRounds?: number): Promise<number>;
  /** Releases leases of dead processes of this node, then loops until stop(). */
  start(): Promise<void>;
  /** Graceful: claims nothing new, lets in-flight effects finish and commit. */
  stop(): Promise<void>;
  /** Wake the loop (new work was queued). */
  notify(): void;
}

const STEP_RETRIES = 5;

export function effectRetryDelay(runs: number): number {
  return Math.min(300_000, 1_000 * 2 ** Math.max(0, runs - 1));
}

export function createWorker(deps: EngineDeps, options: WorkerOptions = {}): Worker {
  const nodeId = options.nodeId ?? os.hostname();
  const id = `${nodeId}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? 300_000;
  const concurrency = options.concurrency ?? 16;
  const idleMs = options.idleMs ?? 250;
  const maxRuns = options.maxEffectRuns ?? 20;
  const sideEffects = options.sideEffects ?? {};
  const { db, clock, logger } = deps;

  /** Step with retries on a version race (PostgreSQL, several workers). */
  async function feed(shipmentId: number, event: ShipmentEvent, complete: (trx: import('../store/db.js').Tx, now: number) => Promise<boolean>): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        await writeTransaction(db, async (trx) => {
          const now = clock.now();
          if (!(await complete(trx, now))) return; // lease lost: the new owner will do it
          await stepInTransaction(deps, trx, shipmentId, event, now);
        });
        return;
      } catch (err) {
        if (!(err instanceof StaleVersionError) || i >= STEP_RETRIES) throw err;
      }
    }
  }

  async function runTimer(timer: TimerRow): Promise<void> {
    options.onTimerFired?.(timer, Math.max(0, clock.now() - timer.due_at));
    await feed(timer.shipment_id, timer.event as ShipmentEvent, (trx) => completeTimer(trx, { id: timer.id, worker_id: id }));
  }

  async function executeEffect(effect: EffectRow): Promise<void> {
    const side = sideEffects[effect.kind];
    if (side) {
      await side(effect);
      await writeTransaction(db, (trx) => completeEffect(trx, { id: effect.id, worker_id: id, now: clock.now() }));
      return;
    }
    const executor = SHIPMENT_EFFECTS[effect.kind];
    if (!executor || effect.shipment_id === null) throw new Error(`No executor for effect kind ${effect.kind}`);
    const row = await findShipmentById(db, effect.shipment_id);
    if (!row) {
      await writeTransaction(db, (trx) => completeEffect(trx, { id: effect.id, worker_id: id, now: clock.now() }));
      return;
    }
    const api = await deps.clickpost();
    const shipment = {
      id: row.id,
      shipment_code: row.shipment_code,
      body: row.body as ShipmentInput,
      settings: (row.settings as MappingSettings | null) ?? DEFAULT_MAPPING_SETTINGS,
    };
    const event = await executor({ api, effect, shipment });
    const complete = (trx: import('../store/db.js').Tx, now: number) => completeEffect(trx, { id: effect.id, worker_id: id, now });
    if (event) await feed(row.id, event, complete);
    else await writeTransaction(db, (trx) => complete(trx, clock.now()));
  }

  async function runEffect(effect: EffectRow): Promise<void> {
    try {
      await executeEffect(effect);
    } catch (err) {
      const message = redact(err instanceof Error ? err.message : String(err));
      const dead = effect.attempts >= maxRuns;
      logger.error('effect failed', { effect_id: effect.id, kind: effect.kind, runs: effect.attempts, dead, error: message });
      const now = clock.now();
      await failEffect(db, { id: effect.id, worker_id: id, error: message, run_at: now + effectRetryDelay(effect.attempts), dead, now }).catch(() => false);
    }
  }

  async function tick(): Promise<number> {
    let done = 0;
    const timers = await claimDueTimers(db, { worker_id: id, now: clock.now(), lease_ms: leaseMs, limit: 100 });
    for (const t of timers) {
      try {
        await runTimer(t);
        done++;
      } catch (err) {
        logger.error('timer failed', { timer_id: t.id, key: t.timer_key, error: redact(String((err as Error)?.message ?? err)) });
      }
    }
    if (stopping) return done;
    const effects = await claimDueEffects(db, { worker_id: id, now: clock.now(), lease_ms: leaseMs, limit: concurrency });
    await Promise.all(effects.map((e) => runEffect(e)));
    return done + effects.length;
  }

  async function drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await tick();
      total += n;
      if (n === 0) return total;
    }
    return total;
  }

  let running = false;
  let stopping = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;

  async function sleepUntilWork(): Promise<void> {
    const next = Math.min((await nextTimerDueAt(db)) ?? Infinity, (await nextEffectRunAt(db)) ?? Infinity);
    const wait = Math.max(5, Math.min(idleMs, next - clock.now()));
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, wait);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    wake = null;
  }

  async function runLoop(): Promise<void> {
    while (running) {
      let n = 0;
      try {
        n = await tick();
      } catch (err) {
        logger.error('worker round failed', { error: redact(String((err as Error)?.message ?? err)) });
      }
      if (running && n === 0) await sleepUntilWork().catch(() => new Promise((r) => setTimeout(r, idleMs)));
    }
  }

  return {
    id,
    tick,
    drain,
    notify: () => wake?.(),
    async start() {
      if (running) return;
      const released = await releaseLeasesOfDeadWorkers(db, { node_id: nodeId, self_pid: process.pid });
      if (released > 0) logger.info('released leases of dead workers', { released });
      running = true;
      stopping = false;
      loop = runLoop();
    },
    async stop() {
      stopping = true;
      running = false;
      wake?.();
      await loop; // in-flight effects finish and commit; nothing new is claimed
      loop = null;
      stopping = false;
    },
  };
}

