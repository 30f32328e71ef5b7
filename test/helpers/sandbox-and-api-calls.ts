/**
 * For transport tests: the loopback sandbox and an in-memory SQLite with the schema, for
 * the whole file; before each test the sandbox forgets its orders and api_calls is emptied.
 * Read `rig.sandbox` and `rig.db` inside tests (they exist once beforeAll ran).
 */
import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { startSandbox, type Sandbox } from '../../src/sandbox/server.js';
import { createDb, type Db } from '../../src/store/db.js';
import { migrateLatest } from '../../src/store/migrate.js';

export function sandboxAndApiCalls(): { sandbox: Sandbox; db: Db } {
  const rig = {} as { sandbox: Sandbox; db: Db };
  beforeAll(async () => {
    rig.sandbox = await startSandbox();
    rig.db = createDb({ url: 'sqlite::memory:' });
    await migrateLatest(rig.db);
  });
  afterAll(async () => {
    await rig.sandbox.close();
    await rig.db.destroy();
  });
  beforeEach(async () => {
    rig.sandbox.reset();
    await rig.db('api_calls').del();
  });
  return rig;
}
