import { sql, type Kysely } from 'kysely';

/**
 * Back office (issue 6): which sites each staff member works at (animateurs see only theirs), attendance with its
 * log of received marks (each idempotency key applied once), the kitchen's meal counts frozen at the booking
 * deadline, and a purpose on the single-use password tokens (account activation by e-mailed link or by printed
 * code, besides the password reset). Portable on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 'reset' (the existing rows), 'activation' (link by e-mail) or 'activation_code' (letter).
  await db.schema.alterTable('password_reset_tokens').addColumn('purpose', 'text', (c) => c.notNull().defaultTo('reset')).execute();
  await db.schema.createIndex('password_reset_tokens_user_purpose_idx').on('password_reset_tokens').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('staff_sites')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_sites_pk', ['user_id', 'site_id'])
    .execute();

  // One row per child, activity and day: the latest mark (by the time it was tapped) wins.
  await db.schema
    .createTable('attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.notNull().references('children.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('justified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('certificate_storage_key', 'text', (c) => c.unique())
    .addColumn('certificate_file_name', 'text')
    .addColumn('certificate_media_type', 'text')
    .addColumn('certificate_size_bytes', 'integer')
    .addColumn('justified_at', 'text')
    .addColumn('justified_by', 'text')
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('attendance_child_activity_day_uq', ['child_id', 'activity_id', 'day'])
    .addCheckConstraint('attendance_status_ck', sql`status in ('present', 'absent', 'present_unbooked')`)
    .execute();
  await db.schema.createIndex('attendance_activity_day_idx').on('attendance').columns(['activity_id', 'day']).execute();

  // Every mark received, by its idempotency key (made by the tablet per tap): a mark sent twice is applied once.
  await db.schema
    .createTable('attendance_marks')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();

  // What the kitchen cooks: the reserved meals by diet at the booking deadline, stored once per activity and day.
  await db.schema
    .createTable('meal_snapshots')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('standard', 'integer', (c) => c.notNull())
    .addColumn('sans_porc', 'integer', (c) => c.notNull())
    .addColumn('vegetarien', 'integer', (c) => c.notNull())
    .addColumn('pai', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('meal_snapshots_pk', ['activity_id', 'day'])
    .execute();

  // Family search and the import's matching read these.
  await db.schema.createIndex('guardians_email_idx').on('guardians').column('email').execute();
  await db.schema.createIndex('families_email_idx').on('families').column('email').execute();
  await db.schema.createIndex('children_site_idx').on('children').column('site_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Back-office migration cannot be reverted: restore a backup instead.');
}
