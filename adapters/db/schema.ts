import type { ColumnType } from 'kysely';

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
}

export interface PriceBracketTable {
  id: string;
  price_grid_id: string;
  rank: number;
  qf_min: number;
  qf_max: number | null;
  unit_price_cents: number;
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
}

export interface EnrolmentTable {
  id: string;
  child_id: string;
  activity_id: string;
  status: string;
  requested_at: string;
  decided_at: string | null;
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
