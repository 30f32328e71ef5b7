/**
 * `forget-key`: removes the saved ClickPost Username and Key, the way out when the master
 * key they were saved under is lost (start-up then refuses with ERR_MASTER_KEY). The
 * other settings stay; enter Username and Key again on the settings screen.
 */
import { loadEnvConfig } from '../../config.js';
import { createDb } from '../../store/db.js';
import { migrateLatest } from '../../store/migrate.js';
import { createSettingsService, loadMasterKey } from '../../settings/index.js';
import { EXIT_FAILURE, EXIT_OK, type TextSink } from '../exit.js';
import { safeDatabaseUrl } from '../format.js';

export async function forgetKey(env: NodeJS.ProcessEnv = process.env, out: TextSink = process.stdout): Promise<number> {
  const config = loadEnvConfig(env);
  const db = createDb({ url: config.databaseUrl });
  try {
    await migrateLatest(db);
    // The master key in force seals nothing here: an empty Key is stored as "".
    const settings = createSettingsService({ db, masterKey: loadMasterKey({ env, dataDir: config.dataDir }), env });
    const result = await settings.update({ username: null, key: null });
    if (!result.ok) {
      out.write(`cannot clear the saved Key: ${result.fields.map((f) => `${f.path}: ${f.message}`).join('; ')}\n`);
      return EXIT_FAILURE;
    }
    out.write(`${safeDatabaseUrl(config.databaseUrl)}: saved Username and Key removed; enter them again on the settings screen.\n`);
  } finally {
    await db.destroy();
  }
  return EXIT_OK;
}
