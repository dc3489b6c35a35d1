import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DocumentRepository, PublishedDocument } from '../../../core/content/types';
import type { Database, DocumentTable } from '../schema';

function toDocument(row: Selectable<DocumentTable>): PublishedDocument {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    storageKey: row.storage_key,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    published: row.published === 1,
    createdAt: row.created_at,
  };
}

export function documentRepository(db: Kysely<Database>): DocumentRepository {
  return {
    async listPublished() {
      const rows = await db.selectFrom('documents').selectAll().where('published', '=', 1).orderBy('created_at', 'desc').execute();
      return rows.map(toDocument);
    },
    async listAll() {
      const rows = await db.selectFrom('documents').selectAll().orderBy('created_at', 'desc').execute();
      return rows.map(toDocument);
    },
    async find(id) {
      const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toDocument(row) : null;
    },
    async create(doc, createdBy, now) {
      const row = {
        id: randomUUID(),
        title: doc.title,
        description: doc.description,
        storage_key: doc.storageKey,
        file_name: doc.fileName,
        media_type: doc.mediaType,
        size_bytes: doc.sizeBytes,
        published: doc.published ? 1 : 0,
        created_by: createdBy,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await db.insertInto('documents').values(row).execute();
      return toDocument(row);
    },
    async setPublished(id, published, now) {
      const result = await db
        .updateTable('documents')
        .set({ published: published ? 1 : 0, updated_at: now.toISOString() })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
