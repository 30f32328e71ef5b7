/**
 * `serve` (the default command): the connector's workers and its HTTP face in one
 * process, configured from the environment (contract: "Start", "Environment").
 * SIGINT/SIGTERM stop it gracefully: the server stops taking requests, the workers finish
 * what they hold, then the process exits 0.
 */
import { startDone } from '../young-generation.js';
import { connectorOptionsFrom, loadEnvConfig, type EnvConfig } from '../../config.js';
import { createConnector, type Connector } from '../../connector.js';
import { assertSafeListen, startServer, type RunningServer } from '../../http/server.js';
import { createLogger } from '../../logger.js';
import { registerSecret } from '../../transport/redact.js';
import { EXIT_FAILURE, EXIT_OK, reportError, type TextSink } from '../exit.js';
import { safeBaseUrl, safeDatabaseUrl } from '../format.js';

export interface ServeHandle {
  url: string;
  /** Server first (no new requests), then the workers and the database. */
  stop(): Promise<void>;
}

// A stop that hangs (a ClickPost call stuck past its timeout) must not keep the process forever.
const STOP_DEADLINE_MS = 30_000;

async function clickpostLine(connector: Connector): Promise<string> {
  const target = await connector.clickpostTarget();
  if (target.sandbox) return `built-in sandbox at ${target.baseUrl} (no ClickPost credentials set)`;
  return `${safeBaseUrl(target.baseUrl)} (real ClickPost base URL)`;
}

async function banner(config: EnvConfig, server: RunningServer, connector: Connector): Promise<string> {
  const rows: [string, string][] = [
    ['settings screen, shipment board', `${server.url}/`],
    ['API docs', `${server.url}/docs`],
    ['OpenAPI document', `${server.url}/docs/json`],
    ['ClickPost', await clickpostLine(connector)],
    ['database', safeDatabaseUrl(config.databaseUrl)],
    ['host API token', config.apiToken ? 'required on /v1/*' : 'not set: no token asked, loopback only'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [
    `ClickPost B2B connector listening on ${server.url}`,
    ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
    'Stop with Ctrl+C (SIGINT) or SIGTERM.',
    '',
  ].join('\n');
}

/**
 * Starts everything; throws ValidationError('invalid_environment') for a bad environment.
 * Started or not, V8's young generation may grow again afterwards (../young-generation.ts).
 * stdout carries only the JSON log lines; the human banner goes to `out` (stderr).
 */
export async function serve(env: NodeJS.ProcessEnv = process.env, out: TextSink = process.stderr): Promise<ServeHandle> {
  try {
    return await startService(env, out);
  } finally {
    startDone();
  }
}

async function startService(env: NodeJS.ProcessEnv, out: TextSink): Promise<ServeHandle> {
  const config = loadEnvConfig(env);
  for (const secret of [config.apiToken, config.webhookKey, config.hostCallbackSecret, config.clickpostKey, config.masterKey]) registerSecret(secret);
  // Refuse an unsafe HOST before anything starts (the server checks again).
  assertSafeListen(config.host, config.apiToken);
  const logger = createLogger({ level: config.logLevel });
  const connector = await createConnector({ ...connectorOptionsFrom(config, env), logger });
  let server: RunningServer;
  try {
    await connector.start();
    server = await startServer({ connector, logger, host: config.host, port: config.port, apiToken: config.apiToken });
  } catch (err) {
    await connector.stop().catch(() => undefined);
    throw err;
  }
  out.write(await banner(config, server, connector));
  return {
    url: server.url,
    async stop() {
      await server.close();
      await connector.stop();
    },
  };
}

/**
 * Graceful stop on SIGINT/SIGTERM, then exit 0; a second signal exits at once. Installed
 * before startup finishes, so a signal during startup waits for it and then stops cleanly
 * (a startup that fails is reported by the caller).
 */
export function stopOnSignals(starting: Promise<ServeHandle>, out: TextSink = process.stderr): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(EXIT_FAILURE);
    stopping = true;
    out.write(`${signal}: stopping (in-flight work finishes first)...\n`);
    setTimeout(() => {
      process.stderr.write(`Stop did not finish within ${STOP_DEADLINE_MS} ms; exiting.\n`);
      process.exit(EXIT_FAILURE);
    }, STOP_DEADLINE_MS).unref();
    starting.then(
      (handle) =>
        handle.stop().then(
          () => {
            out.write('stopped.\n');
            process.exit(EXIT_OK);
          },
          (err: unknown) => process.exit(reportError(err)),
        ),
      () => undefined, // the caller reports a failed startup
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
