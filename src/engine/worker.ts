/**
 * The worker: claims due timers and effects with a lease, does the I/O, and feeds the
 * answer back as an event in the same transaction that completes the claimed row (fenced
 * by worker id: a worker whose lease ran out changes nothing). A crashed worker's rows
 * come back when their lease expires, or at once on restart (releaseLeasesOfDeadWorkers).
 *
 * Effects run in a continuous pool: up to `concurrency` ClickPost calls in flight, and a
 * freed slot is refilled at once (claims in small batches when several slots are free),
 * so one slow call never holds the others back. Per account, an optional cap of calls in
 * flight, and a pause after a 429 said Retry-After: an effect claimed for a paused or full
 * account is given back (deferEffect) with run_at at the pause's end.
 *
 * Due timers are claimed and stepped in batches: one transaction per batch, falling back
 * to one per timer only when the batch fails (a version race, a bad snapshot). A timer
 * whose step keeps failing is parked after `maxTimerRuns` tries, as an effect goes DEAD
 * after `maxEffectRuns`; the shipment then says why it is stuck.
 *
 * Leases are short (30 s) and a heartbeat extends every effect in flight, so a dead
 * worker's effects come back soon while a slow ClickPost call (timeout and retries) keeps
 * its own. A result that cannot be written because the database is away is written again
 * (with backoff, for up to a lease) instead of being dropped.
 *
 * The api_calls rows of an effect's ClickPost tries travel with its result
 * (src/transport/deferred-records.ts) and are inserted in the transaction that completes the
 * effect and steps the machine: one multi-row insert per group commit. A result that is not
 * stepped (fenced: another worker owns the row; a failed or stale step) still leaves its
 * rows; a process killed before the commit loses them with the answer, and the call is sent
 * and recorded again after the lease.
 */
import os from 'node:os';
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { writeTransaction, type Tx } from '../store/db.js';
import { failTimer, nextTimerDueAt, peekDueTimers, takeDueTimer, takeDueTimers, type TakenTimer } from '../store/timers-repo.js';
import { claimDueEffectsWithShipment, completeEffect, deferEffect, extendEffectLeases, failEffect, nextEffectRunAt } from '../store/effects-repo.js';
import { markShipmentStuck } from '../store/sql/mark-stuck.js';
import { isDatabaseUnavailable } from '../store/db-unavailable.js';
import type { LoadedShipment } from '../store/sql/with-shipment.js';
import { releaseLeasesOfDeadWorkers } from '../store/sql/release-leases-of-dead-workers.js';
import { insertApiCalls } from '../store/api-calls-repo.js';
import { groupCommit } from '../store/group-commit.js';
import type { EffectRow, TimerRow } from '../store/rows.js';
import { redact } from '../transport/redact.js';
import { collectCallRecords } from '../transport/deferred-records.js';
import type { ApiCallRecord } from '../transport/types.js';
import { onRetryAfter } from '../transport/rate-limit.js';
import { referenceFor, type ShipmentInput } from '../domain/shipment-input.js';
import { DEFAULT_MAPPING_SETTINGS, type MappingSettings } from '../domain/settings.js';
import type { ShipmentEvent } from '../../machines/shipment-events.js';
import { stepInTransaction, type StepShipment } from './step.js';
import { StaleVersionError } from './errors.js';
import { calculateRetryDelay } from '../transport/backoff.js';
import { SHIPMENT_EFFECTS } from './effects/index.js';
import type { EngineDeps } from './deps.js';

/** An effect that is not about one shipment's machine (host callbacks): do it, no event. */
export type SideEffectExecutor = (effect: EffectRow) => Promise<void>;

