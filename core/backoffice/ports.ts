/**
 * What the back-office use cases need from storage. The Kysely repositories (adapters/db/repositories/
 * back-office-*.ts) implement these; every method of a repository bound to a transaction runs in it.
 * Days are 'YYYY-MM-DD', instants ISO-8601 UTC text.
 */
import type { ActivationTokenRepository } from '../accounts/activation';
import type { PlanningRepository } from '../booking/ports';
import type { BookingCalendar } from '../booking/activity';
import type { PlainDate } from '../calendar';
import type { AuditLog, Clock, Mailer, SessionRepository, UserRepository } from '../ports';
import type { ExistingFamily } from './family-import/plan';
import type { ImportedFamily, ImportedChild, ImportedGuardian } from './family-import/parse';
import type { ImportOperations } from './family-import/plan';
import type { FamilyFields } from '../families/model';

// ---- families ------------------------------------------------------------------------------------------------

export interface FamilyListRow {
  id: string;
  fileNumber: string;
  name: string;
  email: string | null;
  city: string;
  guardians: { firstName: string; lastName: string; email: string | null }[];
  children: { firstName: string; lastName: string; siteName: string | null }[];
  /** Parent accounts of the family: total, activated (a password chosen), deactivated. */
  accounts: { total: number; activated: number; inactive: number };
}

export interface FamilySearch {
  /** Every word must appear in a family name, file number, e-mail, guardian or child name, or a child's school. */
  words: string[];
  siteId: string | null;
  /** Only families without any parent account. */
  withoutAccount: boolean;
  limit: number;
  offset: number;
}

export type AccountState = 'none' | 'pending' | 'active' | 'inactive';

export interface GuardianDetail {
  id: string;
  firstName: string;
  lastName: string;
  relationship: string;
  email: string | null;
  phone: string | null;
  account: { userId: string; username: string; email: string | null; state: Exclude<AccountState, 'none'>; lastLoginAt: string | null } | null;
}

export interface ChildDetail {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: PlainDate;
  siteId: string | null;
  siteName: string | null;
  level: string;
  diet: string;
  allergies: string;
  hasPai: boolean;
}

export interface BookingHistoryRow {
  day: PlainDate;
  childFirstName: string;
  activityName: string;
  status: string;
  unitPriceCents: number;
}

export interface FamilyDetailRecord extends FamilyFields {
  createdAt: string;
  updatedAt: string;
  guardians: GuardianDetail[];
  children: ChildDetail[];
  authorisedPersons: { fullName: string; relationship: string; phone: string }[];
  bookings: BookingHistoryRow[];
  bookingCount: number;
}

export interface FamilyAdminRepository {
  search(query: FamilySearch): Promise<{ total: number; rows: FamilyListRow[] }>;
  detail(familyId: string): Promise<FamilyDetailRecord | null>;
  sites(): Promise<{ id: string; name: string }[]>;
  communeName(): Promise<string>;
  /** Families any of the keys points to, with their guardians and children (for the import plan). */
  findForImport(keys: { fileNumbers: string[]; emails: string[]; childKeys: { firstName: string; birthDate: string }[] }): Promise<ExistingFamily[]>;
  /** File numbers already taken with that prefix ('F-2026-'). */
  fileNumbersWithPrefix(prefix: string): Promise<string[]>;
  createFamily(family: ImportedFamily & { fileNumber: string; resident: boolean }, now: Date): Promise<string>;
  addGuardian(familyId: string, guardian: ImportedGuardian): Promise<void>;
  addChild(familyId: string, child: ImportedChild): Promise<void>;
  applyUpdate(familyId: string, operations: ImportOperations, now: Date): Promise<void>;
}

// ---- parent accounts -----------------------------------------------------------------------------------------

export interface AccountFamily {
  familyId: string;
  fileNumber: string;
  familyName: string;
  addressLine: string;
  postalCode: string;
  city: string;
  guardians: {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    user: { id: string; username: string; email: string | null; active: boolean; passwordSet: boolean } | null;
  }[];
}

export interface ParentAccountRepository {
  families(familyIds: readonly string[]): Promise<AccountFamily[]>;
  /** Families whose accounts wait for a letter: an active account without e-mail and without a password. */
  familiesAwaitingLetter(limit: number): Promise<{ familyId: string; fileNumber: string; familyName: string; username: string }[]>;
  usernamesLike(prefix: string): Promise<string[]>;
  /** Links the account to the guardian if the guardian has none yet (conditional update); false otherwise. */
  linkGuardian(guardianId: string, userId: string): Promise<boolean>;
}

// ---- staff ↔ sites ------------------------------------------------------------------------------------------------

export interface StaffSiteRepository {
  sitesOf(userId: string): Promise<string[]>;
  all(): Promise<{ userId: string; siteId: string }[]>;
  replace(userId: string, siteIds: readonly string[], now: Date): Promise<void>;
}

// ---- attendance -------------------------------------------------------------------------------------------------

export type AttendanceStatus = 'present' | 'absent' | 'present_unbooked';

export interface AttendanceRecord {
  id: string;
  childId: string;
  activityId: string;
  day: PlainDate;
  status: AttendanceStatus;
  justified: boolean;
  certificate: { fileName: string; mediaType: string; sizeBytes: number; storageKey: string } | null;
  markedAt: string;
  markedBy: string | null;
}

export interface RosterChild {
  childId: string;
  firstName: string;
  lastName: string;
  level: string;
  diet: string;
  hasPai: boolean;
  siteId: string | null;
}

