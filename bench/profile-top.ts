/**
 * Where the time goes, from a `node --cpu-prof` profile: self time by module (npm package
 * or our file) and by function, as the markdown rows of docs/performance.md.
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/profile-steps.js 400
 *   node dist/bench/profile-top.js /tmp/prof/CPU.*.cpuprofile
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function moduleOf(url: string): string {
  if (!url) return '(native/vm)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  if (url.startsWith('node:')) return url;
  return /dist\/(.*)$/.exec(url)?.[1] ?? url;
}

function top(map: Map<string, number>, n: number, total: number): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, t]) => `| ${((100 * t) / total).toFixed(1)}% | ${(t / 1000).toFixed(0)} ms | ${k} |`)
    .join('\n');
}

const file = process.argv[2];
if (!file) throw new Error('usage: profile-top <file.cpuprofile> [rows]');
const rowsWanted = Number(process.argv[3] ?? 15);
// PROFILE_FROM_MS / PROFILE_UNTIL_MS: only the samples in that span after the profile began
// (e.g. the start of a process up to its first poll).
const fromUs = Number(process.env.PROFILE_FROM_MS ?? 0) * 1000;
const untilUs = Number(process.env.PROFILE_UNTIL_MS ?? Infinity) * 1000;
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const byModule = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
let at = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  at += dt;
  if (at < fromUs || at > untilUs) return;
  total += dt;
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const mod = functionName.startsWith('(') && !url ? functionName : moduleOf(url);
  byModule.set(mod, (byModule.get(mod) ?? 0) + dt);
  const fn = `${functionName || '(anonymous)'} ${moduleOf(url)}:${lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
});
process.stdout.write(`sampled ${(total / 1000).toFixed(0)} ms\n\n| self | time | module |\n|---|---|---|\n${top(byModule, rowsWanted, total)}\n\n| self | time | function |\n|---|---|---|\n${top(byFunction, rowsWanted, total)}\n`);
