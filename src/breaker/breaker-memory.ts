/**
 * What this node knows of each account's breaker, so that a closed account costs no SQL
 * statement per create-order. The row stays the truth shared by every node: a closed
 * breaker is read again once `refresh_ms` has passed (a pause opened by another node is
 * seen that late at most), and a definite answer on a closed breaker writes only the last
 * answer, at most every `refresh_ms` (at once when its kind changed). No I/O here.
 */
import type { Outcome } from '../clickpost/outcome.js';
import type { Breaker, BreakerConfig } from './breaker-rules.js';

/** The last answer the row holds, as far as this node knows: its kind and when it was written. */
export interface KnownAnswer {
  kind: string;
  at: number;
}

export interface Known {
  breaker: Breaker;
  /** When the state was read or written (this node's clock). */
  seen_at: number;
  last: KnownAnswer | null;
  /** Order of what was learnt: see `BreakerMemory.learn`. */
  stamp: number;
}

/** A closed breaker read or written less than `refresh_ms` ago: call without asking the database. */
export function closedAndFresh(known: Known | undefined, now: number, config: BreakerConfig): boolean {
  return known !== undefined && known.breaker.state === 'CLOSED' && now - known.seen_at < config.refresh_ms;
}

/**
 * Whether a definite answer must be written: not when the breaker is known closed with no
 * failure counted and the row already holds an answer of the same kind written less than
 * `refresh_ms` ago (readiness then shows the right kind, its time at most that old).
 */
export function definiteAnswerNeedsWrite(known: Known | undefined, outcome: Outcome, now: number, config: BreakerConfig): boolean {
  if (!known || known.breaker.state !== 'CLOSED' || known.breaker.consecutive_failures !== 0) return true;
  return !known.last || known.last.kind !== outcome.kind || now - known.last.at >= config.refresh_ms;
}

export class BreakerMemory {
  private readonly known = new Map<string, Known>();
  private tick = 0;

  get(key: string): Known | undefined {
    return this.known.get(key);
  }

  /**
   * A stamp for what is about to be learnt: taken before a read is sent, and after a write
   * committed. A read sent before a write committed may return the older row and finish
   * last (many calls run at once); its older stamp keeps it from undoing the write.
   */
  stamp(): number {
    return ++this.tick;
  }

  /** `last` undefined: the last answer is unchanged. */
  learn(key: string, stamp: number, breaker: Breaker, seenAt: number, last?: KnownAnswer | null): void {
    const before = this.known.get(key);
    if (before && before.stamp > stamp) return;
    this.known.set(key, { breaker, seen_at: seenAt, last: last === undefined ? (before?.last ?? null) : last, stamp });
  }

  /**
   * An answer about to be written: the calls answering meanwhile find it written and do
   * not write it again. `undo` puts the previous one back when the write failed.
   */
  noteAnswer(key: string, answer: KnownAnswer): { undo(): void } {
    const entry = this.known.get(key);
    if (!entry) return { undo() {} };
    const previous = entry.last;
    entry.last = answer;
    return {
      undo() {
        if (entry.last === answer) entry.last = previous;
      },
    };
  }
}
