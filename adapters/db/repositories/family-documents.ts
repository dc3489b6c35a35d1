import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { isDocumentKind, type DocumentStatus } from '../../../core/documents/kinds';
import type { FamilyDocument, FamilyDocumentRepository } from '../../../core/documents/model';
import type { Database } from '../schema';
import type { FamilyDocumentTable } from '../schema';

const STATUSES: readonly DocumentStatus[] = ['pending', 'accepted', 'refused'];

export function toFamilyDocument(row: Selectable<FamilyDocumentTable>): FamilyDocument {
  return {
    id: row.id,
    familyId: row.family_id,
    childId: row.child_id,
    kind: isDocumentKind(row.kind) ? row.kind : 'autre',
    storageKey: row.storage_key,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    status: (STATUSES as readonly string[]).includes(row.status) ? (row.status as DocumentStatus) : 'pending',
    reviewMessage: row.review_message,
    validUntil: row.valid_until,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
    deletedAt: row.deleted_at,
  };
}

/** Documents families upload; the per-family byte counter (families.document_bytes) enforces the quota. */
export function familyDocumentRepository(db: Kysely<Database>): FamilyDocumentRepository {
  return {
    async find(familyId, documentId) {
      const row = await db
        .selectFrom('family_documents')
        .selectAll()
        .where('id', '=', documentId)
        .where('family_id', '=', familyId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return row ? toFamilyDocument(row) : null;
    },

    async findAny(documentId) {
      const row = await db.selectFrom('family_documents').selectAll().where('id', '=', documentId).where('deleted_at', 'is', null).executeTakeFirst();
      return row ? toFamilyDocument(row) : null;
    },

    async list(familyId) {
      const rows = await db
        .selectFrom('family_documents')
        .selectAll()
        .where('family_id', '=', familyId)
        .where('deleted_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toFamilyDocument);
    },

    async byIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('family_documents').selectAll().where('id', 'in', [...ids]).execute();
      return rows.map(toFamilyDocument);
    },

    async create(doc, now) {
      const row: Selectable<FamilyDocumentTable> = {
        id: randomUUID(),
        family_id: doc.familyId,
        child_id: doc.childId,
        kind: doc.kind,
        storage_key: doc.storageKey,
        file_name: doc.fileName,
        media_type: doc.mediaType,
        size_bytes: doc.sizeBytes,
        status: 'pending',
        review_message: null,
        valid_until: null,
        uploaded_by: doc.uploadedBy,
        created_at: now.toISOString(),
        reviewed_at: null,
        reviewed_by: null,
        deleted_at: null,
      };
      await db.insertInto('family_documents').values(row).execute();
      return toFamilyDocument(row);
    },

    async reserveBytes(familyId, bytes, quota) {
      const result = await db
        .updateTable('families')
        .set({ document_bytes: sql<number>`document_bytes + ${bytes}` })
        .where('id', '=', familyId)
        .where(sql<boolean>`document_bytes + ${bytes} <= ${quota}`)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async releaseBytes(familyId, bytes) {
      await db
        .updateTable('families')
        .set({ document_bytes: sql<number>`CASE WHEN document_bytes >= ${bytes} THEN document_bytes - ${bytes} ELSE 0 END` })
        .where('id', '=', familyId)
        .execute();
    },

    async usedBytes(familyId) {
      const row = await db.selectFrom('families').select('document_bytes').where('id', '=', familyId).executeTakeFirst();
      return Number(row?.document_bytes ?? 0);
    },

    async review(ids, review, now) {
      if (ids.length === 0) return;
      const rows = await db.selectFrom('family_documents').selectAll().where('id', 'in', [...ids]).where('status', '=', 'pending').execute();
      for (const row of rows) {
        const doc = toFamilyDocument(row);
        await db
          .updateTable('family_documents')
          .set({
            status: review.status,
            review_message: review.message,
            valid_until: review.status === 'accepted' ? review.validUntil(doc) : null,
            reviewed_at: now.toISOString(),
            reviewed_by: review.reviewerId,
          })
          .where('id', '=', doc.id)
          .where('status', '=', 'pending')
          .execute();
      }
    },

    async markDeleted(familyId, documentId, now) {
      const result = await db
        .updateTable('family_documents')
        .set({ deleted_at: now.toISOString() })
        .where('id', '=', documentId)
        .where('family_id', '=', familyId)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
