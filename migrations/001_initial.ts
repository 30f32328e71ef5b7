/**
 * The whole schema. One set for SQLite and PostgreSQL: only portable knex column types.
 * Every time is epoch milliseconds (bigint) bound from the injected clock, so fake-clock
 * tests behave the same on both databases. JSON is stored as text.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // SQLite write transactions start by writing here (src/store/db.ts, writeTransaction).
  await knex.schema.createTable('write_gate', (t) => {
    t.integer('id').primary();
    t.integer('n').notNullable().defaultTo(0);
  });
  await knex('write_gate').insert({ id: 1, n: 0 });

  await knex.schema.createTable('shipments', (t) => {
    t.increments('id').primary();
    t.string('shipment_code', 64).notNullable().unique();
    t.string('status', 24).notNullable();
    t.text('body').notNullable(); // the host body as validated (JSON)
    t.string('body_hash', 64).notNullable(); // sha256 of canonical body: idempotent POST
    t.text('snapshot').notNullable(); // persisted machine snapshot (JSON)
    t.integer('version').notNullable().defaultTo(0); // optimistic lock, +1 per step
    t.integer('provider_priority').nullable(); // priority that booked
    t.string('parent_awb', 64).nullable();
    t.text('label_url').nullable();
    t.string('pickup_time', 32).nullable();
    t.string('appointment_date', 16).nullable();
    t.text('error').nullable(); // JSON { message, attempts[] } when FAILED
    t.text('settings').nullable(); // settings in force when scheduled (JSON, no key)
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['status', 'id']);
  });

  await knex.schema.createTable('boxes', (t) => {
    t.increments('id').primary();
    t.integer('shipment_id').notNullable().references('id').inTable('shipments').onDelete('CASCADE');
    t.integer('position').notNullable(); // 0-based, the host's box order
    t.string('box_code', 128).notNullable();
    t.string('child_awb', 64).nullable();
    t.text('child_label_url').nullable();
    t.unique(['shipment_id', 'position']);
  });

  await knex.schema.createTable('attempts', (t) => {
    t.increments('id').primary();
    t.integer('shipment_id').notNullable().references('id').inTable('shipments').onDelete('CASCADE');
    t.integer('priority').notNullable();
    t.integer('courier_partner_id').notNullable();
    t.string('account_code', 128).notNullable();
    t.string('reference_number', 80).notNullable().unique();
    t.string('outcome', 24).notNullable(); // IN_PROGRESS BOOKED ERROR LABEL_TIMEOUT CANCELLED
    t.integer('meta_status').nullable();
    t.text('message').nullable();
    t.string('error_kind', 32).nullable(); // immediate, configuration, payload, transient
    t.integer('polls').notNullable().defaultTo(0);
    t.string('parent_awb', 64).nullable();
    t.text('label_url').nullable();
    t.string('late_awb', 64).nullable(); // AWB that arrived after the attempt was abandoned
    t.string('late_awb_state', 24).nullable(); // WATCHING CANCELLED CANCEL_FAILED GAVE_UP
    t.bigInteger('started_at').notNullable();
    t.bigInteger('ended_at').nullable();
    t.unique(['shipment_id', 'priority']);
  });

  await knex.schema.createTable('api_calls', (t) => {
    t.increments('id').primary();
    t.integer('shipment_id').nullable();
    t.string('reference_number', 80).nullable();
    t.string('endpoint', 64).notNullable(); // create-order, poll-order, cancel-order, ...
    t.string('method', 8).notNullable();
    t.text('url').notNullable(); // key removed
    t.text('request_body').nullable(); // key removed
    t.text('response_body').nullable(); // key removed
    t.integer('http_status').nullable();
    t.integer('meta_status').nullable();
    t.integer('duration_ms').notNullable();
    t.string('error_kind', 48).nullable(); // stable transport error code, null on an answer
    t.text('error_message').nullable(); // key removed
    t.integer('retry_number').notNullable().defaultTo(0);
    t.boolean('failed').notNullable().defaultTo(false);
    t.bigInteger('created_at').notNullable();
    t.index(['created_at']);
    t.index(['shipment_id']);
  });

  await knex.schema.createTable('tracking_events', (t) => {
    t.increments('id').primary();
    t.integer('shipment_id').nullable();
    t.string('awb', 64).notNullable();
    t.string('dedupe_key', 200).notNullable().unique();
    t.integer('status_code').nullable();
    t.string('status_description', 64).nullable();
    t.integer('bucket').nullable();
    t.text('status').nullable();
    t.text('location').nullable();
    t.text('remark').nullable();
    t.bigInteger('event_time').notNullable(); // the event's own timestamp
    t.bigInteger('received_at').notNullable();
    t.boolean('stale').notNullable().defaultTo(false);
    t.string('source', 16).notNullable(); // webhook, poll
    t.text('raw').nullable();
    t.index(['awb', 'event_time']);
    t.index(['shipment_id', 'event_time']);
  });

  // Durable timers: the machine's delayed events. One row per shipment and timer key;
  // rescheduling replaces the row, cancelling deletes it.
  await knex.schema.createTable('timers', (t) => {
    t.increments('id').primary();
    t.integer('shipment_id').notNullable().references('id').inTable('shipments').onDelete('CASCADE');
    t.string('timer_key', 120).notNullable();
    t.text('event').notNullable(); // JSON event fed to the machine when due
    t.bigInteger('due_at').notNullable();
    t.string('locked_by', 80).nullable();
    t.bigInteger('locked_until').nullable();
    t.unique(['shipment_id', 'timer_key']);
    t.index(['due_at']);
  });

  // Effects outbox: the machine's I/O requests, run by workers with a lease.
  await knex.schema.createTable('effects', (t) => {
    t.increments('id').primary();
    t.integer('shipment_id').nullable().references('id').inTable('shipments').onDelete('CASCADE');
    t.string('kind', 32).notNullable();
    t.text('payload').notNullable(); // JSON
    t.string('idempotency_key', 200).notNullable().unique();
    t.string('status', 16).notNullable(); // PENDING DONE DEAD
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('run_at').notNullable();
    t.string('locked_by', 80).nullable();
    t.bigInteger('locked_until').nullable();
    t.text('last_error').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('done_at').nullable();
    t.index(['status', 'run_at']);
  });

  await knex.schema.createTable('settings', (t) => {
    t.string('key', 64).primary();
    t.text('value').notNullable(); // JSON; the ClickPost key only as AES-256-GCM ciphertext
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['settings', 'effects', 'timers', 'tracking_events', 'api_calls', 'attempts', 'boxes', 'shipments', 'write_gate']) {
    await knex.schema.dropTableIfExists(table);
  }
}
