/**
 * Row factories: one typed function per table to build (`buildX`) or insert (`createX`) a row with sensible
 * defaults and overrides. Shared by the demo seed and by the integration tests' fixtures.
 *
 *   const family = await createFamily(db, { name: 'Martin', qf: 720 });
 *   const child = await createChild(db, { family_id: family.id, first_name: 'Sarah' });
 *
 * Conventions (DESIGN.md): `crypto.randomUUID()` ids, ISO-8601 UTC timestamps, days as 'YYYY-MM-DD', money in
 * integer cents, booleans as 0/1. `buildX` is pure (for batched inserts with `insertRows`); `createX` inserts one row
 * and returns it. Every function takes a `Kysely<Database>` (a transaction works too) or a `Store`.
 */
import { randomUUID } from 'node:crypto';
import { Kysely, type Insertable, type Selectable } from 'kysely';
import { userRepository } from '../../adapters/db/repositories/users';
import type {
  ActivityTable,
  AttendanceTable,
  BookingTable,
  ChildTable,
  Database,
  EnrolmentTable,
  FamilyTable,
  GuardianTable,
  NewsTable,
  OrganisationTable,
  PriceBracketTable,
  PriceGridTable,
  SchoolYearTable,
  SiteTable,
} from '../../adapters/db/schema';
import type { Store } from '../../adapters/db/store';
import type { Role } from '../../core/accounts/roles';
import type { DeadlineRule } from '../../core/calendar/index';
import { schoolYearById, schoolYearStartingIn } from '../../core/calendar/index';
import type { UserRecord } from '../../core/ports';

export type Db = Kysely<Database>;
export type DbLike = Db | Store;

export type OrganisationRow = Selectable<OrganisationTable>;
export type SiteRow = Selectable<SiteTable>;
export type SchoolYearRow = Selectable<SchoolYearTable>;
export type FamilyRow = Selectable<FamilyTable>;
export type GuardianRow = Selectable<GuardianTable>;
export type ChildRow = Selectable<ChildTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type PriceGridRow = Selectable<PriceGridTable>;
export type PriceBracketRow = Selectable<PriceBracketTable>;
export type EnrolmentRow = Selectable<EnrolmentTable>;
export type BookingRow = Selectable<BookingTable>;
export type NewsRow = Selectable<NewsTable>;

export type SiteKind = 'maternelle' | 'elementaire' | 'groupe_scolaire';
export type ActivityKind = 'cantine' | 'garderie_matin' | 'garderie_soir' | 'mercredi';
export type BillingMode = 'invoice' | 'prepaid';
export type EnrolmentStatus = 'requested' | 'accepted' | 'refused' | 'waiting';
export type BookingStatus = 'reserved' | 'cancelled' | 'waiting';
export type Diet = 'standard' | 'sans_porc' | 'vegetarien';
export type SchoolLevel = 'PS' | 'MS' | 'GS' | 'CP' | 'CE1' | 'CE2' | 'CM1' | 'CM2';

export const MATERNELLE_LEVELS = ['PS', 'MS', 'GS'] as const satisfies readonly SchoolLevel[];
export const ELEMENTAIRE_LEVELS = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const satisfies readonly SchoolLevel[];
export const SCHOOL_LEVELS = [...MATERNELLE_LEVELS, ...ELEMENTAIRE_LEVELS] as const;

/** Age reached during the calendar year of the rentrée: PS 3, MS 4, GS 5, CP 6 … CM2 10. */
export function levelAge(level: SchoolLevel): number {
  return 3 + SCHOOL_LEVELS.indexOf(level);
}

// ---------------------------------------------------------------------------------------------------------------
// Reference data: deadlines and price grids taken from real communes (shared/data/reference/tarifs-exemples.md).

/** Default booking/cancellation rules per activity kind (stored as JSON text in `activities`). */
export const DEFAULT_DEADLINES: Record<ActivityKind, { add: DeadlineRule; cancel: DeadlineRule }> = {
  cantine: {
    add: { kind: 'days_before', days: 2, time: '12:00', workingDaysOnly: true },
    cancel: { kind: 'days_before', days: 2, time: '12:00', workingDaysOnly: true },
  },
  garderie_matin: {
    add: { kind: 'days_before', days: 1, time: '18:00', workingDaysOnly: false },
    cancel: { kind: 'days_before', days: 1, time: '18:00', workingDaysOnly: false },
  },
  garderie_soir: {
    add: { kind: 'days_before', days: 1, time: '18:00', workingDaysOnly: false },
    cancel: { kind: 'days_before', days: 1, time: '18:00', workingDaysOnly: false },
  },
  mercredi: {
    add: { kind: 'weekday_of_previous_week', weekday: 4, time: '09:00' },
    cancel: { kind: 'weekday_of_previous_week', weekday: 4, time: '09:00' },
  },
};