export interface WorkerOptions {
  /** Node name in worker ids; defaults to the host name. */
  nodeId?: string;
  /** How long a claim holds without a heartbeat (default 30 s): how soon a dead worker's effects come back. */
  leaseMs?: number;
  /** Real-time interval of the heartbeat that extends the leases of effects in flight (default a third of leaseMs). */
  heartbeatMs?: number;
  /** ClickPost calls (effects) in flight at most (WORKER_CONCURRENCY, default 64). */
  concurrency?: number;
  /** Calls in flight at most per ClickPost account code; default: no cap beyond `concurrency`. */
  perAccountConcurrency?: number;
  /** Most effects claimed by one statement (a few, so slots refill evenly across nodes). */
  claimBatch?: number;
  /** Most due timers claimed and stepped in one transaction. */
  timerBatch?: number;
  /** Idle wait when nothing was due. */
  idleMs?: number;
  /** After this many failed runs an effect is parked as DEAD. */
  maxEffectRuns?: number;
  /** After this many failed steps a timer is parked (default 10; tries 1 s, 2 s, 4 s, ... apart). */
  maxTimerRuns?: number;
  sideEffects?: Record<string, SideEffectExecutor>;
  /** After a due timer was stepped: how late it fired (metrics: poll lag). */
  onTimerFired?: (timer: TimerRow, lagMs: number) => void;
}

export interface Worker {
  readonly id: string;
  /** One round: due timers, then due effects until none is due, waiting for them. Returns how many rows it processed. */
  tick(): Promise<number>;
  /** Rounds until nothing is due at the clock's now (tests with a fake clock). */
  drain(maxRounds?: number): Promise<number>;
  /** Releases leases of dead processes of this node, then loops until stop(). */
  start(): Promise<void>;
  /** Graceful: claims nothing new, lets in-flight effects finish and commit. */
  stop(): Promise<void>;
  /** Wake the loop (new work was queued). */
  notify(): void;
  /** ClickPost calls in flight now (effects whose answer is in but not yet committed are not counted). */
  inFlight(): number;
}

const STEP_RETRIES = 5;
const TIMER_LOOK_MS = 50;
/** While due effects wait for a slot, due timers are stepped at most this often (real time). */
const TIMER_LOOK_BACKLOG_MS = 1_000;
/** Most effect results stepped in one transaction. */
const RESULT_BATCH = 64;
export const DEFAULT_WORKER_CONCURRENCY = 64;
export const DEFAULT_LEASE_MS = 30_000;
/** Longest wait between two tries of writing a result while the database is away. */
const UNAVAILABLE_MAX_WAIT_MS = 2_000;

/** A failed effect run waits 1 s, 2 s, 4 s ... up to 5 minutes (the one retry-delay function). */
export function effectRetryDelay(runs: number): number {
  return calculateRetryDelay({ attempt: Math.max(1, runs), error: { retryable: true }, limit: Infinity, baseDelayMs: 1_000, maxDelayMs: 300_000, jitter: 'none' });
}

/** The ClickPost account an effect talks to: the provider its priority or reference names. */
export function accountOf(effect: EffectRow, body: ShipmentInput | undefined, shipmentCode: string | undefined): string | null {
  if (!body || !Array.isArray(body.providers)) return null;
  const p = (effect.payload ?? {}) as { priority?: unknown; reference?: unknown };
  if (typeof p.priority === 'number') return body.providers[p.priority - 1]?.account_code ?? null;
  if (typeof p.reference !== 'string' || shipmentCode === undefined) return null;
  const i = body.providers.findIndex((_, index) => referenceFor(shipmentCode, index + 1) === p.reference);
  return i >= 0 ? body.providers[i]!.account_code : null;
}

