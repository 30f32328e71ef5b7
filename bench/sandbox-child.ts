/**
 * The sandbox in its own process for the wire benchmarks, so ClickPost's side does not
 * share the measured process's event loop. SANDBOX_LATENCY_MS sets its pace. A counting
 * proxy in front of it (same process) samples the calls in flight every 10 ms, as
 * ClickPost would see them; GET /__bench/in-flight?from=<ms>&to=<ms> answers their mean
 * and peak over that window (epoch ms). Each label poll's arrival is noted too (its
 * idempotency key names the reference and the poll): GET /__bench/polls?from=<ms>
 * answers [[epoch ms, key], ...] since then. The sandbox's own request log is emptied
 * every second (the benches never read it; 100,000 pending would fill it). Prints the
 * proxy's URL on the first line; ends with its parent (stdin closes) or SIGTERM.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../src/sandbox/server.js';

const sandbox = await startSandbox({ host: '127.0.0.1', port: 0 });
const target = new URL(sandbox.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let inFlight = 0;
const samples: Array<[number, number]> = [];
const sampler = setInterval(() => samples.push([Date.now(), inFlight]), 10);
const polls: Array<[number, string]> = [];
const forget = setInterval(() => {
  sandbox.ledger.requests.length = 0;
}, 1000);

function stats(from: number, to: number): { mean: number; peak: number; samples: number } {
  const window = samples.filter(([t]) => t >= from && t <= to).map(([, n]) => n);
  const mean = window.length ? window.reduce((a, b) => a + b, 0) / window.length : 0;
  return { mean, peak: window.length ? Math.max(...window) : 0, samples: window.length };
}

const proxy = http.createServer((req, res) => {
  if (req.url?.startsWith('/__bench/in-flight')) {
    const q = new URL(req.url, 'http://bench').searchParams;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stats(Number(q.get('from') ?? 0), Number(q.get('to') ?? Date.now()))));
    return;
  }
  if (req.url?.startsWith('/__bench/polls')) {
    const from = Number(new URL(req.url, 'http://bench').searchParams.get('from') ?? 0);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(polls.filter(([t]) => t >= from)));
    return;
  }
  const key = req.headers['x-idempotency-key'];
  if (typeof key === 'string' && key.startsWith('label_poll:')) polls.push([Date.now(), key]);
  inFlight++;
  let counted = true;
  const done = () => {
    if (counted) inFlight--;
    counted = false;
  };
  res.on('close', done);
  const upstream = http.request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
process.stdout.write(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}\n`);

const end = () => {
  clearInterval(sampler);
  clearInterval(forget);
  proxy.closeAllConnections();
  proxy.close();
  void sandbox.close().then(() => process.exit(0));
};
process.stdin.resume();
process.stdin.on('end', end);
process.on('SIGTERM', end);
