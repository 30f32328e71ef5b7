/**
 * The migration list, imported statically so the same source works from TypeScript
 * under jest and from the compiled dist/ (knex's directory loader would need one or
 * the other). Add a migration: write NNN_name.ts and list it here.
 */
import type { Knex } from 'knex';
import * as m001 from './001_initial.js';
import * as m002 from './002_awb_indexes.js';
import * as m003 from './003_tracking_ndr.js';
import * as m004 from './004_account_breakers.js';
import * as m005 from './005_parked_work.js';
import * as m006 from './006_timer_hold_index.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_awb_indexes': m002,
  '003_tracking_ndr': m003,
  '004_account_breakers': m004,
  '005_parked_work': m005,
  '006_timer_hold_index': m006,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};
