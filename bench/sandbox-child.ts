/**
 * The sandbox in its own process for the wire benchmarks, so ClickPost's side does not
 * share the measured process's event loop. SANDBOX_LATENCY_MS sets its pace. Prints its
 * URL on the first line; ends with its parent (stdin closes).
 */
import { startSandbox } from '../src/sandbox/server.js';

const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${sandbox.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void sandbox.close().then(() => process.exit(0)));
process.on('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
