/**
 * One circuit breaker per courier account (issue 11): consecutive transient failures, when
 * it is open until, the probe in flight, and the last ClickPost answer for the account
 * (readiness shows it). Shared by every node on PostgreSQL.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('account_breakers', (t) => {
    t.string('account_key', 160).primary(); // `${courier_partner_id}:${account_code}`
    t.integer('courier_partner_id').notNullable();
    t.string('account_code', 128).notNullable();
    t.string('state', 16).notNullable(); // CLOSED OPEN HALF_OPEN
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    t.bigInteger('open_until').nullable();
    t.bigInteger('probe_until').nullable();
    t.string('last_outcome', 32).nullable(); // the Outcome kind of the last answer
    t.integer('last_http_status').nullable();
    t.integer('last_meta_status').nullable();
    t.text('last_message').nullable();
    t.bigInteger('last_at').nullable();
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('account_breakers');
}
