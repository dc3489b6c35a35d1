import type { ColumnType } from 'kysely';
import type {
  DemoBankSessionTable, FamilyBalanceTable, FamilyCreditTable, PaymentAnomalyTable, PaymentCounterTable, PaymentEventTable,
  PaymentLineTable, PaymentTransactionTable,
} from './schema-payments';
import type {
  AccountEntryTable, CreditNoteTable, InvoiceAllocationTable, InvoiceLineTable, InvoiceRunTable, InvoiceTable, RegiePaymentTable, SepaBatchTable,
  SepaDebitTable, SepaMandateTable,
} from './schema-invoicing';
import type { FamilyImportRunTable } from './schema-import-runs';

/**
 * The database as Kysely sees it. Portable on SQLite and PostgreSQL: text ids, integer cents, 0/1 booleans,
 * days as 'YYYY-MM-DD' text, timestamps as ISO-8601 UTC text, JSON as text.
 */
export interface Database {
  organisation: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  password_reset_tokens: PasswordResetTokenTable;
  audit_events: AuditEventTable;
  news: NewsTable;
  documents: DocumentTable;
  sites: SiteTable;
  school_years: SchoolYearTable;
  families: FamilyTable;
  guardians: GuardianTable;
  children: ChildTable;
  price_grids: PriceGridTable;
  price_brackets: PriceBracketTable;
  activities: ActivityTable;
  enrolments: EnrolmentTable;
  bookings: BookingTable;
  closure_days: ClosureDayTable;
  activity_days: ActivityDayTable;
  baskets: BasketTable;
  basket_lines: BasketLineTable;
  confirmation_reports: ConfirmationReportTable;
  school_holiday_imports: SchoolHolidayImportTable;
  // Prices and online payment (migration 0003, tables in schema-payments.ts)
  family_balances: FamilyBalanceTable;
  family_credits: FamilyCreditTable;
  payment_transactions: PaymentTransactionTable;
  payment_lines: PaymentLineTable;
  payment_events: PaymentEventTable;
  payment_anomalies: PaymentAnomalyTable;
  payment_counters: PaymentCounterTable;
  demo_bank_sessions: DemoBankSessionTable;
  // Mon dossier and Inscriptions (migration 0004)
  authorised_persons: AuthorisedPersonTable;
  family_documents: FamilyDocumentTable;
  requests: RequestTable;
  request_documents: RequestDocumentTable;
  email_change_tokens: EmailChangeTokenTable;
  notification_preferences: NotificationPreferenceTable;
  // Back office (migration 0005)
  staff_sites: StaffSiteTable;
  attendance: AttendanceTable;
  attendance_marks: AttendanceMarkTable;
  meal_snapshots: MealSnapshotTable;
  // Monthly invoicing and the family's account (migration 0006, tables in schema-invoicing.ts)
  invoice_runs: InvoiceRunTable;
  invoices: InvoiceTable;
  invoice_lines: InvoiceLineTable;
  credit_notes: CreditNoteTable;
  account_entries: AccountEntryTable;
  invoice_allocations: InvoiceAllocationTable;
  regie_payments: RegiePaymentTable;
  sepa_mandates: SepaMandateTable;
  sepa_batches: SepaBatchTable;
  sepa_debits: SepaDebitTable;
  // Referential (migration 0007)
  site_classes: SiteClassTable;
  // Content scheduling and import progress (migration 0008)
  family_import_runs: FamilyImportRunTable;
}

export interface OrganisationTable {
  id: string;
  commune_name: string;
  insee_code: string;
  departement: string;
  holiday_zone: string;
  regie_name: string;
  contact_email: string;
  accessibility_status: string;
  created_at: string;
  updated_at: string;
  // Migration 0006: the commune's address on invoices, its SEPA creditor identity.
  address: ColumnType<string, string | undefined, string>;
  sepa_creditor_id: ColumnType<string | null, string | null | undefined, string | null>;
  sepa_iban: ColumnType<string | null, string | null | undefined, string | null>;
  sepa_bic: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface UserTable {
  id: string;
  username: string;
  email: string | null;
  display_name: string;
  password_hash: string | null;
  role: string;
  family_id: string | null;
  active: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  remember: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface PasswordResetTokenTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** 'reset' (default), 'activation' (link e-mailed to a new parent account) or 'activation_code' (printed letter). */
  purpose: ColumnType<string, string | undefined, string>;
}

export interface AuditEventTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  target: string | null;
  ip: string | null;
  details: string | null;
}

