import type { Actor } from '../accounts/manage-users';
import type { Clock } from '../ports';
import type { ContentStore, PublishedDocument } from './types';
import { checkUpload, safeFileName, type UploadProblem } from './uploads';

export const DOCUMENT_TITLE_MAX = 200;
export const DOCUMENT_DESCRIPTION_MAX = 1_000;

/** Where uploaded bytes go (adapters/files/file-store.ts): random keys, outside the web root. */
export interface FileStorage {
  save(bytes: Uint8Array): Promise<string>;
  remove(key: string): Promise<void>;
}

/** A posted file, read only once its announced size is acceptable (a web `File` fits through `fromWebFile`). */
export interface UploadedFile {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export function fromWebFile(file: File): UploadedFile {
  return { name: file.name, size: file.size, read: async () => new Uint8Array(await file.arrayBuffer()) };
}

export type DocumentField = 'title' | 'description' | 'file';
export type DocumentProblem = 'required' | 'too_long' | UploadProblem;
export type DocumentErrors = Partial<Record<DocumentField, DocumentProblem>>;

export interface PublishDocumentDeps {
  store: ContentStore;
  files: FileStorage;
  sniffMediaType: (bytes: Uint8Array) => Promise<string | null>;
  clock: Clock;
  maxBytes: number;
}

export type PublishDocumentResult = { ok: true; document: PublishedDocument } | { ok: false; errors: DocumentErrors };

/**
 * Stores a staff document: the type is decided by the bytes (PDF, JPEG or PNG), never by the name or the browser;
 * the file is saved under a random key, then the row and its audit event are written in one transaction. If that
 * transaction fails the file is removed, so nothing half-stored remains. Refusals store nothing at all.
 */
export async function publishDocument(
  options: { title: unknown; description?: unknown; file: UploadedFile | null; published: boolean; actor: Actor },
  deps: PublishDocumentDeps,
): Promise<PublishDocumentResult> {
  const title = typeof options.title === 'string' ? options.title.trim() : '';
  const description = typeof options.description === 'string' ? options.description.replace(/\r\n?/g, '\n').trim() : '';
  const errors: DocumentErrors = {};
  if (!title) errors.title = 'required';
  else if (title.length > DOCUMENT_TITLE_MAX) errors.title = 'too_long';
  if (description.length > DOCUMENT_DESCRIPTION_MAX) errors.description = 'too_long';

  const file = options.file;
  let bytes: Uint8Array | null = null;
  let mediaType: ReturnType<typeof checkUpload> | null = null;
  if (!file || (!file.name && file.size === 0)) {
    errors.file = 'required';
  } else if (file.size > deps.maxBytes) {
    errors.file = 'too_large'; // refused on the announced size, before reading anything
  } else {
    bytes = await file.read();
    mediaType = checkUpload({ size: bytes.length, sniffedMediaType: bytes.length > 0 ? await deps.sniffMediaType(bytes) : null }, deps.maxBytes);
    if (!mediaType.ok) errors.file = mediaType.error;
  }
  if (Object.keys(errors).length > 0 || !file || !bytes || !mediaType?.ok) return { ok: false, errors };

  const fileName = safeFileName(file.name, mediaType.mediaType);
  const storageKey = await deps.files.save(bytes);
  const now = deps.clock.now();
  try {
    const document = await deps.store.transaction(async (repos) => {
      const created = await repos.documents.create(
        { title, description, storageKey, fileName, mediaType: mediaType.mediaType, sizeBytes: bytes.length, published: options.published },
        options.actor.userId,
        now,
      );
      await repos.audit.record(
        {
          actorUserId: options.actor.userId,
          actorLabel: options.actor.label,
          action: 'document.uploaded',
          target: `document:${created.id}`,
          ip: options.actor.ip,
          details: { title, fileName, mediaType: created.mediaType, sizeBytes: created.sizeBytes, published: created.published },
        },
        now,
      );
      return created;
    });
    return { ok: true, document };
  } catch (error) {
    await deps.files.remove(storageKey).catch(() => undefined);
    throw error;
  }
}

/** Publishes or withdraws a document; a no-op change (already in that state) writes nothing. */
export async function setDocumentPublished(
  options: { id: string; published: boolean; actor: Actor },
  deps: { store: ContentStore; clock: Clock },
): Promise<{ ok: true; document: PublishedDocument; changed: boolean } | { ok: false; error: 'not_found' }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (repos) => {
    const document = await repos.documents.find(options.id);
    if (!document) return { ok: false as const, error: 'not_found' as const };
    if (document.published === options.published) return { ok: true as const, document, changed: false };
    await repos.documents.setPublished(document.id, options.published, now);
    await repos.audit.record(
      {
        actorUserId: options.actor.userId,
        actorLabel: options.actor.label,
        action: options.published ? 'document.published' : 'document.unpublished',
        target: `document:${document.id}`,
        ip: options.actor.ip,
        details: { title: document.title },
      },
      now,
    );
    return { ok: true as const, document: { ...document, published: options.published }, changed: true };
  });
}
