/**
 * The service as `npm start` runs it (the serve command, SQLite, the built-in sandbox when
 * no ClickPost credentials are set) in a process of its own, for the webhook and idle
 * benches. The environment configures it (DATA_DIR, PORT=0, WEBHOOK_KEY, ...); its banner
 * is dropped, its JSON log lines go to stdout as in service (the parent ignores them).
 * Sends its URL to the parent over IPC; SIGTERM stops it gracefully.
 */
import { holdDuringStart } from '../src/cli/young-generation.js';

// As the bin does (src/cli/main.ts): the young generation held while the service loads.
holdDuringStart();
const { serve } = await import('../src/cli/commands/serve.js');

const handle = await serve(process.env, { write: () => true });
process.send!({ url: handle.url });
process.on('SIGTERM', () => void handle.stop().then(() => process.exit(0)));