export interface GridSpec {
  /** Lower bounds of the QF brackets (inclusive), ascending; each bracket ends where the next starts. */
  qfMins: readonly number[];
  /** Unit price of each bracket, in cents. */
  pricesCents: readonly number[];
  nonResidentCents: number;
  missingQfCents: number;
  source: string;
}

/** Roncq's 8 QF brackets (€/month): < 400, 400–640, 640–860, 860–1150, 1150–1500, 1500–1700, 1700–1900, ≥ 1900. */
export const RONCQ_QF_MINS = [0, 400, 640, 860, 1150, 1500, 1700, 1900] as const;

export const DEMO_GRIDS: Record<'cantine' | 'garderie' | 'mercredi', GridSpec> = {
  cantine: {
    qfMins: RONCQ_QF_MINS,
    pricesCents: [50, 175, 235, 305, 355, 405, 460, 490],
    nonResidentCents: 650,
    missingQfCents: 490,
    source: 'Grille Roncq 2025, repas (tarifs-exemples.md §3)',
  },
  garderie: {
    qfMins: RONCQ_QF_MINS,
    pricesCents: [32, 140, 170, 220, 250, 270, 280, 290],
    nonResidentCents: 390,
    missingQfCents: 290,
    source: 'Grille Roncq 2025, périscolaire par ½ h ×2 = séance d’environ une heure (tarifs-exemples.md §3)',
  },
  mercredi: {
    qfMins: RONCQ_QF_MINS,
    pricesCents: [300, 420, 540, 660, 780, 900, 1050, 1200],
    nonResidentCents: 1600,
    missingQfCents: 1200,
    source:
      'Grille de démonstration sur les tranches de Roncq, dans la fourchette de Boissy-Saint-Léger 2022-2023 ' +
      '(mercredi 1,96 – 13,91 €, tarifs-exemples.md)',
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers (mulberry32): the same seed gives the same demo.

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Plumbing.

export function dbOf(target: DbLike): Db {
  return target instanceof Kysely ? target : target.db;
}

function isoNow(): string {
  return new Date().toISOString();
}

function shortId(): string {
  return randomUUID().slice(0, 8);
}

/**
 * Inserts rows in chunks (PostgreSQL accepts at most 65,535 bind parameters per statement; 200 rows of a dozen
 * columns stay far below). Run it inside a transaction to make the whole batch atomic.
 */
export async function insertRows<T extends keyof Database & string>(
  target: DbLike,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunkSize = 200,
): Promise<void> {
  const db = dbOf(target);
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    // Kysely cannot check `values` against a table chosen by a type parameter; rows are typed by the signature.
    await db
      .insertInto(table)
      .values(chunk as never)
      .execute();
  }
}

async function insertOne<T extends keyof Database & string, R extends Insertable<Database[T]>>(
  target: DbLike,
  table: T,
  row: R,
): Promise<R> {
  await insertRows(target, table, [row]);
  return row;
}

// ---------------------------------------------------------------------------------------------------------------
// Builders (pure) and creators (insert one row).

export function buildOrganisation(overrides: Partial<OrganisationRow> = {}): OrganisationRow {
  const now = overrides.created_at ?? isoNow();
  return {
    id: randomUUID(),
    commune_name: 'Saint-Exemple',
    insee_code: '69999',
    departement: '69',
    holiday_zone: 'Zone A',
    regie_name: 'Régie enfance de Saint-Exemple',
    contact_email: 'enfance@saint-exemple.fr',
    accessibility_status: 'partiellement',
    created_at: now,
    updated_at: now,
    address: 'Hôtel de ville, 1 place de la Mairie, 69999 Saint-Exemple',
    sepa_creditor_id: null,
    sepa_iban: null,
    sepa_bic: null,
    ...overrides,
  };
}

export const createOrganisation = (db: DbLike, overrides: Partial<OrganisationRow> = {}) =>
  insertOne(db, 'organisation', buildOrganisation(overrides));

export function buildSite(overrides: Partial<SiteRow> = {}): SiteRow {
  return {
    id: randomUUID(),
    name: 'Groupe scolaire Les Lutins',
    kind: 'groupe_scolaire' satisfies SiteKind,
    address: '2 rue des Écoles, 69999 Saint-Exemple',
    ...overrides,
  };
}

export const createSite = (db: DbLike, overrides: Partial<SiteRow> = {}) => insertOne(db, 'sites', buildSite(overrides));

/** Defaults to the metropolitan school year 2026-2027 (rentrée 2026-09-01, last day of classes 2027-07-02). */
export function buildSchoolYear(overrides: Partial<SchoolYearRow> = {}): SchoolYearRow {
  const year = (overrides.id !== undefined ? schoolYearById(overrides.id) : undefined) ?? schoolYearStartingIn(2026);
  return { id: year.id, starts_on: year.startsOn, ends_on: year.endsOn, ...overrides };
}

export const createSchoolYear = (db: DbLike, overrides: Partial<SchoolYearRow> = {}) =>
  insertOne(db, 'school_years', buildSchoolYear(overrides));

/** A resident family in bracket 4 of the Roncq grid, with a QF valid far into the future. */
export function buildFamily(overrides: Partial<FamilyRow> = {}): FamilyRow {
  const now = overrides.created_at ?? isoNow();
  return {
    id: randomUUID(),
    file_number: `F-TEST-${shortId()}`,
    name: 'Dupont',
    address_line: '1 rue des Écoles',
    postal_code: '69999',
    city: 'Saint-Exemple',
    email: null,
    phone: null,
    resident: 1,
    qf: 1000,
    qf_valid_until: '2099-12-31',
    created_at: now,
    updated_at: now,
    document_bytes: 0,
    ...overrides,
  };
}

export const createFamily = (db: DbLike, overrides: Partial<FamilyRow> = {}) => insertOne(db, 'families', buildFamily(overrides));

export function buildGuardian(overrides: Pick<GuardianRow, 'family_id'> & Partial<GuardianRow>): GuardianRow {
  return {
    id: randomUUID(),
    first_name: 'Camille',
    last_name: 'Dupont',
    relationship: 'mère',
    email: null,
    phone: null,
    user_id: null,
    ...overrides,
  };
}

export const createGuardian = (db: DbLike, overrides: Pick<GuardianRow, 'family_id'> & Partial<GuardianRow>) =>
  insertOne(db, 'guardians', buildGuardian(overrides));

export function buildChild(overrides: Pick<ChildRow, 'family_id'> & Partial<ChildRow>): ChildRow {
  return {
    id: randomUUID(),
    first_name: 'Léa',
    last_name: 'Dupont',
    birth_date: '2018-05-14',
    site_id: null,
    school_level: 'CE2' satisfies SchoolLevel,
    diet: 'standard' satisfies Diet,
    allergies: '',
    has_pai: 0,
    ...overrides,
  };
}

export const createChild = (db: DbLike, overrides: Pick<ChildRow, 'family_id'> & Partial<ChildRow>) =>
  insertOne(db, 'children', buildChild(overrides));

/**
 * Defaults to a canteen on Mon, Tue, Thu, Fri in school weeks, billed on the monthly invoice. Pass `kind` alone to
 * get that kind's usual weekdays, billing mode and deadlines (mercredi: Wednesdays, prepaid).
 */
export function buildActivity(overrides: Pick<ActivityRow, 'site_id' | 'school_year_id'> & Partial<ActivityRow>): ActivityRow {
  const kind = (overrides.kind ?? 'cantine') as ActivityKind;
  const deadlines = DEFAULT_DEADLINES[kind] ?? DEFAULT_DEADLINES.cantine;
  const names: Record<ActivityKind, string> = {
    cantine: 'Cantine',
    garderie_matin: 'Garderie du matin',
    garderie_soir: 'Garderie du soir',
    mercredi: 'Accueil de loisirs du mercredi',
  };
  return {
    id: randomUUID(),
    name: names[kind] ?? 'Activité',
    kind,
    weekdays: kind === 'mercredi' ? '3' : '1,2,4,5',
    period: 'school',
    capacity: kind === 'cantine' ? 100 : kind === 'mercredi' ? 36 : 40,
    billing_mode: (kind === 'mercredi' ? 'prepaid' : 'invoice') satisfies BillingMode,
    add_deadline: JSON.stringify(deadlines.add),
    cancel_deadline: JSON.stringify(deadlines.cancel),
    created_at: isoNow(),
    waiting_list: 1,
    enrolment_mode: 'manual',
    required_documents: '[]',
    ...overrides,
  };
}

export const createActivity = (db: DbLike, overrides: Pick<ActivityRow, 'site_id' | 'school_year_id'> & Partial<ActivityRow>) =>
  insertOne(db, 'activities', buildActivity(overrides));

/** A price grid row; its brackets come from `buildPriceBrackets`. Defaults to the demo canteen grid. */
export function buildPriceGrid(
  overrides: Pick<PriceGridRow, 'activity_id' | 'school_year_id'> & Partial<PriceGridRow>,
  spec: GridSpec = DEMO_GRIDS.cantine,
): PriceGridRow {
  return {
    id: randomUUID(),
    effective_from: overrides.effective_from ?? buildSchoolYear({ id: overrides.school_year_id }).starts_on,
    source: spec.source,
    non_resident_cents: spec.nonResidentCents,
    missing_qf_cents: spec.missingQfCents,
    created_at: isoNow(),
    rules: '{}',
    updated_at: null,
    updated_by: null,
    ...overrides,
  };
}

/** Brackets ranked 1..n: qf_min inclusive, qf_max exclusive (null for the last, open-ended bracket). */
export function buildPriceBrackets(priceGridId: string, spec: Pick<GridSpec, 'qfMins' | 'pricesCents'>): PriceBracketRow[] {
  if (spec.qfMins.length !== spec.pricesCents.length) throw new Error('one price per bracket');
  return spec.qfMins.map((qfMin, index) => ({
    id: randomUUID(),
    price_grid_id: priceGridId,
    rank: index + 1,
    qf_min: qfMin,
    qf_max: index + 1 < spec.qfMins.length ? spec.qfMins[index + 1] : null,
    unit_price_cents: spec.pricesCents[index],
    pai_cents: null,
  }));
}

/** Inserts a grid and its brackets. `spec` defaults to the demo canteen grid (Roncq 2025). */
export async function createPriceGrid(
  db: DbLike,
  overrides: Pick<PriceGridRow, 'activity_id' | 'school_year_id'> & Partial<PriceGridRow>,
  spec: GridSpec = DEMO_GRIDS.cantine,
): Promise<{ grid: PriceGridRow; brackets: PriceBracketRow[] }> {
  const grid = buildPriceGrid(overrides, spec);
  const brackets = buildPriceBrackets(grid.id, spec);
  await insertRows(db, 'price_grids', [grid]);
  await insertRows(db, 'price_brackets', brackets);
  return { grid, brackets };
}

export function buildEnrolment(overrides: Pick<EnrolmentRow, 'child_id' | 'activity_id'> & Partial<EnrolmentRow>): EnrolmentRow {
  const now = isoNow();
  const status = overrides.status ?? ('accepted' satisfies EnrolmentStatus);
  return {
    id: randomUUID(),
    status,
    requested_at: now,
    decided_at: status === 'requested' ? null : now,
    decision_message: null,
    ...overrides,
  };
}

export const createEnrolment = (db: DbLike, overrides: Pick<EnrolmentRow, 'child_id' | 'activity_id'> & Partial<EnrolmentRow>) =>
  insertOne(db, 'enrolments', buildEnrolment(overrides));

/** A reserved booking; `unit_price_cents` defaults to 0, so pass the price your test expects. */
export function buildBooking(overrides: Pick<BookingRow, 'child_id' | 'activity_id' | 'day'> & Partial<BookingRow>): BookingRow {
  const now = overrides.created_at ?? isoNow();
  return {
    id: randomUUID(),
    status: 'reserved' satisfies BookingStatus,
    unit_price_cents: 0,
    created_at: now,
    updated_at: now,
    queued_at: null,
    ...overrides,
  };
}

export const createBooking = (db: DbLike, overrides: Pick<BookingRow, 'child_id' | 'activity_id' | 'day'> & Partial<BookingRow>) =>
  insertOne(db, 'bookings', buildBooking(overrides));

export type AttendanceRow = Selectable<AttendanceTable>;

/** An attendance mark (pointage) as the tablet records it. */
export function buildAttendance(
  overrides: Pick<AttendanceRow, 'child_id' | 'activity_id' | 'day' | 'status'> & Partial<AttendanceRow>,
): AttendanceRow {
  const at = overrides.marked_at ?? isoNow();
  return {
    id: randomUUID(),
    justified: 0,
    certificate_storage_key: null,
    certificate_file_name: null,
    certificate_media_type: null,
    certificate_size_bytes: null,
    justified_at: null,
    justified_by: null,
    marked_at: at,
    marked_by: null,
    created_at: at,
    updated_at: at,
    ...overrides,
  };
}

export function buildNews(overrides: Partial<NewsRow> = {}): NewsRow {
  const now = overrides.created_at ?? isoNow();
  return {
    id: randomUUID(),
    title: 'Actualité',
    body_markdown: '## Actualité\n\nTexte de l’actualité.',
    news_date: now.slice(0, 10),
    published: 1,
    publish_at: null,
    home_position: null,
    created_by: null,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

export const createNews = (db: DbLike, overrides: Partial<NewsRow> = {}) => insertOne(db, 'news', buildNews(overrides));

export interface UserOverrides {
  username?: string;
  email?: string | null;
  displayName?: string;
  role?: Role;
  familyId?: string | null;
  /** Already hashed (hash with the hasher under test); null means the account cannot log in with a password. */
  passwordHash?: string | null;
}

/** Inserts a user through the users repository (lower-cased username and e-mail, active). Defaults to a parent. */
export async function createUser(db: DbLike, overrides: UserOverrides = {}, now: Date = new Date()): Promise<UserRecord> {
  const username = overrides.username ?? `utilisateur-${shortId()}`;
  return userRepository(dbOf(db)).create(
    {
      username,
      email: overrides.email === undefined ? `${username}@example.fr` : overrides.email,
      displayName: overrides.displayName ?? username,
      passwordHash: overrides.passwordHash ?? null,
      role: overrides.role ?? 'parent',
      familyId: overrides.familyId ?? null,
    },
    now,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// A ready-made fixture for tests that need "a child enrolled at a canteen".

export interface CanteenFixture {
  organisation: OrganisationRow;
  schoolYear: SchoolYearRow;
  site: SiteRow;
  activity: ActivityRow;
  grid: PriceGridRow;
  brackets: PriceBracketRow[];
  family: FamilyRow;
  child: ChildRow;
  enrolment: EnrolmentRow;
}

/**
 * Organisation (Saint-Exemple, Rhône, zone A), school year 2026-2027, a groupe scolaire, its canteen priced with
 * the Roncq grid, a resident family (QF 1000 → bracket 4, 3.05 €) and one child enrolled (accepted).
 */
export async function createCanteenFixture(
  db: DbLike,
  overrides: {
    organisation?: Partial<OrganisationRow>;
    schoolYear?: Partial<SchoolYearRow>;
    site?: Partial<SiteRow>;
    activity?: Partial<ActivityRow>;
    family?: Partial<FamilyRow>;
    child?: Partial<ChildRow>;
    enrolment?: Partial<EnrolmentRow>;
  } = {},
): Promise<CanteenFixture> {
  const organisation = await createOrganisation(db, overrides.organisation);
  const schoolYear = await createSchoolYear(db, overrides.schoolYear);
  const site = await createSite(db, overrides.site);
  const activity = await createActivity(db, { site_id: site.id, school_year_id: schoolYear.id, ...overrides.activity });
  const { grid, brackets } = await createPriceGrid(db, {
    activity_id: activity.id,
    school_year_id: schoolYear.id,
    effective_from: schoolYear.starts_on,
  });
  const family = await createFamily(db, overrides.family);
  const child = await createChild(db, { family_id: family.id, last_name: family.name, site_id: site.id, ...overrides.child });
  const enrolment = await createEnrolment(db, { child_id: child.id, activity_id: activity.id, ...overrides.enrolment });
  return { organisation, schoolYear, site, activity, grid, brackets, family, child, enrolment };
}
