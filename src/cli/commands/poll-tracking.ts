/**
 * `poll-tracking`: the track-order backup poll now, for every open shipment, instead of
 * waiting for the nightly run (after webhooks were lost, e.g. WEBHOOK_KEY was wrong for a
 * while). Uses DATABASE_URL and the saved settings like `serve`; the workers do not start.
 */
import { connectorOptionsFrom, loadEnvConfig } from '../../config.js';
import { createConnector } from '../../connector.js';
import { registerSecret } from '../../transport/redact.js';
import { EXIT_FAILURE, EXIT_OK, type TextSink } from '../exit.js';

export async function pollTracking(env: NodeJS.ProcessEnv = process.env, out: TextSink = process.stdout): Promise<number> {
  const config = loadEnvConfig(env);
  for (const secret of [config.clickpostKey, config.masterKey]) registerSecret(secret);
  const connector = await createConnector({ ...connectorOptionsFrom(config, env), trackingCron: null, reportCron: null });
  try {
    const summary = await connector.pollTracking();
    out.write(`open shipments ${summary.shipments}, track-order calls ${summary.calls}, new events ${summary.stored}, failed calls ${summary.errors}\n`);
    return summary.errors > 0 ? EXIT_FAILURE : EXIT_OK;
  } finally {
    await connector.stop();
  }
}
