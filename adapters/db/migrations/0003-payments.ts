import { sql, type Kysely, type SqlBool } from 'kysely';

/**
 * Prices and online payment: the grid rules (sibling reduction, tarif majoré, PAI, absence penalty) and per-bracket
 * PAI prices; the family balance (credit / Restant dû) and its movements; payment transactions, the lines they pay,
 * the notifications received, the anomalies for staff, numbering series, and the demo bank's sessions.
 * Portable on SQLite and PostgreSQL (partial unique indexes and CHECK constraints exist on both).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('price_grids').addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  await db.schema.alterTable('price_grids').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('price_grids').addColumn('updated_by', 'text').execute();
  await db.schema.alterTable('price_brackets').addColumn('pai_cents', 'integer').execute();
  // One grid per activity and effective date (a new version of the grid has a new date).
  await db.schema.createIndex('price_grids_activity_from_uq').on('price_grids').columns(['activity_id', 'effective_from']).unique().execute();

  await db.schema
    .createTable('family_balances')
    .addColumn('family_id', 'text', (c) => c.primaryKey().references('families.id'))
    .addColumn('balance_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('family_credits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('family_credits_family_idx').on('family_credits').columns(['family_id', 'created_at']).execute();

  await db.schema
    .createTable('payment_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('redirect_url', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('carried_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('payable_key', 'text', (c) => c.notNull())
    .addColumn('checkout_id', 'text', (c) => c.notNull())
    .addColumn('checkout_position', 'integer', (c) => c.notNull())
    .addColumn('basket_id', 'text')
    .addColumn('email', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('settled_at', 'text')
    .addColumn('result_code', 'text')
    .addColumn('result_detail', 'text')
    .addColumn('receipt_number', 'text', (c) => c.unique())
    .addColumn('receipt_sent_at', 'text')
    .addColumn('last_polled_at', 'text')
    .addCheckConstraint('payment_transactions_amount_ck', sql`amount_cents >= 0`)
    .addCheckConstraint(
      'payment_transactions_state_ck',
      sql`state in ('started', 'waiting', 'paid', 'denied', 'cancelled', 'expired', 'error')`,
    )
    .execute();
  await db.schema.createIndex('payment_transactions_provider_ref_uq').on('payment_transactions').columns(['provider', 'provider_ref']).unique().execute();
  // At most one running transaction per payable (a basket, an invoice): two concurrent « Payer » make one payment.
  await db.schema
    .createIndex('payment_transactions_one_running_uq')
    .on('payment_transactions')
    .column('payable_key')
    .unique()
    .where(sql.raw<SqlBool>(`state in ('started', 'waiting')`))
    .execute();
  await db.schema.createIndex('payment_transactions_state_idx').on('payment_transactions').columns(['state', 'expires_at']).execute();
  await db.schema.createIndex('payment_transactions_family_idx').on('payment_transactions').columns(['family_id', 'created_at']).execute();
  await db.schema.createIndex('payment_transactions_checkout_idx').on('payment_transactions').columns(['checkout_id', 'checkout_position']).execute();

  await db.schema
    .createTable('payment_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('payment_transactions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payable_id', 'text')
    .addColumn('child_id', 'text')
    .addColumn('child_first_name', 'text')
    .addColumn('activity_id', 'text')
    .addColumn('activity_name', 'text')
    .addColumn('activity_kind', 'text')
    .addColumn('day', 'text')
    .addColumn('action', 'text')
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('price_label', 'text', (c) => c.notNull())
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('payment_lines_transaction_idx').on('payment_lines').columns(['transaction_id', 'position']).execute();

  await db.schema
    .createTable('payment_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('transaction_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('payment_events_key_uq', ['provider', 'event_key'])
    .execute();

  await db.schema
    .createTable('payment_anomalies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('transaction_id', 'text')
    .addColumn('family_id', 'text')
    .addColumn('amount_cents', 'integer')
    .addColumn('expected_cents', 'integer')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('payment_anomalies_open_idx').on('payment_anomalies').columns(['resolved_at', 'created_at']).execute();

  await db.schema
    .createTable('payment_counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('demo_bank_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('return_url', 'text', (c) => c.notNull())
    .addColumn('notify_url', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('demo_bank_sessions_reference_uq').on('demo_bank_sessions').column('reference').unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Payments migration cannot be reverted: restore a backup instead.');
}
