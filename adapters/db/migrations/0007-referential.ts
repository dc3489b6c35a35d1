import type { Kysely } from 'kysely';

/**
 * Referential (issue 6): the classes of each site (« CP – Mme Durand », level CP), edited in the back office. Only
 * foundation tables are referenced, so it runs whatever 0006 / 0008 add.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('site_classes_site_name_uq', ['site_id', 'name'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_classes').execute();
}
