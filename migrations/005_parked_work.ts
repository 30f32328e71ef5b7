/**
 * Work that keeps failing is parked, not retried forever (issue 11, item 9): a timer
 * counts its failed steps and is parked (parked_at) after too many, like an effect goes
 * DEAD; the shipment keeps why it is stuck (JSON `{ reason, since }`) until it moves on.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('timers', (t) => {
    t.integer('failures').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.bigInteger('parked_at').nullable();
  });
  await knex.schema.alterTable('shipments', (t) => {
    t.text('stuck').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('shipments', (t) => {
    t.dropColumn('stuck');
  });
  await knex.schema.alterTable('timers', (t) => {
    t.dropColumn('parked_at');
    t.dropColumn('last_error');
    t.dropColumn('failures');
  });
}
