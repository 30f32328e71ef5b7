/** /healthz (liveness: the database answers, where ClickPost calls go) and /readyz. */
import type { Db } from '../store/db.js';
import type { Clock } from '../clock.js';
import { PRODUCTION_BASE_URL } from '../engine/clickpost-provider.js';
import { readiness } from '../health/readiness.js';
import type { ClickPostWiring } from './clickpost-wiring.js';

export interface HealthParts {
  db: Db;
  clock: Clock;
  clickpost: ClickPostWiring;
  workersRunning: () => boolean;
  readyMaxLagMs: number | undefined;
}

export function connectorHealth(parts: HealthParts) {
  const { db } = parts;
  return {
    async health() {
      const database = await db.raw('select 1').then(
        () => 'ok' as const,
        () => 'error' as const,
      );
      const target = await parts.clickpost.describe().catch(() => null);
      return {
        ok: database === 'ok',
        database,
        workers: parts.workersRunning() ? ('running' as const) : ('stopped' as const),
        clickpost: {
          target: !target ? ('custom' as const) : target.sandbox ? ('sandbox' as const) : target.baseUrl === PRODUCTION_BASE_URL ? ('production' as const) : ('custom' as const),
          base_url: target?.baseUrl ?? '',
        },
      };
    },

    /** /readyz: the database answers and no backlog is stuck; breakers and the last answer per account. */
    readiness: () =>
      readiness(db, parts.clock.now(), { workersRunning: parts.workersRunning(), ...(parts.readyMaxLagMs !== undefined ? { maxLagMs: parts.readyMaxLagMs } : {}) }),
  };
}
