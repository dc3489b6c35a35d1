import { sql, type Kysely, type SqlBool } from 'kysely';

/**
 * Mon dossier and Inscriptions (issue 7): the family's requests (démarches) and the documents they upload, the
 * authorised pick-up persons, e-mail change tokens, notification preferences, how each activity accepts enrolments
 * and which documents it requires, the reason of an enrolment decision, and the per-family byte counter that
 * enforces the upload quota (only conditional updates move it, as for booking capacity).
 * Portable on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // 'automatic': an enrolment is accepted when asked (with the required documents); 'manual': staff decide.
  await db.schema.alterTable('activities').addColumn('enrolment_mode', 'text', (c) => c.notNull().defaultTo('manual')).execute();
  // JSON array of document kinds (core/documents/kinds.ts) a family must attach to enrol.
  await db.schema.alterTable('activities').addColumn('required_documents', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  // Why staff refused the enrolment or put it on the waiting list (shown to the family).
  await db.schema.alterTable('enrolments').addColumn('decision_message', 'text').execute();
  // Bytes of the family's stored documents: the quota is `document_bytes + n <= quota` in one UPDATE.
  await db.schema.alterTable('families').addColumn('document_bytes', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('authorised_persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('authorised_persons_family_idx').on('authorised_persons').columns(['family_id', 'position']).execute();

  await db.schema
    .createTable('family_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('child_id', 'text', (c) => c.references('children.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    // 'pending' → 'accepted' | 'refused'; a deleted document keeps its row (decided requests point to it).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_message', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('deleted_at', 'text')
    .addCheckConstraint('family_documents_size_ck', sql`size_bytes > 0`)
    .execute();
  await db.schema.createIndex('family_documents_family_idx').on('family_documents').columns(['family_id', 'created_at']).execute();

  await db.schema
    .createTable('requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the request is about within its kind ('' for the family itself, a child id, an enrolment or document id).
    .addColumn('subject', 'text', (c) => c.notNull())
    // 'submitted' → 'accepted' | 'refused' (staff) | 'withdrawn' (the family).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('child_id', 'text', (c) => c.references('children.id'))
    .addColumn('enrolment_id', 'text', (c) => c.references('enrolments.id'))
    .addColumn('document_id', 'text', (c) => c.references('family_documents.id'))
    // The change asked, as JSON (core/requests/model.ts).
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('family_note', 'text', (c) => c.notNull())
    // Staff's message to the family with the decision.
    .addColumn('message', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_label', 'text')
    .execute();
  // One open request per family, kind and subject: a second address change waits for the first decision.
  await db.schema
    .createIndex('requests_one_open')
    .on('requests')
    .columns(['family_id', 'kind', 'subject'])
    .unique()
    .where(sql.raw<SqlBool>(`status = 'submitted'`))
    .execute();
  await db.schema.createIndex('requests_status_created_idx').on('requests').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('requests_family_created_idx').on('requests').columns(['family_id', 'created_at']).execute();

  await db.schema
    .createTable('request_documents')
    .addColumn('request_id', 'text', (c) => c.notNull().references('requests.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('family_documents.id'))
    .addPrimaryKeyConstraint('request_documents_pk', ['request_id', 'document_id'])
    .execute();
  await db.schema.createIndex('request_documents_document_idx').on('request_documents').column('document_id').execute();

  await db.schema
    .createTable('email_change_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('new_email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('email_change_tokens_user_idx').on('email_change_tokens').column('user_id').execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    .addColumn('request_decisions', 'integer', (c) => c.notNull())
    .addColumn('enrolment_decisions', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Dossier migration cannot be reverted: restore a backup instead.');
}
