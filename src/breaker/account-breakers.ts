/**
 * The breakers of every courier account, kept in the database so that every node on
 * PostgreSQL sees the same pause. `admit` before a create-order, `record` after its answer;
 * each is one short write transaction (the row locked), so two nodes never both probe.
 */
import type { Clock } from '../clock.js';
import type { Outcome } from '../clickpost/outcome.js';
import { indiaIsoWithOffset } from '../clickpost/units.js';
import { writeTransaction, type Db } from '../store/db.js';
import { findBreaker, findBreakerForUpdate, listBreakers, saveBreaker, type AccountRef, type BreakerRow, type LastAnswer } from '../store/breakers-repo.js';
import { CLOSED, admit, afterAnswer, isTransientFailure, type Admission, type BreakerConfig } from './breaker-rules.js';
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

export function createAccountBreakers(db: Db, clock: Clock, config: BreakerConfig): AccountBreakers {
  return {
    async admit(account) {
      // The usual case, a closed breaker, is one read and no transaction.
      const seen = await findBreaker(db, account);
      if (!seen || seen.state === 'CLOSED') return { kind: 'call' };
      return writeTransaction(db, async (trx) => {
        const row = await findBreakerForUpdate(trx, account, clock.now());
        const decision = admit(row ?? CLOSED, clock.now(), config);
        if (decision.kind === 'probe') await saveBreaker(trx, account, decision.breaker, null, clock.now());
        return decision;
      });
    },
    async record(account, outcome) {
      const now = clock.now();
      // A definite answer closes the breaker whatever it was: one blind write.
      if (!isTransientFailure(outcome)) return saveBreaker(db, account, CLOSED, lastAnswerOf(outcome, now), now);
      await writeTransaction(db, async (trx) => {
        const row = await findBreakerForUpdate(trx, account, now);
        await saveBreaker(trx, account, afterAnswer(row ?? CLOSED, outcome, now, config), lastAnswerOf(outcome, now), now);
      });
    },
    async close(account) {
      await writeTransaction(db, (trx) => saveBreaker(trx, account, CLOSED, null, clock.now()));
    },
    list: () => listBreakers(db),
  };
}

/** The attempt message of a skipped account. */
export function skippedMessage(account: AccountRef, until: number, config: BreakerConfig): string {
  return `Account ${account.account_code} (cp ${account.courier_partner_id}) paused until ${indiaIsoWithOffset(until)} after ${config.failures} consecutive failures without an answer: skipped`;
}
