/**
 * What Mon dossier, the démarches, the family documents and the inscriptions need from storage. The Kysely
 * repositories (adapters/db/repositories/{family-file,requests,family-documents,enrolments,preferences}.ts)
 * implement these; each method of a repository bound to a transaction runs in it.
 */
import type { PlanningRepository } from '../booking/ports';
import type { PlainDate } from '../calendar';
import type { FamilyDocumentRepository } from '../documents/model';
import type { EnrolmentRepository } from '../enrolments/model';
import type { AuditLog, Clock, Mailer, PasswordHasher, LoginThrottle, SessionRepository, UserRepository } from '../ports';
import type { RequestRepository } from '../requests/model';
import type { FamilyExport } from './export';
import type { ActiveSession, Address, AuthorisedPerson, ChildHealth, FamilyFile, NotificationPreferences } from './model';

export type NotificationTopic = 'request' | 'enrolment' | 'security';

export interface FamilyFileRepository {
  file(familyId: string): Promise<FamilyFile | null>;
  /** Family phone and guardians' phones; `guardians` must be the family's (checked by the caller). */
  updatePhones(familyId: string, phone: string | null, guardians: readonly { id: string; phone: string | null }[], now: Date): Promise<void>;
  updateAddress(familyId: string, address: Address, resident: boolean | null, now: Date): Promise<void>;
  updateQf(familyId: string, qf: number, validUntil: PlainDate, now: Date): Promise<void>;
  /** False when the child is not the family's. */
  updateChildHealth(familyId: string, childId: string, health: ChildHealth): Promise<boolean>;
  replaceAuthorisedPersons(familyId: string, persons: readonly AuthorisedPerson[]): Promise<void>;
  /** Whether another account already signs in with that e-mail. */
  emailTaken(email: string, exceptUserId: string): Promise<boolean>;
  /** The account's e-mail, the family's contact e-mail (when it was the old one or empty) and the guardian linked to the account. */
  changeEmail(input: { familyId: string; userId: string; oldEmail: string | null; newEmail: string }, now: Date): Promise<void>;
  createEmailToken(token: { tokenHash: string; userId: string; newEmail: string; createdAt: string; expiresAt: string }): Promise<void>;
  /** Uses the token if it is the user's, unused and unexpired; returns the new e-mail, or null. Atomic. */
  consumeEmailToken(tokenHash: string, userId: string, now: Date): Promise<string | null>;
  /** The new e-mail the token would confirm now, without using it (null when unusable). */
  peekEmailToken(tokenHash: string, userId: string, now: Date): Promise<string | null>;
  /**
   * Where the family's e-mails go for a topic: each active parent account of the family with an e-mail whose
   * preferences allow it ('security' always); the family's contact e-mail when the family has no such account.
   */
  recipients(familyId: string, topic: NotificationTopic): Promise<string[]>;
  /** Reserved days of the family's children from `from` on (staff see it before accepting an erasure). */
  futureBookings(familyId: string, from: PlainDate): Promise<number>;
  /**
   * Erasure: names, contact details, address, QF, health data, authorised persons, accounts (deactivated, signed
   * out), preferences, pending e-mail tokens, open baskets and confirmation reports are removed or anonymised;
   * documents are marked deleted. Kept: the file number, bookings (days, activities, unit prices), enrolments,
   * invoices and payments, the audit log. Returns the storage keys of the files to remove after commit.
   */
  anonymise(familyId: string, now: Date): Promise<{ storageKeys: string[] }>;
  /** Everything stored about the family, for the RGPD export. */
  exportData(familyId: string): Promise<FamilyExport | null>;
}

export interface PreferencesRepository {
  get(userId: string): Promise<NotificationPreferences>;
  set(userId: string, preferences: NotificationPreferences, now: Date): Promise<void>;
  /** The account's sessions not yet expired, most recently used first. */
  sessions(userId: string, now: Date): Promise<ActiveSession[]>;
}

export interface DossierRepositories {
  familyFile: FamilyFileRepository;
  requests: RequestRepository;
  familyDocuments: FamilyDocumentRepository;
  enrolments: EnrolmentRepository;
  preferences: PreferencesRepository;
  planning: PlanningRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditLog;
}

export interface DossierStore extends DossierRepositories {
  transaction<T>(work: (repos: DossierRepositories) => Promise<T>): Promise<T>;
}

/** Where uploaded bytes go (adapters/files/file-store.ts): random keys, outside the web root. */
export interface DossierFiles {
  save(bytes: Uint8Array): Promise<string>;
  remove(key: string): Promise<void>;
}

export interface DossierDeps {
  store: DossierStore;
  files: DossierFiles;
  sniffMediaType: (bytes: Uint8Array) => Promise<string | null>;
  clock: Clock;
  mailer: Mailer;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  settings: { uploadMaxBytes: number; familyQuotaBytes: number; publicUrl: string };
  /** Mail failures after commit are reported here, never thrown (the change is done). */
  onError?: (error: unknown, context: string) => void;
}
