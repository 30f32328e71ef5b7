// `npm start` runs the built service; this builds first only when dist/ is missing or
// older than a source file, so a start after `npm ci` (which builds via `prepare`) does
// not compile again.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..');
const built = path.join(root, 'dist/src/cli/main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const sources = Math.max(...['src', 'machines', 'migrations'].map((d) => newestSource(path.join(root, d))));
const stale = !fs.existsSync(built) || fs.statSync(built).mtimeMs < sources;
if (stale) {
  process.stdout.write('dist/ is missing or older than the sources: building first\n');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
}
