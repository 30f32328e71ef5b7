/**
 * `node dist/bench/run.js` started the way the service starts (src/cli/main.ts): V8's young
 * generation held at its initial size while the modules load, then released (run.ts calls
 * startDone() before the first scenario). Compares, e.g. with `booking`, what the hold
 * costs a busy process afterwards:
 *   node dist/bench/run-held.js booking   vs   node dist/bench/run.js booking
 */
import { holdDuringStart } from '../src/cli/young-generation.js';

holdDuringStart();
await import('./run.js');
