/**
 * The breakers of every courier account, kept in the database so that every node on
 * PostgreSQL sees the same pause, and in memory so that a closed account costs no SQL
 * statement per call (see breaker-memory.ts: the row is read again after `refresh_ms`).
 * `admit` before a create-order, `record` after its answer; whatever is not the usual
 * closed case is one short write transaction (the row locked), so two nodes never both probe.
 */
import type { Clock } from '../clock.js';
import type { Outcome } from '../clickpost/outcome.js';
import { indiaIsoWithOffset } from '../clickpost/units.js';
import { writeTransaction, type Db } from '../store/db.js';
import { accountKey, findBreaker, findBreakerForUpdate, listBreakers, saveBreaker, type AccountRef, type BreakerRow, type LastAnswer } from '../store/breakers-repo.js';
import { CLOSED, admit, afterAnswer, isTransientFailure, type Admission, type Breaker, type BreakerConfig } from './breaker-rules.js';
import { BreakerMemory, closedAndFresh, definiteAnswerNeedsWrite, type KnownAnswer } from './breaker-memory.js';
import { ProviderSchema } from '../domain/shipment-input.js';

/** Which account's breaker: the same fields as a shipment's provider. */
export const AccountRefSchema = ProviderSchema;

export interface AccountBreakers {
  /** May a create-order go to the account now? A probe is taken (and held) here. */
  admit(account: AccountRef): Promise<Admission>;
  /** The answer of a call that was let through. */
  record(account: AccountRef, outcome: Outcome): Promise<void>;
  /** An operator closes the breaker by hand (ClickPost is back, or the account was fixed). */
  close(account: AccountRef): Promise<void>;
  list(): Promise<BreakerRow[]>;
}

function lastAnswerOf(outcome: Outcome, at: number): LastAnswer {
  return {
    outcome: outcome.kind,
    http_status: outcome.kind === 'transient' ? outcome.http_status : null,
    meta_status: 'meta_status' in outcome ? outcome.meta_status : null,
    message: 'message' in outcome ? outcome.message : null,
    at,
  };
}

/** The kind and time of a stored last answer; a time ahead of this node's clock counts as now. */
function knownAnswer(row: BreakerRow | null, now: number): KnownAnswer | null {
  return row?.last ? { kind: row.last.outcome, at: Math.min(row.last.at, now) } : null;
}

export function createAccountBreakers(db: Db, clock: Clock, config: BreakerConfig): AccountBreakers {
  const memory = new BreakerMemory();

  /** Today's path for a breaker that is not closed: under the row lock, one probe across nodes. */
  async function admitLocked(account: AccountRef): Promise<Admission> {
    const { decision, breaker, row, now } = await writeTransaction(db, async (trx) => {
      const now = clock.now(); // once the lock is held: the probe's lease starts here
      const row = await findBreakerForUpdate(trx, account, now);
      const decision = admit(row ?? CLOSED, now, config);
      if (decision.kind === 'probe') await saveBreaker(trx, account, decision.breaker, null, now);
      const breaker: Breaker = decision.kind === 'probe' ? decision.breaker : (row ?? CLOSED);
      return { decision, breaker, row, now };
    });
    memory.learn(accountKey(account), memory.stamp(), breaker, now, knownAnswer(row, now));
    return decision;
  }

  /** A definite answer closes the breaker whatever it was: one blind write, when one is due. */
  async function recordDefinite(account: AccountRef, outcome: Outcome, now: number): Promise<void> {
    const key = accountKey(account);
    if (!definiteAnswerNeedsWrite(memory.get(key), outcome, now, config)) return;
    const answer = { kind: outcome.kind, at: now };
    const noted = memory.noteAnswer(key, answer);
    try {
      await saveBreaker(db, account, CLOSED, lastAnswerOf(outcome, now), now);
    } catch (err) {
      noted.undo();
      throw err;
    }
    memory.learn(key, memory.stamp(), CLOSED, now, answer);
  }

  return {
    async admit(account) {
      const now = clock.now();
      const key = accountKey(account);
      // The usual case, a closed breaker known fresh: no statement at all.
      if (closedAndFresh(memory.get(key), now, config)) return { kind: 'call' };
      const stamp = memory.stamp();
      const seen = await findBreaker(db, account);
      memory.learn(key, stamp, seen ?? CLOSED, now, knownAnswer(seen, now));
      if (!seen || seen.state === 'CLOSED') return { kind: 'call' };
      return admitLocked(account);
    },
    async record(account, outcome) {
      const now = clock.now();
      if (!isTransientFailure(outcome)) return recordDefinite(account, outcome, now);
      const next = await writeTransaction(db, async (trx) => {
        const row = await findBreakerForUpdate(trx, account, now);
        const next = afterAnswer(row ?? CLOSED, outcome, now, config);
        await saveBreaker(trx, account, next, lastAnswerOf(outcome, now), now);
        return next;
      });
      memory.learn(accountKey(account), memory.stamp(), next, now, { kind: outcome.kind, at: now });
    },
    async close(account) {
      const now = clock.now();
      await writeTransaction(db, (trx) => saveBreaker(trx, account, CLOSED, null, now));
      memory.learn(accountKey(account), memory.stamp(), CLOSED, now);
    },
    list: () => listBreakers(db),
  };
}

/** The attempt message of a skipped account. */
export function skippedMessage(account: AccountRef, until: number, config: BreakerConfig): string {
  return `Account ${account.account_code} (cp ${account.courier_partner_id}) paused until ${indiaIsoWithOffset(until)} after ${config.failures} consecutive failures without an answer: skipped`;
}
