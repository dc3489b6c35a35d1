import { sql, type Kysely, type SqlBool } from 'kysely';

/**
 * Monthly invoicing and the family's account (issue 5): invoicing runs (progress, resumable), numbered invoices and
 * credit notes (numbers from a counter row updated in the issuing transaction), the account's entries (what moved the
 * Restant dû, line by line), allocations of money to invoices, payments recorded at the régie, SEPA mandates, batches
 * and debits. Nothing here is ever deleted: a cancelled payment or a rejected debit keeps its row with its reason.
 * Portable on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The commune's address (on invoices) and its SEPA creditor identity (ICS and account).
  await db.schema
    .alterTable('organisation')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('organisation').addColumn('sepa_creditor_id', 'text').execute();
  await db.schema.alterTable('organisation').addColumn('sepa_iban', 'text').execute();
  await db.schema.alterTable('organisation').addColumn('sepa_bic', 'text').execute();

  await db.schema
    .createTable('invoice_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('regie', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('families_total', 'integer', (c) => c.notNull())
    .addColumn('families_done', 'integer', (c) => c.notNull())
    .addColumn('invoices_issued', 'integer', (c) => c.notNull())
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The issuer holding the run renews this at each chunk; another may take over once it has passed (a crash).
    .addColumn('lease_until', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('invoice_runs_regie_month_uq', ['regie', 'month'])
    .addCheckConstraint('invoice_runs_status_ck', sql`status in ('running', 'done')`)
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('regie', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text', (c) => c.references('invoice_runs.id'))
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('payer_address', 'text', (c) => c.notNull())
    .addColumn('family_file_number', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('paid_cents', 'integer', (c) => c.notNull())
    .addColumn('credited_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mandate_id', 'text')
    .addColumn('debit_date', 'text')
    .addColumn('emailed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invoices_number_uq', ['regie', 'series', 'year', 'number'])
    // Running the same month twice issues nothing twice.
    .addUniqueConstraint('invoices_family_month_uq', ['regie', 'family_id', 'month'])
    .addCheckConstraint('invoices_status_ck', sql`status in ('open', 'paid', 'cancelled')`)
    .addCheckConstraint(
      'invoices_amounts_ck',
      sql`total_cents >= 0 and paid_cents >= 0 and credited_cents >= 0 and paid_cents + credited_cents <= total_cents`,
    )
    .execute();
  await db.schema.createIndex('invoices_family_idx').on('invoices').columns(['family_id', 'issue_date']).execute();
  await db.schema.createIndex('invoices_status_due_idx').on('invoices').columns(['status', 'due_date']).execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('child_name', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('activity_name', 'text', (c) => c.notNull())
    .addColumn('activity_kind', 'text', (c) => c.notNull())
    .addColumn('site_name', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('first_day', 'text', (c) => c.notNull())
    .addColumn('last_day', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invoice_lines_invoice_idx').on('invoice_lines').columns(['invoice_id', 'position']).execute();

  await db.schema
    .createTable('credit_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('regie', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('credit_notes_number_uq', ['regie', 'series', 'year', 'number'])
    .addCheckConstraint('credit_notes_amount_ck', sql`amount_cents > 0`)
    .execute();

  // The family's account: every change of what the family owes on invoices, signed (+ owed more, − owed less).
  // With the credit movements (family_credits) it explains the Restant dû line by line.
  await db.schema
    .createTable('account_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text')
    .addColumn('source_kind', 'text')
    .addColumn('source_id', 'text')
    .execute();
  await db.schema.createIndex('account_entries_family_idx').on('account_entries').columns(['family_id', 'at']).execute();

  // Money put on an invoice: from the family's credit, a régie payment, an online payment, a direct debit.
  await db.schema
    .createTable('invoice_allocations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reversed_at', 'text')
    .addColumn('reversal_reason', 'text')
    .addCheckConstraint('invoice_allocations_amount_ck', sql`amount_cents > 0`)
    .execute();
  await db.schema.createIndex('invoice_allocations_invoice_idx').on('invoice_allocations').columns(['invoice_id']).execute();
  await db.schema.createIndex('invoice_allocations_source_idx').on('invoice_allocations').columns(['source_kind', 'source_id']).execute();

  await db.schema
    .createTable('regie_payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('regie', 'text', (c) => c.notNull())
    .addColumn('receipt_number', 'text', (c) => c.notNull().unique())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('credited_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('regie_payments_method_ck', sql`method in ('especes', 'cheque', 'cesu', 'carte')`)
    .addCheckConstraint('regie_payments_status_ck', sql`status in ('recorded', 'cancelled')`)
    .addCheckConstraint('regie_payments_amount_ck', sql`amount_cents > 0`)
    .execute();
  await db.schema.createIndex('regie_payments_received_idx').on('regie_payments').columns(['regie', 'received_on']).execute();

  await db.schema
    .createTable('sepa_mandates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('rum', 'text', (c) => c.notNull().unique())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addCheckConstraint('sepa_mandates_status_ck', sql`status in ('active', 'revoked')`)
    .execute();
  // One active mandate per family.
  await db.schema
    .createIndex('sepa_mandates_active_uq')
    .on('sepa_mandates')
    .column('family_id')
    .unique()
    .where(sql.raw<SqlBool>(`status = 'active'`))
    .execute();

  await db.schema
    .createTable('sepa_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('collection_date', 'text', (c) => c.notNull())
    .addColumn('debit_count', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('xml', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sepa_debits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('sepa_batches.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('mandate_id', 'text', (c) => c.notNull().references('sepa_mandates.id'))
    .addColumn('family_id', 'text', (c) => c.notNull())
    .addColumn('end_to_end_id', 'text', (c) => c.notNull().unique())
    .addColumn('sequence', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reject_code', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('rejected_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sepa_debits_status_ck', sql`status in ('submitted', 'rejected')`)
    .execute();
  // An invoice is in at most one debit that was not rejected.
  await db.schema
    .createIndex('sepa_debits_invoice_uq')
    .on('sepa_debits')
    .column('invoice_id')
    .unique()
    .where(sql.raw<SqlBool>(`status = 'submitted'`))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Invoicing migration cannot be reverted (financial records are never deleted): restore a backup instead.');
}