export function createWorker(deps: EngineDeps, options: WorkerOptions = {}): Worker {
  const nodeId = options.nodeId ?? os.hostname();
  const id = `${nodeId}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const heartbeatMs = Math.max(1, options.heartbeatMs ?? Math.floor(leaseMs / 3));
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_WORKER_CONCURRENCY);
  const accountCap = Math.max(1, options.perAccountConcurrency ?? Number.POSITIVE_INFINITY);
  const claimBatch = Math.max(1, options.claimBatch ?? 8);
  const timerBatch = Math.max(1, options.timerBatch ?? 100);
  const idleMs = options.idleMs ?? 250;
  const maxRuns = options.maxEffectRuns ?? 20;
  const maxTimerRuns = Math.max(1, options.maxTimerRuns ?? 10);
  const sideEffects = options.sideEffects ?? {};
  const { db, clock, logger } = deps;

  /** Every effect not finished (its call, then its commit); `calls`: those still calling. */
  const running = new Set<Promise<void>>();
  let calls = 0;
  /** Room for more: a free call slot, and not more answers waiting for their commit than slots. */
  const hasRoom = () => calls < concurrency && running.size < 2 * concurrency;
  const perAccount = new Map<string, number>();
  /** Account -> epoch ms until which a 429's Retry-After keeps us away. */
  const pausedUntil = new Map<string, number>();

  /**
   * Runs a write until it goes through, waiting out a database that is away (down, its file
   * locked) with backoff, for up to a lease's time: past that the lease has freed the row
   * for someone else anyway. Any other error is thrown at once.
   */
  async function untilWritten<T>(what: string, write: () => Promise<T>): Promise<T> {
    const giveUpAt = performance.now() + leaseMs;
    for (let wait = 50; ; wait = Math.min(UNAVAILABLE_MAX_WAIT_MS, wait * 2)) {
      try {
        return await write();
      } catch (err) {
        if (!isDatabaseUnavailable(err) || performance.now() + wait > giveUpAt) throw err;
        logger.warn('database unavailable, writing again', { what, retry_in_ms: wait, error: redact(String((err as Error)?.message ?? err)) });
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  // ---- leases: a heartbeat keeps the effects in flight ours ----

  /** Ids of the effects this worker holds (claimed, not yet completed or failed). */
  const held = new Set<number>();
  let heartbeat: NodeJS.Timeout | null = null;
  let beating = false;

  /** Moves the lease of every effect in flight a lease ahead, in one statement fenced by our id. */
  async function extendLeases(): Promise<void> {
    if (beating || held.size === 0) return;
    beating = true;
    const ids = [...held];
    try {
      const kept = await extendEffectLeases(db, { ids, worker_id: id, until: clock.now() + leaseMs });
      // Lost ones were reclaimed after an expiry (a long pause): their result will be dropped (fenced).
      if (kept < ids.length) logger.warn('effect leases lost', { held: ids.length, kept });
    } catch (err) {
      logger.warn('lease heartbeat failed', { held: ids.length, error: redact(String((err as Error)?.message ?? err)) });
    } finally {
      beating = false;
    }
  }

  function hold(effectId: number): void {
    held.add(effectId);
    if (heartbeat === null) {
      heartbeat = setInterval(() => void extendLeases(), heartbeatMs);
      heartbeat.unref();
    }
  }

  function letGo(effectId: number): void {
    held.delete(effectId);
    if (held.size === 0 && heartbeat !== null) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
  }

  /**
   * Completes the claimed row, steps and inserts the call's api_calls rows, in one
   * transaction; first from the shipment as loaded with the claim, and on a version race
   * again under the lock (with retries).
   */
  async function feed(shipmentId: number, event: ShipmentEvent, complete: (trx: Tx, now: number) => Promise<boolean>, calls: readonly ApiCallRecord[], loaded?: StepShipment): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        await writeTransaction(db, async (trx) => {
          const now = clock.now();
          // Lease lost: the new owner steps; the tries this worker made are still recorded.
          if (await complete(trx, now)) await stepInTransaction(deps, trx, shipmentId, event, now, i === 0 ? loaded : undefined);
          await insertApiCalls(trx, calls);
        }, { writeFirst: true });
        return;
      } catch (err) {
        if (!(err instanceof StaleVersionError) || i >= STEP_RETRIES) throw err;
      }
    }
  }

  // ---- timers ----

  function timerFired(timer: TimerRow): void {
    options.onTimerFired?.(timer, Math.max(0, clock.now() - timer.due_at));
  }

  /** Steps taken timers in `trx`; a shipment met twice is stepped the second time under the lock. */
  async function stepTaken(trx: Tx, taken: TakenTimer[], now: number): Promise<void> {
    const stepped = new Set<number>();
    for (const { timer, shipment } of taken) {
      const loaded = shipment && !stepped.has(timer.shipment_id) ? shipment : undefined;
      stepped.add(timer.shipment_id);
      await stepInTransaction(deps, trx, timer.shipment_id, timer.event as ShipmentEvent, now, loaded);
    }
  }

  /**
   * A timer's step failed: counted, tried again later (1 s, 2 s, 4 s, ...), parked after
   * maxTimerRuns failures with the shipment saying why. The database being away is not the
   * step's fault: nothing is counted, the timer is simply still due.
   */
  async function timerFailed(timer: TimerRow, err: unknown): Promise<void> {
    const error = redact(String((err as Error)?.message ?? err));
    if (isDatabaseUnavailable(err)) {
      logger.warn('timer not stepped: database unavailable', { timer_id: timer.id, key: timer.timer_key, error });
      return;
    }
    try {
      await writeTransaction(db, async (trx) => {
        const now = clock.now();
        const failed = await failTimer(trx, { id: timer.id, worker_id: id, error, retry_delay: effectRetryDelay, max_failures: maxTimerRuns, now });
        logger.error('timer failed', { timer_id: timer.id, key: timer.timer_key, failures: failed?.failures, parked: failed?.parked ?? false, error });
        if (failed?.parked) await markShipmentStuck(trx, { shipment_id: failed.shipment_id, reason: `timer ${timer.timer_key} parked after ${failed.failures} failed steps: ${error}`, now });
      }); // reads first: the SQLite gate takes the write lock
    } catch (again) {
      logger.error('timer failure not recorded', { timer_id: timer.id, error: redact(String((again as Error)?.message ?? again)) });
    }
  }

  /** One timer in its own transaction; one that keeps failing is tried later, then parked. */
  async function runTimerAlone(timer: TimerRow): Promise<boolean> {
    for (let i = 0; ; i++) {
      try {
        const fired = await writeTransaction(db, async (trx) => {
          const now = clock.now();
          const taken = await takeDueTimer(trx, { id: timer.id, now });
          if (taken) await stepInTransaction(deps, trx, timer.shipment_id, timer.event as ShipmentEvent, now, i === 0 ? (taken.shipment ?? undefined) : undefined);
          return taken !== null;
        }, { writeFirst: true });
        if (fired) timerFired(timer);
        return fired;
      } catch (err) {
        if (err instanceof StaleVersionError && i < STEP_RETRIES) continue;
        await timerFailed(timer, err);
        return false;
      }
    }
  }

  /** One transaction for a batch of due timers: take them, step each shipment. */
  async function runDueTimers(): Promise<number> {
    let taken: TakenTimer[] = [];
    try {
      taken = await writeTransaction(db, async (trx) => {
        const now = clock.now();
        const batch = await takeDueTimers(trx, { now, limit: timerBatch });
        await stepTaken(trx, batch, now);
        return batch;
      }, { writeFirst: true });
      for (const t of taken) timerFired(t.timer);
      return taken.length;
    } catch {
      // The batch rolled back (its timers are due again): one bad step must not hold back the
      // rest, so this batch goes one transaction per timer.
      const again = await peekDueTimers(db, { now: clock.now(), limit: timerBatch });
      let done = 0;
      for (const t of again) if (await runTimerAlone(t)) done++;
      return done;
    }
  }

  // ---- effects ----

  /** api_calls rows that could not go with their result: written alone, a failure only logged (as the transport did). */
  async function writeCallsAlone(calls: ApiCallRecord[], why: string): Promise<void> {
    if (calls.length === 0) return;
    try {
      await insertApiCalls(db, calls);
    } catch (err) {
      logger.warn('api_calls rows not written', { rows: calls.length, why, error: redact(String((err as Error)?.message ?? err)) });
    }
  }

  /**
   * Writes a result with its calls' rows (`write` puts them in its transaction). A row the
   * database refuses (a value past its column's range) must not fail the result, as a lost
   * audit row never failed a placed order: the result then goes without them, and the rows
   * alone. The database being away, or a version race, is the caller's to retry.
   */
  async function withCallRows(calls: ApiCallRecord[], write: (rows: readonly ApiCallRecord[]) => Promise<void>): Promise<void> {
    try {
      await write(calls);
    } catch (err) {
      if (calls.length === 0 || isDatabaseUnavailable(err) || err instanceof StaleVersionError) throw err;
      await write([]);
      await writeCallsAlone(calls, redact(String((err as Error)?.message ?? err)));
    }
  }

  /**
   * Runs the effect's call, says when the call is over (`callDone`), then commits its result
   * with the call's api_calls rows, collected in `calls` meanwhile (emptied once written).
   */
  async function executeEffect(effect: EffectRow, shipment: LoadedShipment | null, callDone: () => void, calls: ApiCallRecord[]): Promise<void> {
    const complete = (trx: Tx, now: number) => completeEffect(trx, { id: effect.id, worker_id: id, now });
    const side = sideEffects[effect.kind];
    const completeAlone = () =>
      untilWritten('effect done', () =>
        withCallRows(calls, (rows) =>
          writeTransaction(db, async (trx) => {
            await complete(trx, clock.now());
            await insertApiCalls(trx, rows);
          }, { writeFirst: true }),
        ),
      );
    if (side) {
      await side(effect);
      callDone();
      await completeAlone();
      return;
    }
    const executor = SHIPMENT_EFFECTS[effect.kind];
    if (!executor || effect.shipment_id === null) throw new Error(`No executor for effect kind ${effect.kind}`);
    if (!shipment) {
      await completeAlone();
      return;
    }
    const api = await deps.clickpost();
    const event = await collectCallRecords(calls, () =>
      executor({
        api,
        effect,
        shipment: {
          id: shipment.id,
          shipment_code: shipment.shipment_code,
          body: shipment.body as ShipmentInput,
          settings: (shipment.settings as MappingSettings | null) ?? DEFAULT_MAPPING_SETTINGS,
        },
      }),
    );
    callDone();
    // ClickPost's answer is in: keep it through a database outage rather than ask again.
    if (event) await untilWritten('effect result', () => completeWithStep({ effect, shipment, event, calls }));
    else await completeAlone();
    calls.length = 0; // written with the result
  }

  /** Idempotency key -> account, of the effects in flight: whose account a reported 429 pauses. */
  const accountByKey = new Map<string, string>();
  let stopListening: (() => void) | null = null;

  function pauseAccountOf(idempotencyKey: string, retryAfterMs: number): void {
    const account = accountByKey.get(idempotencyKey);
    if (account !== undefined) pausedUntil.set(account, Math.max(pausedUntil.get(account) ?? 0, clock.now() + retryAfterMs));
  }

  async function runEffect(effect: EffectRow, shipment: LoadedShipment | null, callDone: () => void): Promise<void> {
    /** The api_calls rows of this run's ClickPost tries, until they are written. */
    const calls: ApiCallRecord[] = [];
    try {
      await executeEffect(effect, shipment, callDone, calls);
    } catch (err) {
      callDone();
      const message = redact(err instanceof Error ? err.message : String(err));
      const dead = effect.attempts >= maxRuns;
      logger.error('effect failed', { effect_id: effect.id, kind: effect.kind, runs: effect.attempts, dead, error: message });
      try {
        await untilWritten('effect failure', () =>
          writeTransaction(db, async (trx) => {
            const now = clock.now();
            const failed = await failEffect(trx, { id: effect.id, worker_id: id, error: message, run_at: now + effectRetryDelay(effect.attempts), dead, now });
            if (failed && dead && effect.shipment_id !== null) await markShipmentStuck(trx, { shipment_id: effect.shipment_id, reason: `${effect.kind} parked DEAD after ${effect.attempts} failed runs: ${message}`, now });
          }, { writeFirst: true }),
        );
      } catch (again) {
        // Still not written after a lease's time: the lease frees the row for another try.
        logger.error('effect failure not recorded', { effect_id: effect.id, error: redact(String((again as Error)?.message ?? again)) });
      }
      // The result was dropped (its step failed, went stale, or never came): its tries stay on record.
      await writeCallsAlone(calls, message);
    }
  }

  // ---- group commit of effect results ----
  // Answers that arrive together are stepped in one transaction (src/store/group-commit.ts):
  // one BEGIN/COMMIT, one hand-over of the (SQLite: single) connection and one api_calls
  // insert for many steps. A batch that fails is done again one transaction per effect
  // (feed, which steps again under the lock after a version race), so one bad step fails
  // nobody else.

  interface Completion {
    effect: EffectRow;
    shipment: LoadedShipment;
    event: ShipmentEvent;
    /** The api_calls rows of the call that gave `event`. */
    calls: ApiCallRecord[];
  }

  const completeWithStep = groupCommit<Completion, void>({
    db,
    maxBatch: RESULT_BATCH,
    writeFirst: true,
    async write(trx, batch) {
      const now = clock.now();
      const stepped = new Set<number>();
      for (const c of batch) {
        // Lease lost: the new owner steps; this worker's tries are still recorded below.
        if (!(await completeEffect(trx, { id: c.effect.id, worker_id: id, now }))) continue;
        await stepInTransaction(deps, trx, c.shipment.id, c.event, now, stepped.has(c.shipment.id) ? undefined : c.shipment);
        stepped.add(c.shipment.id);
      }
      await insertApiCalls(trx, batch.flatMap((c) => c.calls));
      return batch.map(() => undefined);
    },
    alone(c) {
      const complete = (trx: Tx, now: number) => completeEffect(trx, { id: c.effect.id, worker_id: id, now });
      return withCallRows(c.calls, (rows) => feed(c.shipment.id, c.event, complete, rows, c.shipment));
    },
  });

  /**
   * Why this effect may not start now: the time its account may be called again, or null
   * (go). A full account's effect comes back after `fullRetryMs`: a little later in the
   * loop (not to claim it again at once), at once in drain(), which first waits for a slot.
   */
  function heldUntil(account: string | null, fullRetryMs: number): number | null {
    if (account === null) return null;
    const until = pausedUntil.get(account);
    const now = clock.now();
    if (until !== undefined && until > now) return until;
    if (until !== undefined) pausedUntil.delete(account);
    if ((perAccount.get(account) ?? 0) >= accountCap) return now + fullRetryMs;
    return null;
  }

  function launch(effect: EffectRow, shipment: LoadedShipment | null, account: string | null): void {
    if (account !== null) {
      perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
      accountByKey.set(effect.idempotency_key, account);
      stopListening ??= onRetryAfter(pauseAccountOf);
    }
    calls++;
    hold(effect.id);
    let calling = true;
    // The slot is the call's: it frees when the answer is in, while the answer's commit
    // (group commit) goes on beside the next calls.
    const callDone = () => {
      if (!calling) return;
      calling = false;
      calls--;
      if (account !== null) {
        accountByKey.delete(effect.idempotency_key);
        const left = (perAccount.get(account) ?? 1) - 1;
        if (left > 0) perAccount.set(account, left);
        else perAccount.delete(account);
      }
      if (accountByKey.size === 0 && stopListening) {
        stopListening();
        stopListening = null;
      }
      wakeUp(); // a slot is free: the loop claims the next one now
    };
    const job: Promise<void> = runEffect(effect, shipment, callDone).finally(() => {
      callDone();
      letGo(effect.id);
      running.delete(job);
      wakeUp();
    });
    running.add(job);
  }

  /** Claims into the free slots, a small batch per statement, until the pool is full or nothing is due. */
  async function fillPool(fullRetryMs: number): Promise<number> {
    let started = 0;
    while (!stopping && hasRoom()) {
      const want = Math.min(claimBatch, concurrency - calls);
      const effects = await claimDueEffectsWithShipment(db, { worker_id: id, now: clock.now(), lease_ms: leaseMs, limit: want }).catch((err: unknown) => {
        // The database went away: claim nothing now; the calls in flight finish and write again.
        if (!isDatabaseUnavailable(err)) throw err;
        logger.warn('database unavailable, claiming later', { error: redact(String((err as Error)?.message ?? err)) });
        return [];
      });
      effectsWaiting = effects.length === want;
      if (effects.length === 0) break;
      let deferred = 0;
      for (const { effect: e, shipment } of effects) {
        const account = sideEffects[e.kind] ? null : accountOf(e, shipment?.body as ShipmentInput | undefined, shipment?.shipment_code);
        const until = heldUntil(account, fullRetryMs);
        if (until !== null) {
          await deferEffect(db, { id: e.id, worker_id: id, run_at: until });
          deferred++;
          continue;
        }
        launch(e, shipment, account);
        started++;
      }
      if (effects.length < want || deferred === effects.length) break;
    }
    return started;
  }

  async function idle(): Promise<void> {
    await Promise.allSettled([...running]);
  }

  // ---- rounds and the loop ----

  async function tick(): Promise<number> {
    let done = await runDueTimers();
    if (stopping) return done;
    // Effects until none is due now, slots refilled as they free; then wait for the pool.
    for (;;) {
      const started = await fillPool(0);
      done += started;
      if (running.size === 0) break;
      await Promise.race(running);
    }
    return done;
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

  let looping = false;
  let stopping = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let woken = false;

  function wakeUp(): void {
    woken = true;
    wake?.();
  }

  async function sleep(ms: number): Promise<void> {
    if (woken) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    wake = null;
  }

  async function untilNextDue(): Promise<number> {
    const next = Math.min((await nextTimerDueAt(db)) ?? Infinity, (await nextEffectRunAt(db)) ?? Infinity);
    return Math.max(5, Math.min(idleMs, next - clock.now()));
  }

  // The loop wakes whenever a slot frees (many times a second under load); due timers are
  // looked for at most every TIMER_LOOK_MS of real time then, unless new work was announced
  // or the last batch was full, so a busy pool does not open a write transaction per wake.
  //
  // Backpressure: while the pool is full and due effects still wait for a slot, stepping
  // more timers would only queue more effects (each step costs as much as a call's answer)
  // and leave fewer turns of the loop for the calls; timers are then stepped once a second,
  // enough to keep a LABEL_TIMEOUT or a retry round on time, and at full pace again as soon
  // as the pool catches up.
  let lookForTimersAt = 0;
  let announced = false;
  let effectsWaiting = false;

  async function timersIfTime(): Promise<number> {
    const at = performance.now();
    if (!announced && at < lookForTimersAt) return 0;
    announced = false;
    const n = await runDueTimers();
    if (effectsWaiting && !hasRoom()) lookForTimersAt = at + TIMER_LOOK_BACKLOG_MS;
    else lookForTimersAt = n >= timerBatch ? 0 : at + TIMER_LOOK_MS;
    return n;
  }

  async function runLoop(): Promise<void> {
    while (looping) {
      woken = false;
      let progressed = 0;
      try {
        progressed = (await timersIfTime()) + (await fillPool(Math.max(5, Math.min(idleMs, 100))));
      } catch (err) {
        logger.error('worker round failed', { error: redact(String((err as Error)?.message ?? err)) });
      }
      if (!looping) break;
      // No round barrier: a full pool waits for any slot (or idleMs, for timers); an idle one until work is due.
      if (!hasRoom()) await sleep(idleMs);
      else if (progressed === 0) {
        await sleep(await untilNextDue().catch(() => idleMs));
        lookForTimersAt = 0; // slept until something may be due: look
      }
    }
    await idle(); // graceful: in-flight effects finish and commit
  }

  return {
    id,
    tick,
    drain,
    notify() {
      announced = true;
      wakeUp();
    },
    inFlight: () => calls,
    async start() {
      if (looping) return;
      const released = await releaseLeasesOfDeadWorkers(db, { node_id: nodeId, self_pid: process.pid });
      if (released > 0) logger.info('released leases of dead workers', { released });
      looping = true;
      stopping = false;
      loop = runLoop();
    },
    async stop() {
      stopping = true;
      looping = false;
      wakeUp();
      await loop;
      await idle();
      loop = null;
      stopping = false;
    },
  };
}
