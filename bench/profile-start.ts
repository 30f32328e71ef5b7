/**
 * What an idle service holds and what its start loads (issue #10, points 4 and 6).
 *
 *   node dist/bench/profile-start.js idle      the serve command (SQLite, built-in sandbox,
 *                                              workers), 8 s idle: memoryUsage, V8 heap
 *                                              spaces, modules loaded per package
 *   node dist/bench/profile-start.js imports   each package the service imports, alone in a
 *                                              fresh process: RSS, heap and time it adds
 *
 * Modules are counted with a loader hook (ESM, resolved URLs) and require.cache (CommonJS).
 * Needs a fresh DATA_DIR and CONNECTOR_MASTER_KEY in the environment for `idle`.
 */
import { execFileSync } from 'node:child_process';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import v8 from 'node:v8';
import { holdDuringStart } from '../src/cli/young-generation.js';

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

function packageOf(url: string): string {
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node:';
  return 'connector';
}

function countByPackage(urls: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const u of urls) counts.set(packageOf(u), (counts.get(packageOf(u)) ?? 0) + 1);
  return counts;
}

async function idle(): Promise<void> {
  const esm = new Set<string>();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url: string) => esm.add(url));
  port1.unref();
  const hook = `data:text/javascript,${encodeURIComponent(
    'let port; export function initialize(d) { port = d.port; } export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }',
  )}`;
  register(hook, { data: { port: port2 }, transferList: [port2] });
  // As the bin starts (src/cli/main.ts); PROFILE_NO_HOLD=1: as before the hold existed.
  if (!process.env.PROFILE_NO_HOLD) holdDuringStart();
  const t0 = performance.now();
  const { serve } = await import('../src/cli/commands/serve.js');
  const imported = performance.now() - t0;
  const handle = await serve(process.env, { write: () => true });
  const listening = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 8_000));
  const mem = process.memoryUsage();
  const cjs = Object.keys(createRequire(import.meta.url).cache);
  const spaces = v8.getHeapSpaceStatistics().map((s) => `${s.space_name} ${mb(s.space_size)}/${mb(s.space_used_size)}`);
  process.stdout.write(
    `import serve ${imported.toFixed(0)} ms, listening at ${listening.toFixed(0)} ms\n` +
      `rss ${mb(mem.rss)} heapTotal ${mb(mem.heapTotal)} heapUsed ${mb(mem.heapUsed)} external ${mb(mem.external)} arrayBuffers ${mb(mem.arrayBuffers)} MB\n` +
      `heap spaces (size/used MB): ${spaces.join('; ')}\n` +
      `modules: ${esm.size} ESM resolved, ${cjs.length} CommonJS\n`,
  );
  const all = countByPackage([...esm, ...cjs]);
  for (const [pkg, n] of [...all].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(n).padStart(4)} ${pkg}\n`);
  await handle.stop();
}

const PACKAGES = ['zod', 'knex', 'better-sqlite3', 'xstate', 'fastify', 'fastify-type-provider-zod', '@fastify/swagger', '@fastify/swagger-ui', 'got', 'winston', 'prom-client', 'node-cron', 'p-limit', 'commander'];

function imports(): void {
  const probe = (pkg: string) =>
    `const a = process.memoryUsage(); const t = performance.now(); await import(${JSON.stringify(pkg)}); const ms = performance.now() - t; const b = process.memoryUsage();` +
    `console.log(JSON.stringify({ ms, rss: b.rss - a.rss, heap: b.heapUsed - a.heapUsed }))`;
  for (const pkg of PACKAGES) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe(pkg)], { cwd: process.cwd() }).toString();
    const r = JSON.parse(out) as { ms: number; rss: number; heap: number };
    process.stdout.write(`${pkg.padEnd(28)} ${r.ms.toFixed(0).padStart(5)} ms  rss +${mb(r.rss).padStart(5)} MB  heap +${mb(r.heap).padStart(5)} MB\n`);
  }
}

if (process.argv[2] === 'imports') imports();
else await idle();
process.exit(0);
