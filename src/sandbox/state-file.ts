/**
 * The sandbox's memory on disk, for the service: real ClickPost remembers the orders it
 * placed, so after `npm start` restarts, labels, cancels and polls of earlier sandbox
 * bookings must still work. Written after requests (debounced, tmp + rename); tests run
 * without a state file.
 */
import fs from 'node:fs';
import type { Ledger, LedgerState } from './ledger.js';

// Fault counts use Infinity for "always"; JSON has no Infinity.
const replacer = (_k: string, v: unknown) => (v === Infinity ? 'Infinity' : v);
const reviver = (_k: string, v: unknown) => (v === 'Infinity' ? Infinity : v);

export function loadLedger(ledger: Ledger, file: string): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return; // first start
  }
  const state = JSON.parse(text, reviver) as LedgerState;
  if (state.version === 1) ledger.restore(state);
}

export function ledgerWriter(ledger: Ledger, file: string, debounceMs = 50) {
  let timer: NodeJS.Timeout | null = null;
  const write = () => {
    timer = null;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(ledger.snapshot(), replacer));
    fs.renameSync(tmp, file);
  };
  return {
    schedule(): void {
      timer ??= setTimeout(write, debounceMs);
    },
    flush(): void {
      if (timer) {
        clearTimeout(timer);
        write();
      }
    },
  };
}
