import type { Kysely } from 'kysely';

/**
 * Issue 6, content and import follow-ups: a news item's publication instant (shown on the public home only from
 * then) and its place on the home page (pinned items first, by position), and the family CSV import runs, whose
 * progress is written outside the import's own transaction so the page can show it. Portable on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // ISO-8601 UTC instant; null: as soon as published.
  await db.schema.alterTable('news').addColumn('publish_at', 'text').execute();
  // 1 = first on the home page; null: not pinned (after the pinned ones, newest date first).
  await db.schema.alterTable('news').addColumn('home_position', 'integer').execute();

  await db.schema
    .createTable('family_import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // 'running', 'done' (applied), 'refused' (a line has an error: nothing written) or 'failed' (unexpected error).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lines_total', 'integer', (c) => c.notNull())
    .addColumn('lines_done', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: the counts and new file numbers, or the refusal's summary.
    .addColumn('result', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('family_import_runs').execute();
  await db.schema.alterTable('news').dropColumn('home_position').execute();
  await db.schema.alterTable('news').dropColumn('publish_at').execute();
}
