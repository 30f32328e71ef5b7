/**
 * Start lean (issue #10, point 6): the service `npm start` runs holds what an idle service
 * needs; prom-client loads with the first /metrics scrape and @fastify/swagger with the
 * first /docs request, each answering as before. Which packages are loaded is read inside
 * the CLI process by a preloaded probe (no timing or memory figure is asserted here: those
 * are `npm run bench`'s, `idle`).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv, startCli, tempDir, type RunningCli } from './run-cli.js';

const PROBE = fileURLToPath(new URL('./fixtures/loaded-packages.cjs', import.meta.url));
const LAZY = ['prom-client', '@fastify/swagger', '@fastify/swagger-ui'];

let running: RunningCli | null = null;
afterEach(() => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  running = null;
});

async function loadedPackages(cli: RunningCli, n: number): Promise<string[]> {
  cli.child.kill('SIGUSR2');
  const [, list] = await cli.waitFor(new RegExp(`loaded#${n}: (\\[.*\\])`));
  return JSON.parse(list!) as string[];
}

/** Bytes of V8's young generation (both semi-spaces) at probe `n`. */
async function youngGeneration(cli: RunningCli, n: number): Promise<number> {
  const [, bytes] = await cli.waitFor(new RegExp(`young#${n}: (\\d+)`));
  return Number(bytes);
}

const MB = 1024 * 1024;

function serviceEnv() {
  const dir = tempDir();
  return { dir, env: cleanEnv({ PORT: '0', DATA_DIR: path.join(dir, 'data'), DATABASE_URL: `sqlite:${path.join(dir, 'data', 'c.sqlite')}`, LOG_LEVEL: 'info' }) };
}

describe('serve starts lean', () => {
  it('loads prom-client and swagger only when /metrics and /docs are first asked, which then answer as always', async () => {
    const { dir, env } = serviceEnv();
    running = startCli([], env, dir, ['--require', PROBE]);
    const [, url] = await running.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);

    const idle = await loadedPackages(running, 1);
    expect(idle).toEqual(expect.arrayContaining(['fastify', 'knex', 'better-sqlite3'])); // the probe sees the service's packages
    for (const pkg of LAZY) expect(idle).not.toContain(pkg);
    // V8 starts with 2 x 1 MB (Node 20); loading the service used to double it up to 2 x 16 MB.
    expect(await youngGeneration(running, 1)).toBeLessThanOrEqual(8 * MB);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const ops = await fetch(`${url}/`);
    expect(ops.status).toBe(200);
    expect(ops.headers.get('content-type')).toMatch(/text\/html/);

    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    const body = await metrics.text();
    expect(body).toMatch(/^connector_shipments\{status="BOOKED"\} 0$/m);
    expect(body).toContain('# TYPE process_cpu_user_seconds_total counter');
    const afterMetrics = await loadedPackages(running, 2);
    expect(afterMetrics).toContain('prom-client');
    expect(afterMetrics).not.toContain('@fastify/swagger');

    const ui = await fetch(`${url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
    const doc = (await (await fetch(`${url}/docs/json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/shipments', '/metrics', '/readyz']));
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
    const afterDocs = await loadedPackages(running, 3);
    expect(afterDocs).toEqual(expect.arrayContaining(['@fastify/swagger', '@fastify/swagger-ui']));

    running.child.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);
  });

  it("leaves the young generation to V8 when the host sized it (node's --max-semi-space-size)", async () => {
    const { dir, env } = serviceEnv();
    running = startCli([], env, dir, ['--max-semi-space-size=8', '--require', PROBE]);
    await running.waitFor(/listening on http/);
    await loadedPackages(running, 1);
    // Loading the service grows an unheld young generation towards the host's cap, 2 x 8 MB.
    expect(await youngGeneration(running, 1)).toBeGreaterThan(8 * MB);
    running.child.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);
  });
});
