/**
 * Démarches: what a family asks the service and where it stands. A request is `submitted`, then staff accept it
 * (the change is applied in the same transaction) or refuse it with a message; the family may withdraw it while it
 * is submitted. Every decision is an audit event, and an e-mail once committed.
 */
import type { PlainDate } from '../calendar';
import type { DocumentKind } from '../documents/kinds';
import type { Address, AuthorisedPerson, ChildHealth } from '../families/model';

export const REQUEST_KINDS = ['enrolment', 'address', 'qf', 'child_health', 'authorised_persons', 'document_review', 'erasure'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = ['submitted', 'accepted', 'refused', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export function isRequestKind(value: unknown): value is RequestKind {
  return typeof value === 'string' && (REQUEST_KINDS as readonly string[]).includes(value);
}

/** The change asked, stored as JSON with the request. */
export type RequestPayload =
  | { kind: 'address'; address: Address }
  | { kind: 'qf'; qf: number; validUntil: PlainDate }
  | { kind: 'child_health'; childId: string; health: ChildHealth }
  | { kind: 'authorised_persons'; persons: AuthorisedPerson[] }
  | { kind: 'enrolment'; activityId: string; childId: string }
  | { kind: 'document_review'; documentId: string; documentKind: DocumentKind }
  | { kind: 'erasure' }
  /** What an erasure leaves of a request's content. */
  | { kind: 'erased' };

export interface RequestDocumentRef {
  id: string;
  kind: DocumentKind;
  fileName: string;
  status: 'pending' | 'accepted' | 'refused';
  deleted: boolean;
}

export interface FamilyRequest {
  id: string;
  familyId: string;
  kind: RequestKind;
  status: RequestStatus;
  subject: string;
  childId: string | null;
  enrolmentId: string | null;
  documentId: string | null;
  payload: RequestPayload;
  familyNote: string;
  /** Staff's message with the decision (or with the waiting list). */
  message: string | null;
  createdAt: string;
  decidedAt: string | null;
  /** Who decided: a staff username, or « automatique » for an automatic enrolment. */
  decidedByLabel: string | null;
  /** For display: the child's first name and the activity's name when the request concerns them. */
  childFirstName: string | null;
  activityName: string | null;
  documents: RequestDocumentRef[];
}

/** A request in the staff inbox: with its family. */
export interface InboxRequest extends FamilyRequest {
  familyName: string;
  fileNumber: string;
}

export interface NewRequest {
  familyId: string;
  kind: RequestKind;
  subject: string;
  status: 'submitted' | 'accepted';
  childId: string | null;
  enrolmentId: string | null;
  documentId: string | null;
  payload: RequestPayload;
  familyNote: string;
  createdBy: string | null;
  /** For a request accepted at once (automatic enrolment). */
  decidedByLabel?: string | null;
}

export interface RequestRepository {
  /** Inserts the request; null when the family already has a submitted request of that kind and subject. */
  create(request: NewRequest, now: Date): Promise<{ id: string } | null>;
  attachDocuments(requestId: string, documentIds: readonly string[]): Promise<void>;
  /** The family's request (null for another family's or an unknown id). */
  find(familyId: string, requestId: string): Promise<FamilyRequest | null>;
  /** Staff: any request, with its family. */
  findAny(requestId: string): Promise<InboxRequest | null>;
  /** The family's requests, newest first. */
  list(familyId: string, limit: number): Promise<FamilyRequest[]>;
  /** Staff inbox: submitted requests, oldest first (first come, first served), optionally of one kind. */
  listSubmitted(options: { kind?: RequestKind; limit: number }): Promise<InboxRequest[]>;
  countSubmitted(): Promise<Record<RequestKind, number>>;
  /** Decided lately, newest first. */
  listDecided(limit: number): Promise<InboxRequest[]>;
  /** The submitted request of that kind and subject, if any. */
  findOpen(familyId: string, kind: RequestKind, subject: string): Promise<FamilyRequest | null>;
  /** Submitted requests that have this document attached (any kind). */
  openRequestsWithDocument(documentId: string): Promise<{ id: string; kind: RequestKind }[]>;
  /**
   * Moves a submitted request to its final status; false when it was no longer submitted (another agent decided,
   * or the family withdrew it): the caller's transaction must then change nothing.
   */
  close(requestId: string, outcome: { status: 'accepted' | 'refused' | 'withdrawn'; message: string | null; decidedBy: string | null; decidedByLabel: string | null }, now: Date): Promise<boolean>;
  /** A message without a decision (the waiting list). */
  setMessage(requestId: string, message: string | null): Promise<void>;
  /** Erasure: the family's requests keep their kind, status and dates; what they said is removed. */
  scrubForFamily(familyId: string): Promise<void>;
}
