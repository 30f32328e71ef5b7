/**
 * The built-in sandbox as the service uses it: started on first need (only when no
 * ClickPost credentials are set), on a preferred port when free, closed with the connector.
 */
import type { Logger } from '../logger.js';
import type { Sandbox } from './server.js';

/** `stateFile`: where the sandbox keeps its orders, so a restarted service still finds them. */
export function lazySandbox(preferredPort: number, logger: Logger, stateFile?: string) {
  let running: Sandbox | null = null;
  let starting: Promise<Sandbox> | null = null;

  async function start(): Promise<Sandbox> {
    // The sandbox's code loads when it is first needed: a service with ClickPost credentials never loads it.
    const { startSandbox } = await import('./server.js');
    try {
      return await startSandbox({ host: '127.0.0.1', port: preferredPort, stateFile });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || preferredPort === 0) throw err;
      logger.warn('sandbox port busy; using any free port', { port: preferredPort });
      return startSandbox({ host: '127.0.0.1', port: 0, stateFile });
    }
  }

  return {
    async url(): Promise<string> {
      starting ??= start();
      running = await starting;
      return running.url;
    },
    current: (): Sandbox | null => running,
    async close(): Promise<void> {
      const s = running ?? (starting ? await starting.catch(() => null) : null);
      running = null;
      starting = null;
      if (s) await s.close();
    },
  };
}
