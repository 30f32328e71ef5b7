/**
 * Prints the OpenAPI document the service serves at /docs/json (CI lints it with
 * @redocly/cli). Built on a throwaway data folder; nothing listens.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnector } from '../src/connector.js';
import { buildApp } from '../src/http/app.js';
import { silentLogger } from '../src/logger.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-'));
const connector = await createConnector({ dataDir: dir, env: {}, trackingCron: null, reportCron: null });
const app = await buildApp({ connector, logger: silentLogger() });
try {
  const res = await app.inject({ url: '/docs/json' });
  process.stdout.write(`${JSON.stringify(JSON.parse(res.body), null, 2)}\n`);
} finally {
  await app.close();
  await connector.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
