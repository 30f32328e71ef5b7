/**
 * The service's young generation stays at V8's initial size while the service starts.
 *
 * Everything a start loads (modules, compiled schemas, the app's routes) survives V8's
 * young-generation collections, and V8 answers survival by doubling the young generation
 * up to 2 x 16 MB; an idle service then holds those pages for the next ~40 s, until V8's
 * memory reducer gives them back (issue #10, point 6: idle RSS under 100 MB). The CLI
 * (./main.ts) calls `holdDuringStart()` before it imports the commands, which holds the
 * growth factor at 1 while the modules load and the service starts; `startDone()` (serve,
 * once it listens; any other command, once loaded) gives V8 its default back, so a
 * service under load grows its young generation exactly as before.
 *
 * `--semi-space-growth-factor` is read by V8 at each growth decision, so setting it at run
 * time takes effect (unlike `--max-semi-space-size`, fixed when the heap was made). Left
 * alone when the host set any semi-space flag itself (command line or NODE_OPTIONS).
 */
import v8 from 'node:v8';

const V8_DEFAULT_GROWTH_FACTOR = 2;
const hostChose = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => /semi[-_]space/.test(arg));
let held = false;

/** Before the service's modules load; a library host never calls it. */
export function holdDuringStart(): void {
  if (hostChose || held) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  held = true;
}

/** The start is over (or failed): V8 grows the young generation as it would have. */
export function startDone(): void {
  if (!held) return;
  held = false;
  v8.setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
}
