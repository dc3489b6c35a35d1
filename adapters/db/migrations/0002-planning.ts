import { sql, type Kysely, type SqlBool } from 'kysely';

/**
 * Planning and reservations: baskets and their lines, the per-(activity, day) counter of reserved places that
 * enforces capacity under concurrency, confirmation reports (a replayed Terminer shows the first one), staff imports
 * of the school holidays, the waiting-list order on bookings and the waiting-list switch on activities.
 * Portable on SQLite and PostgreSQL (partial unique index and CHECK are supported by both).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('activities').addColumn('waiting_list', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  // Waiting-list order: first queued, first served (ties broken by id).
  await db.schema.alterTable('bookings').addColumn('queued_at', 'text').execute();

  // Reserved places per activity and day. Only conditional updates move it (`reserved < capacity`); a row is created
  // on demand from the reserved bookings (INSERT … ON CONFLICT DO NOTHING).
  await db.schema
    .createTable('activity_days')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('activity_days_pk', ['activity_id', 'day'])
    .addCheckConstraint('activity_days_reserved_ck', sql`reserved >= 0`)
    .execute();

  await db.schema
    .createTable('baskets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('lines_since', 'text')
    .addColumn('reminder_sent_at', 'text')
    .execute();
  // One open basket per family (a partial unique index: both databases have them).
  await db.schema.createIndex('baskets_one_open_per_family').on('baskets').column('family_id').unique().where(sql.raw<SqlBool>(`status = 'open'`)).execute();
  await db.schema.createIndex('baskets_status_lines_since_idx').on('baskets').columns(['status', 'lines_since']).execute();
  await db.schema.createIndex('baskets_status_expires_idx').on('baskets').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('basket_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('basket_id', 'text', (c) => c.notNull().references('baskets.id'))
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('billing_mode', 'text', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('price_label', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('basket_lines_cell_uq', ['basket_id', 'child_id', 'activity_id', 'day'])
    .execute();

  await db.schema
    .createTable('confirmation_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('basket_id', 'text', (c) => c.references('baskets.id'))
    .addColumn('basket_version', 'integer')
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A basket version is confirmed once (staff changes have no basket: NULLs never collide).
    .addUniqueConstraint('confirmation_reports_basket_version_uq', ['basket_id', 'basket_version'])
    .execute();
  // Day counts and waiting-list positions read (activity, day, status, queue order) without touching the rows.
  await db.schema.createIndex('bookings_activity_day_status_idx').on('bookings').columns(['activity_id', 'day', 'status', 'queued_at']).execute();
  await db.schema.createIndex('confirmation_reports_family_idx').on('confirmation_reports').columns(['family_id', 'created_at']).execute();

  await db.schema
    .createTable('school_holiday_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('csv_text', 'text', (c) => c.notNull())
    .addColumn('period_count', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('school_holiday_imports_at_idx').on('school_holiday_imports').column('imported_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Planning migration cannot be reverted: restore a backup instead.');
}
