/**
 * The worker asks when the next timer may be taken each time it goes idle. With 100,000
 * shipments waiting for label polls that question must walk an index, not read every
 * timer: due_at has its index (001); the few timers set aside after a failure are found by
 * this one on locked_until.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('timers', (t) => t.index(['locked_until'], 'timers_locked_until_index'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('timers', (t) => t.dropIndex(['locked_until'], 'timers_locked_until_index'));
}