export interface AttendanceRepository {
  /** Children with a reserved booking of that activity and day. */
  booked(activityId: string, day: PlainDate): Promise<RosterChild[]>;
  /** Attendance rows of that activity and day (booked children and those added without a booking). */
  marks(activityId: string, day: PlainDate): Promise<(AttendanceRecord & { child: RosterChild })[]>;
  /** Children of the site (to add one present without a booking). */
  siteChildren(siteId: string): Promise<RosterChild[]>;
  child(childId: string): Promise<RosterChild | null>;
  isBooked(childId: string, activityId: string, day: PlainDate): Promise<boolean>;
  /** Records that this mark was received; false when its idempotency key was seen before. */
  recordMark(mark: { key: string; userId: string; childId: string; activityId: string; day: PlainDate; status: AttendanceStatus; markedAt: string }, now: Date): Promise<boolean>;
  /** Sets the child's mark unless a later one (by markedAt) is already stored; true when it was applied. */
  upsert(mark: { childId: string; activityId: string; day: PlainDate; status: AttendanceStatus; markedAt: string; markedBy: string }, now: Date): Promise<boolean>;
  find(childId: string, activityId: string, day: PlainDate): Promise<AttendanceRecord | null>;
  findById(id: string): Promise<AttendanceRecord | null>;
  /** Marks an absence justified with its certificate; false when the row is not an absence. */
  justify(id: string, certificate: { storageKey: string; fileName: string; mediaType: string; sizeBytes: number }, userId: string, now: Date): Promise<boolean>;
}

// ---- meals ------------------------------------------------------------------------------------------------------

export interface DietCounts {
  standard: number;
  sans_porc: number;
  vegetarien: number;
  /** Children with a PAI among them (meals brought by the family or made apart). */
  pai: number;
  total: number;
}

export interface MealSnapshot extends DietCounts {
  activityId: string;
  day: PlainDate;
  frozenAt: string;
  deadlineAt: string;
}

export interface MealRepository {
  snapshots(activityIds: readonly string[], from: PlainDate, to: PlainDate): Promise<MealSnapshot[]>;
  /** Reserved bookings counted by the child's diet, now. */
  booked(activityIds: readonly string[], from: PlainDate, to: PlainDate): Promise<(DietCounts & { activityId: string; day: PlainDate })[]>;
  /** Children marked present (booked or not), and marks of any kind (0 = attendance not taken); days without marks are absent. */
  present(activityIds: readonly string[], from: PlainDate, to: PlainDate): Promise<{ activityId: string; day: PlainDate; present: number; marked: number }[]>;
  /** Stores the snapshot unless one exists for that activity and day; true when this call stored it. */
  saveSnapshot(snapshot: MealSnapshot): Promise<boolean>;
}

// ---- exports and dashboard --------------------------------------------------------------------------------------

export interface BookingExportRow {
  day: PlainDate;
  siteName: string;
  activityName: string;
  fileNumber: string;
  familyName: string;
  childFirstName: string;
  childLastName: string;
  level: string;
  status: string;
  unitPriceCents: number;
}

export interface AttendanceExportRow {
  day: PlainDate;
  siteName: string;
  activityName: string;
  fileNumber: string;
  childFirstName: string;
  childLastName: string;
  level: string;
  status: AttendanceStatus;
  justified: boolean;
  markedAt: string;
}

export interface ExportRepository {
  /** Every family with its guardians and children (the import's own shape: an export can be edited and re-imported). */
  families(): Promise<ExistingFamily[]>;
  bookings(from: PlainDate, to: PlainDate, siteIds: readonly string[] | null): Promise<BookingExportRow[]>;
  attendance(from: PlainDate, to: PlainDate, siteIds: readonly string[] | null): Promise<AttendanceExportRow[]>;
}

export interface WaitingRow {
  activityId: string;
  activityName: string;
  siteId: string;
  siteName: string;
  /** Days (child × day) on a booking waiting list from today on. */
  waitingDays: number;
  /** Enrolments waiting for a place. */
  waitingEnrolments: number;
}

export interface DashboardRepository {
  waiting(from: PlainDate, siteIds: readonly string[] | null): Promise<WaitingRow[]>;
}

// ---- the whole ----------------------------------------------------------------------------------------------------

export interface BackOfficeRepositories {
  families: FamilyAdminRepository;
  accounts: ParentAccountRepository;
  activation: ActivationTokenRepository;
  staffSites: StaffSiteRepository;
  attendance: AttendanceRepository;
  meals: MealRepository;
  exports: ExportRepository;
  dashboard: DashboardRepository;
  planning: PlanningRepository;
  users: UserRepository;
  sessions: SessionRepository;
  audit: AuditLog;
}

export interface BackOfficeStore extends BackOfficeRepositories {
  /** One transaction; it may be retried as a whole after a deadlock or a busy database, so keep `work` free of I/O. */
  transaction<T>(work: (repos: BackOfficeRepositories) => Promise<T>): Promise<T>;
}

export interface BackOfficeDeps {
  store: BackOfficeStore;
  clock: Clock;
  mailer: Mailer;
  calendar: { current(): Promise<BookingCalendar> };
  files: { save(bytes: Uint8Array): Promise<string>; remove(key: string): Promise<void> };
  sniffMediaType: (bytes: Uint8Array) => Promise<string | null>;
  settings: { publicUrl: string; uploadMaxBytes: number };
  /** Mail failures after commit are reported here, never thrown (the change is done). */
  onError?: (error: unknown, context: string) => void;
}
