/**
 * Failed deliveries keep their reason (issue 8): ClickPost's NDR code and the description
 * shown for it, and the `notification_event_id` of a "selected events" webhook. Nullable
 * columns, so rows stored before keep reading as "no NDR".
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tracking_events', (t) => {
    t.integer('ndr_code').nullable();
    t.text('ndr_description').nullable();
    t.integer('notification_event_id').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tracking_events', (t) => {
    t.dropColumn('notification_event_id');
    t.dropColumn('ndr_description');
    t.dropColumn('ndr_code');
  });
}