export interface NewsTable {
  id: string;
  title: string;
  body_markdown: string;
  news_date: string;
  published: number;
  /** Issue 6 (0008): ISO UTC instant from which the home shows it; null: at once. */
  publish_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Issue 6 (0008): 1 = first on the home page; null: not pinned. */
  home_position: ColumnType<number | null, number | null | undefined, number | null>;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DocumentTable {
  id: string;
  title: string;
  description: string;
  storage_key: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  published: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SiteTable {
  id: string;
  name: string;
  kind: string;
  address: string;
}

export interface SchoolYearTable {
  id: string;
  starts_on: string;
  ends_on: string;
}

export interface FamilyTable {
  id: string;
  file_number: string;
  name: string;
  address_line: string;
  postal_code: string;
  city: string;
  email: string | null;
  phone: string | null;
  resident: number;
  qf: number | null;
  qf_valid_until: string | null;
  created_at: string;
  updated_at: string;
  /** Bytes of the family's stored documents: the upload quota is one conditional UPDATE of it (default 0). */
  document_bytes: ColumnType<number, number | undefined, number>;
}

export interface GuardianTable {
  id: string;
  family_id: string;
  first_name: string;
  last_name: string;
  relationship: string;
  email: string | null;
  phone: string | null;
  user_id: string | null;
}

export interface ChildTable {
  id: string;
  family_id: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  site_id: string | null;
  school_level: string;
  diet: string;
  allergies: string;
  has_pai: number;
}

export interface PriceGridTable {
  id: string;
  activity_id: string;
  school_year_id: string;
  effective_from: string;
  source: string;
  non_resident_cents: number;
  missing_qf_cents: number;
  created_at: string;
  /** JSON of core/pricing PriceRules (sibling reduction, tarif majoré, PAI, absence penalty); default '{}'. */
  rules: ColumnType<string, string | undefined, string>;
  updated_at: ColumnType<string | null, string | null | undefined, string | null>;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PriceBracketTable {
  id: string;
  price_grid_id: string;
  rank: number;
  qf_min: number;
  qf_max: number | null;
  unit_price_cents: number;
  /** PAI meal (brought by the family) in this bracket, when priced per bracket. */
  pai_cents: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ActivityTable {
  id: string;
  site_id: string;
  school_year_id: string;
  name: string;
  kind: string;
  weekdays: string;
  period: string;
  capacity: number;
  billing_mode: string;
  add_deadline: string;
  cancel_deadline: string;
  created_at: string;
  /** 0/1: a full day may be joined on a waiting list (default 1). */
  waiting_list: ColumnType<number, number | undefined, number>;
  /** 'automatic' | 'manual' (default 'manual'): whether an enrolment is accepted when asked or decided by staff. */
  enrolment_mode: ColumnType<string, string | undefined, string>;
  /** JSON array of the document kinds a family must attach to enrol (core/documents/kinds.ts; default '[]'). */
  required_documents: ColumnType<string, string | undefined, string>;
}

export interface EnrolmentTable {
  id: string;
  child_id: string;
  activity_id: string;
  status: string;
  requested_at: string;
  decided_at: string | null;
  /** Staff's reason (refusal, waiting list), shown to the family. */
  decision_message: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BookingTable {
  id: string;
  child_id: string;
  activity_id: string;
  day: string;
  status: string;
  unit_price_cents: number;
  created_at: string;
  updated_at: string;
  /** When the child joined the waiting list (status 'waiting'): the queue order; null otherwise. */
  queued_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ClosureDayTable {
  id: string;
  site_id: string;
  day: string;
  reason: string;
}

/** Reserved places per activity and day: capacity is enforced by conditional updates of this counter. */
export interface ActivityDayTable {
  activity_id: string;
  day: string;
  reserved: number;
}

/** 'open' (at most one per family) → 'confirmed' (emptied by Terminer) | 'expired'. */
export interface BasketTable {
  id: string;
  family_id: string;
  status: string;
  /** Bumped by every change: Terminer / Tout supprimer carry it (optimistic concurrency, replay detection). */
  version: number;
  created_at: string;
  updated_at: string;
  expires_at: string | null;
  lines_since: string | null;
  reminder_sent_at: string | null;
}

export interface BasketLineTable {
  id: string;
  basket_id: string;
  child_id: string;
  activity_id: string;
  day: string;
  /** 'add' | 'cancel' | 'wait' */
  action: string;
  billing_mode: string;
  unit_price_cents: number;
  price_label: string;
  /** Signed contribution to the basket's totals (credits negative). */
  amount_cents: number;
  created_at: string;
}

export interface ConfirmationReportTable {
  id: string;
  family_id: string;
  /** Null for a staff change applied at once. */
  basket_id: string | null;
  basket_version: number | null;
  /** The ConfirmationReport as JSON. */
  report: string;
  created_at: string;
}

export interface SchoolHolidayImportTable {
  id: string;
  csv_text: string;
  period_count: number;
  imported_by: string;
  imported_at: string;
}

/** Mon dossier: who may pick the children up besides the guardians. */
export interface AuthorisedPersonTable {
  id: string;
  family_id: string;
  position: number;
  full_name: string;
  relationship: string;
  phone: string;
}

/** A document a family uploaded: 'pending' → 'accepted' | 'refused'; a deleted one keeps its row (requests point to it). */
export interface FamilyDocumentTable {
  id: string;
  family_id: string;
  child_id: string | null;
  kind: string;
  storage_key: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  status: string;
  review_message: string | null;
  valid_until: string | null;
  uploaded_by: string | null;
  created_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
  deleted_at: string | null;
}

/** A démarche: 'submitted' → 'accepted' | 'refused' (staff) | 'withdrawn' (the family); payload is JSON. */
export interface RequestTable {
  id: string;
  family_id: string;
  kind: string;
  /** '' for the family, a child id (health), an enrolment or document id: one submitted request per family, kind, subject. */
  subject: string;
  status: string;
  child_id: string | null;
  enrolment_id: string | null;
  document_id: string | null;
  payload: string;
  family_note: string;
  message: string | null;
  created_by: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_label: string | null;
}

export interface RequestDocumentTable {
  request_id: string;
  document_id: string;
}

/** E-mail change links: stored hashed, single use. */
export interface EmailChangeTokenTable {
  token_hash: string;
  user_id: string;
  new_email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  request_decisions: number;
  enrolment_decisions: number;
  updated_at: string;
}

/** Back office: the sites a staff member works at (animateurs see only these). */
export interface StaffSiteTable {
  user_id: string;
  site_id: string;
  created_at: string;
}

/** Attendance of a child at an activity on a day: 'present' | 'absent' | 'present_unbooked'; the latest tap wins. */
export interface AttendanceTable {
  id: string;
  child_id: string;
  activity_id: string;
  day: string;
  status: string;
  /** 0/1: an absence justified by a certificate (default 0). */
  justified: ColumnType<number, number | undefined, number>;
  certificate_storage_key: string | null;
  certificate_file_name: string | null;
  certificate_media_type: string | null;
  certificate_size_bytes: number | null;
  justified_at: string | null;
  justified_by: string | null;
  /** When the mark was tapped (the tablet's clock, checked): orders marks that cross after a lost connection. */
  marked_at: string;
  marked_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Every attendance mark received, by its idempotency key: a mark sent twice is applied once. */
export interface AttendanceMarkTable {
  idempotency_key: string;
  user_id: string;
  child_id: string;
  activity_id: string;
  day: string;
  status: string;
  marked_at: string;
  received_at: string;
}

/** Meals to cook per activity and day, by diet, frozen at the booking deadline. */
export interface MealSnapshotTable {
  activity_id: string;
  day: string;
  frozen_at: string;
  deadline_at: string;
  standard: number;
  sans_porc: number;
  vegetarien: number;
  pai: number;
  total: number;
}

/** A class of a site (« CP – Mme Durand »), at one school level. */
export interface SiteClassTable {
  id: string;
  site_id: string;
  name: string;
  level: string;
  created_at: string;
}
