/**
 * Family documents: upload (type by content, size limit, per-family quota enforced by the database, random storage
 * names), deletion, and the helpers the requests use to attach new files. A file is written before the
 * transaction and removed if the transaction does not commit: nothing is ever stored half-way.
 */
import type { Actor } from '../accounts/manage-users';
import type { DossierDeps, DossierRepositories } from '../families/ports';
import { done, isRollback, refused, Rollback, type Outcome } from '../requests/outcome';
import type { DocumentKind } from './kinds';
import type { FamilyDocument } from './model';
import { checkPostedFile, isNoFile, type CheckedFile, type FileProblem, type PostedFile } from './upload';

export type UploadError = FileProblem | 'quota_exceeded';

export interface NewUpload {
  kind: DocumentKind;
  childId: string | null;
  file: CheckedFile;
}

export interface SavedUpload extends NewUpload {
  storageKey: string;
}

type UploadDeps = Pick<DossierDeps, 'files' | 'sniffMediaType' | 'settings'>;

/** Checks a posted file (nothing stored yet). */
export function checkFile(file: PostedFile | null, deps: UploadDeps) {
  return checkPostedFile(file, { maxBytes: deps.settings.uploadMaxBytes, sniffMediaType: deps.sniffMediaType });
}

export { isNoFile };

/** Writes the bytes under random keys, before the transaction. On failure, what was written is removed. */
export async function saveUploads(uploads: readonly NewUpload[], deps: Pick<DossierDeps, 'files'>): Promise<SavedUpload[]> {
  const saved: SavedUpload[] = [];
  try {
    for (const upload of uploads) saved.push({ ...upload, storageKey: await deps.files.save(upload.file.bytes) });
    return saved;
  } catch (error) {
    await removeFiles(saved.map((s) => s.storageKey), deps);
    throw error;
  }
}

export async function removeFiles(keys: readonly string[], deps: Pick<DossierDeps, 'files'>): Promise<void> {
  for (const key of keys) await deps.files.remove(key).catch(() => undefined);
}

/** Inside the transaction: takes the bytes from the family's quota, then inserts the rows. Throws Rollback('quota_exceeded'). */
export async function insertUploads(
  repos: DossierRepositories,
  input: { familyId: string; saved: readonly SavedUpload[]; uploadedBy: string | null; quota: number },
  now: Date,
): Promise<FamilyDocument[]> {
  if (input.saved.length === 0) return [];
  const total = input.saved.reduce((sum, s) => sum + s.file.bytes.length, 0);
  if (!(await repos.familyDocuments.reserveBytes(input.familyId, total, input.quota))) throw new Rollback('quota_exceeded');
  const documents: FamilyDocument[] = [];
  for (const s of input.saved) {
    documents.push(
      await repos.familyDocuments.create(
        {
          familyId: input.familyId,
          childId: s.childId,
          kind: s.kind,
          storageKey: s.storageKey,
          fileName: s.file.fileName,
          mediaType: s.file.mediaType,
          sizeBytes: s.file.bytes.length,
          uploadedBy: input.uploadedBy,
        },
        now,
      ),
    );
  }
  return documents;
}

/** A quick refusal before writing anything when the quota is obviously exceeded (the database re-checks). */
export async function quotaLeft(familyId: string, deps: Pick<DossierDeps, 'store' | 'settings'>): Promise<number> {
  return deps.settings.familyQuotaBytes - (await deps.store.familyDocuments.usedBytes(familyId));
}

/**
 * « Déposer un document »: the document and its review request (a démarche the family follows and staff decide)
 * are created together. A child named must be the family's (else not_found, as an unknown id).
 */
export async function uploadFamilyDocument(
  input: { familyId: string; kind: DocumentKind; childId: string | null; file: PostedFile | null; note: string; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<{ document: FamilyDocument; requestId: string }, UploadError | 'not_found'>> {
  const { store } = deps;
  if (input.childId) {
    const file = await store.familyFile.file(input.familyId);
    if (!file?.children.some((c) => c.id === input.childId)) return refused('not_found');
  }
  const checked = await checkFile(input.file, deps);
  if (!checked.ok) return refused(checked.error);
  if (checked.file.bytes.length > (await quotaLeft(input.familyId, deps))) return refused('quota_exceeded');

  const [saved] = await saveUploads([{ kind: input.kind, childId: input.childId, file: checked.file }], deps);
  const now = deps.clock.now();
  try {
    const value = await store.transaction(async (repos) => {
      const [document] = await insertUploads(repos, { familyId: input.familyId, saved: [saved], uploadedBy: input.actor.userId, quota: deps.settings.familyQuotaBytes }, now);
      const request = await repos.requests.create(
        {
          familyId: input.familyId,
          kind: 'document_review',
          subject: document.id,
          status: 'submitted',
          childId: input.childId,
          enrolmentId: null,
          documentId: document.id,
          payload: { kind: 'document_review', documentId: document.id, documentKind: document.kind },
          familyNote: input.note,
          createdBy: input.actor.userId,
        },
        now,
      );
      if (!request) throw new Error('a new document already has a review request');
      await repos.requests.attachDocuments(request.id, [document.id]);
      await repos.audit.record(
        {
          actorUserId: input.actor.userId,
          actorLabel: input.actor.label,
          action: 'family_document.uploaded',
          target: `family_document:${document.id}`,
          ip: input.actor.ip,
          details: { familyId: input.familyId, kind: document.kind, fileName: document.fileName, mediaType: document.mediaType, sizeBytes: document.sizeBytes, requestId: request.id },
        },
        now,
      );
      return { document, requestId: request.id };
    });
    return done(value);
  } catch (error) {
    await removeFiles([saved.storageKey], deps);
    if (isRollback(error)) return refused(error.error as UploadError);
    throw error;
  }
}

/**
 * Deletes a document of the family: refused while a request other than its own review waits on it (the proof of a
 * pending change); its own pending review is withdrawn with it. The row stays (marked deleted) for the decided
 * requests that point to it; the bytes are released and the file removed after commit.
 */
export async function deleteFamilyDocument(
  input: { familyId: string; documentId: string; actor: Actor },
  deps: DossierDeps,
): Promise<Outcome<null, 'not_found' | 'in_use'>> {
  const now = deps.clock.now();
  let storageKey: string | null = null;
  try {
    await deps.store.transaction(async (repos) => {
      const document = await repos.familyDocuments.find(input.familyId, input.documentId);
      if (!document) throw new Rollback('not_found');
      const open = await repos.requests.openRequestsWithDocument(document.id);
      if (open.some((r) => r.kind !== 'document_review')) throw new Rollback('in_use');
      if (!(await repos.familyDocuments.markDeleted(input.familyId, document.id, now))) throw new Rollback('not_found');
      for (const request of open) {
        await repos.requests.close(request.id, { status: 'withdrawn', message: null, decidedBy: input.actor.userId, decidedByLabel: input.actor.label }, now);
      }
      await repos.familyDocuments.releaseBytes(input.familyId, document.sizeBytes);
      await repos.audit.record(
        {
          actorUserId: input.actor.userId,
          actorLabel: input.actor.label,
          action: 'family_document.deleted',
          target: `family_document:${document.id}`,
          ip: input.actor.ip,
          details: { familyId: input.familyId, kind: document.kind, fileName: document.fileName },
        },
        now,
      );
      storageKey = document.storageKey;
    });
  } catch (error) {
    if (isRollback(error)) return refused(error.error as 'not_found' | 'in_use');
    throw error;
  }
  if (storageKey) await removeFiles([storageKey], deps);
  return done(null);
}
