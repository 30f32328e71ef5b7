/**
 * Tracking webhooks and the daily poll look shipments up by AWB (parent, or a box's
 * child AWB); without these every webhook would scan both tables.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('shipments', (t) => t.index(['parent_awb'], 'shipments_parent_awb_index'));
  await knex.schema.alterTable('boxes', (t) => t.index(['child_awb'], 'boxes_child_awb_index'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('boxes', (t) => t.dropIndex(['child_awb'], 'boxes_child_awb_index'));
  await knex.schema.alterTable('shipments', (t) => t.dropIndex(['parent_awb'], 'shipments_parent_awb_index'));
}
