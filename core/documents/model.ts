import type { PlainDate } from '../calendar';
import type { DocumentKind, DocumentStatus } from './kinds';

/** A document a family uploaded (an attestation, a certificate, a proof attached to a request). */
export interface FamilyDocument {
  id: string;
  familyId: string;
  childId: string | null;
  kind: DocumentKind;
  storageKey: string;
  /** Safe display and download name (core/content/uploads.ts safeFileName). */
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  status: DocumentStatus;
  /** Staff's word when they refused (or accepted with a remark). */
  reviewMessage: string | null;
  /** Last day the document is valid (inclusive); null: no expiry. */
  validUntil: PlainDate | null;
  createdAt: string;
  reviewedAt: string | null;
  deletedAt: string | null;
}

export interface NewFamilyDocument {
  familyId: string;
  childId: string | null;
  kind: DocumentKind;
  storageKey: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: string | null;
}

export interface FamilyDocumentRepository {
  /** The family's document of that id (null for another family's, an unknown or a deleted one). */
  find(familyId: string, documentId: string): Promise<FamilyDocument | null>;
  /** Staff: any family's document (null when unknown or deleted). */
  findAny(documentId: string): Promise<FamilyDocument | null>;
  /** The family's documents, newest first, deleted ones left out. */
  list(familyId: string): Promise<FamilyDocument[]>;
  /** Documents of these ids (any family, deleted included), for a request's attachments. */
  byIds(ids: readonly string[]): Promise<FamilyDocument[]>;
  create(doc: NewFamilyDocument, now: Date): Promise<FamilyDocument>;
  /**
   * Adds `bytes` to the family's stored total if it stays within `quota` (one conditional UPDATE: two concurrent
   * uploads cannot both pass). False when the quota would be exceeded.
   */
  reserveBytes(familyId: string, bytes: number, quota: number): Promise<boolean>;
  releaseBytes(familyId: string, bytes: number): Promise<void>;
  usedBytes(familyId: string): Promise<number>;
  review(ids: readonly string[], review: { status: 'accepted' | 'refused'; message: string | null; validUntil: (doc: FamilyDocument) => PlainDate | null; reviewerId: string | null }, now: Date): Promise<void>;
  /** Marks the document deleted (the row stays for the requests that point to it); false when it already was. */
  markDeleted(familyId: string, documentId: string, now: Date): Promise<boolean>;
}
