/**
 * The README as a newcomer uses it: every link and every repository path it names exists
 * in a clone, and the quick start's commands, run as written against the built service
 * (only the port differs), book the example shipment and fetch its label.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { cleanEnv, startCli, tempDir, type RunningCli } from '../cli/run-cli.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The lines of the first ```sh block after `marker`. */
function shBlockAfter(marker: string): string[] {
  const from = README.indexOf(marker);
  const block = README.slice(from).match(/```sh\n([\s\S]*?)```/);
  return block![1]!.split('\n').filter((l) => l.trim() !== '');
}

let running: RunningCli | null = null;
afterAll(() => {
  if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
});

describe('README', () => {
  it('links only to files and headings that exist in the repository', () => {
    const anchors = new Set([...README.matchAll(/^#+ (.*)$/gm)].map((m) => anchorOf(m[1]!)));
    const targets = [...README.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^https?:/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) {
      if (t.startsWith('#')) expect({ t, found: anchors.has(t.slice(1)) }).toEqual({ t, found: true });
      else expect({ t, found: fs.existsSync(path.join(ROOT, t.split('#')[0]!)) }).toEqual({ t, found: true });
    }
  });

  it('names only repository paths that exist', () => {
    const paths = [...README.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1]!)
      .filter((p) => /^(src|machines|migrations|docs|examples|test|bench|scripts|\.ci)\//.test(p) || p === 'connector.json');
    expect(paths).toContain('examples/shipment.json');
    for (const p of paths) expect({ p, found: fs.existsSync(path.join(ROOT, p)) }).toEqual({ p, found: true });
  });

  it('quick start: the service books examples/shipment.json and serves its label, with the commands as written', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'examples'));
    fs.copyFileSync(path.join(ROOT, 'examples/shipment.json'), path.join(dir, 'examples/shipment.json'));
    // `npm start` runs this (dist built by pretest); PORT=0 instead of 8080 so a busy port cannot fail the test.
    running = startCli(['serve'], cleanEnv({ PORT: '0', LOG_LEVEL: 'warn' }), dir);
    const [, address] = await running.waitFor(/listening on http:\/\/(127\.0\.0\.1:\d+)/);
    const commands = shBlockAfter('Try it').map((l) => l.replace(/\s+#.*$/, '').replaceAll('localhost:8080', address!));
    expect(commands).toHaveLength(3);
    const sh = (command: string) => run('sh', ['-c', command], { cwd: dir });

    const posted = await sh(commands[0]!);
    expect(posted.stdout).toMatch(/^HTTP\/1\.1 202/);
    expect(posted.stdout).toMatch(/^location: \/v1\/shipments\/SHP-1001\r?$/im);

    let status = '';
    for (let i = 0; i < 100 && status !== 'BOOKED'; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 100));
      status = (JSON.parse((await sh(commands[1]!)).stdout) as { status: string }).status;
    }
    expect(status).toBe('BOOKED');

    await sh(commands[2]!);
    expect(fs.readFileSync(path.join(dir, 'label.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The service's data went to ./data, the default DATA_DIR.
    expect(fs.existsSync(path.join(dir, 'data', 'connector.sqlite'))).toBe(true);

    running.child.kill('SIGTERM');
    expect((await running.exited).code).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});
