/** `migrate`: applies pending migrations to DATABASE_URL and says which. */
import { loadEnvConfig } from '../../config.js';
import { createDb } from '../../store/db.js';
import { migrateLatest } from '../../store/migrate.js';
import { EXIT_OK, type TextSink } from '../exit.js';
import { safeDatabaseUrl } from '../format.js';

export async function migrate(env: NodeJS.ProcessEnv = process.env, out: TextSink = process.stdout): Promise<number> {
  const config = loadEnvConfig(env);
  const where = safeDatabaseUrl(config.databaseUrl);
  const db = createDb({ url: config.databaseUrl });
  try {
    const applied = await migrateLatest(db);
    if (applied.length === 0) {
      out.write(`${where}: up to date, no migration to apply.\n`);
    } else {
      out.write(`${where}: applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}\n`).join('')}`);
    }
  } finally {
    await db.destroy();
  }
  return EXIT_OK;
}
