/**
 * The demo commune served by `npm start` on a fresh database: Saint-Exemple (fictitious, Rhône, zone A), three
 * schools, their canteens, garderies and Wednesday centre, about forty families (Famille Martin mirrors the
 * tutorial), bookings of the previous and current months on the real calendar, news, and one account per role.
 *
 * Generated relative to `now` (Europe/Paris) with a seeded PRNG, so the same `now` and seed give the same data
 * (ids apart). Everything is inserted in one transaction, in batches.
 */
import type { Kysely } from 'kysely';
import { seedDemoInvoices } from './seed-invoices';
import { rebuildActivityDays } from '../../adapters/db/repositories/bookings';
import { seedDossierDemo } from './dossier-demo';
import { userRepository } from '../../adapters/db/repositories/users';
import type { Database } from '../../adapters/db/schema';
import type { Store } from '../../adapters/db/store';
import type { Role } from '../../core/accounts/roles';
import {
  addDays,
  addMonths,
  daysInMonth,
  eachDay,
  holidayZoneForDepartement,
  isOpenOn,
  parisToday,
  periodsForDepartement,
  publicHolidayCalendar,
  regionForDepartement,
  schoolYearContaining,
  schoolYearIncludingSummer,
  schoolYearStartingIn,
  startOfMonth,
  toParts,
  type OpeningRules,
  type PlainDate,
  weekday,
  type SchoolYear,
} from '../../core/calendar/index';
import { shippedAcademies, shippedSchoolHolidays } from '../../core/calendar/shipped-data';
import type { PasswordHasher } from '../../core/ports';
import {
  buildActivity,
  buildBooking,
  buildChild,
  buildEnrolment,
  buildFamily,
  buildGuardian,
  buildNews,
  buildOrganisation,
  buildPriceBrackets,
  buildPriceGrid,
  buildSite,
  createRng,
  DEMO_GRIDS,
  ELEMENTAIRE_LEVELS,
  insertRows,
  levelAge,
  MATERNELLE_LEVELS,
  SCHOOL_LEVELS,
  type ActivityKind,
  type ActivityRow,
  type BookingRow,
  type ChildRow,
  type Diet,
  type EnrolmentRow,
  type EnrolmentStatus,
  type FamilyRow,
  type GridSpec,
  type GuardianRow,
  type NewsRow,
  type PriceBracketRow,
  type PriceGridRow,
  type Rng,
  type SchoolLevel,
  type SiteKind,
  type SiteRow,
} from './factories';
import {
  ALLERGIES,
  BOY_FIRST_NAMES,
  GIRL_FIRST_NAMES,
  MAN_FIRST_NAMES,
  OTHER_TOWNS,
  STREETS,
  SURNAMES,
  WOMAN_FIRST_NAMES,
} from './names';

export type DemoRole = 'parent' | 'admin' | 'agent' | 'animateur' | 'regisseur';

/** The demo's log-ins, printed at start-up. Demo only: never enable the demo on a real commune's server. */
export const DEMO_ACCOUNTS: { role: DemoRole; username: string; password: string }[] = [
  { role: 'parent', username: 'famille.martin', password: 'Tartine-Martin-2026' },
  { role: 'admin', username: 'admin', password: 'Tartine-Admin-2026' },
  { role: 'agent', username: 'agent', password: 'Tartine-Agent-2026' },
  { role: 'regisseur', username: 'regisseur', password: 'Tartine-Regie-2026' },
  { role: 'animateur', username: 'animateur', password: 'Tartine-Anim-2026' },
];

const STAFF_PROFILES: Record<Exclude<DemoRole, 'parent'>, { displayName: string; email: string }> = {
  admin: { displayName: 'Isabelle Fabre', email: 'admin@saint-exemple.fr' },
  agent: { displayName: 'Karim Bensaïd', email: 'agent@saint-exemple.fr' },
  regisseur: { displayName: 'Odile Marchand', email: 'regie@saint-exemple.fr' },
  animateur: { displayName: 'Lucas Ferreira', email: 'animation@saint-exemple.fr' },
};

export const DEMO_COMMUNE = {
  name: 'Saint-Exemple',
  /** Fictitious: no commune of the Rhône has this INSEE code or postal code. */
  inseeCode: '69999',
  postalCode: '69999',
  departement: '69',
} as const;

const DEFAULT_SEED = 1789;
const MARTIN_EMAIL = 'famille.martin@example.fr';

/** Seeds the demo unless the database already holds an organisation. Returns whether it seeded. */
export async function seedDemoIfEmpty(store: Store, hasher: PasswordHasher, now: Date): Promise<boolean> {
  if (await hasOrganisation(store.db)) return false;
  try {
    await seedDemo(store, hasher, now);
    return true;
  } catch (error) {
    // Another process seeded at the same time: its transaction won, ours rolled back on a unique constraint.
    if (error instanceof AlreadySeeded || (await hasOrganisation(store.db))) return false;
    throw error;
  }
}

class AlreadySeeded extends Error {}

async function hasOrganisation(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Inserts the whole demo commune in one transaction. Fails (and inserts nothing) on a database already seeded. */
export async function seedDemo(store: Store, hasher: PasswordHasher, now: Date, options: { seed?: number } = {}): Promise<void> {
  // Hash before opening the transaction: argon2 takes ~50 ms per password and SQLite has a single writer.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((account) => hasher.hash(account.password)));
  const plan = planDemo(now, options.seed ?? DEFAULT_SEED);

  await store.db.transaction().execute(async (trx) => {
    if (await hasOrganisation(trx)) throw new AlreadySeeded('the database already holds an organisation');
    await insertRows(trx, 'organisation', [plan.organisation]);
    await insertRows(trx, 'sites', plan.sites);
    await insertRows(trx, 'school_years', plan.schoolYears);
    await insertRows(trx, 'families', plan.families);

    const users = userRepository(trx);
    const userIds = new Map<DemoRole, string>();
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const profile = account.role === 'parent' ? { displayName: 'Famille Martin', email: MARTIN_EMAIL } : STAFF_PROFILES[account.role];
      const user = await users.create(
        {
          username: account.username,
          email: profile.email,
          displayName: profile.displayName,
          passwordHash: hashes[index],
          role: account.role satisfies Role,
          familyId: account.role === 'parent' ? plan.martinFamilyId : null,
        },
        now,
      );
      userIds.set(account.role, user.id);
    }

    const guardians = plan.guardians.map((guardian) =>
      guardian.id === plan.martinParentGuardianId ? { ...guardian, user_id: userIds.get('parent') ?? null } : guardian,
    );
    // The demo animateur works at the Groupe scolaire Les Lutins: attendance and meals of that site only (issue 6).
    await insertRows(trx, 'staff_sites', [{ user_id: userIds.get('animateur')!, site_id: plan.animateurSiteId, created_at: now.toISOString() }]);
    await insertRows(trx, 'guardians', guardians);
    await insertRows(trx, 'children', plan.children);
    await insertRows(trx, 'activities', plan.activities);
    await insertRows(trx, 'price_grids', plan.priceGrids);
    await insertRows(trx, 'price_brackets', plan.priceBrackets);
    await insertRows(trx, 'enrolments', plan.enrolments);
    await insertRows(trx, 'bookings', plan.bookings);
    await rebuildActivityDays(trx); // capacity counters consistent with the bookings just inserted
    const adminId = userIds.get('admin') ?? null;
    await insertRows(trx, 'news', plan.news.map((item) => ({ ...item, created_by: adminId })));
    await seedDossierDemo(trx, plan); // enrolment modes, required documents, an authorised person (issue 7)
  });
  // Last month's invoices, issued by the real run (its own transactions: resumable like any run).
  const mandateFamily = plan.families.find((family) => family.id !== plan.martinFamilyId)!;
  await seedDemoInvoices(store.db, now, mandateFamily.id);
}

// ---------------------------------------------------------------------------------------------------------------
// The plan: every row, computed without touching the database.

export interface DemoPlan {
  today: PlainDate;
  currentSchoolYear: SchoolYear;
  organisation: ReturnType<typeof buildOrganisation>;
  sites: SiteRow[];
  schoolYears: { id: string; starts_on: string; ends_on: string }[];
  families: FamilyRow[];
  guardians: GuardianRow[];
  children: ChildRow[];
  activities: ActivityRow[];
  priceGrids: PriceGridRow[];
  priceBrackets: PriceBracketRow[];
  enrolments: EnrolmentRow[];
  bookings: BookingRow[];
  news: NewsRow[];
  martinFamilyId: string;
  martinParentGuardianId: string;
  /** The site the demo animateur is assigned to (Groupe scolaire Les Lutins). */
  animateurSiteId: string;
}

type SiteKey = 'coquelicots' | 'jaures' | 'lutins';

const SITES: Record<SiteKey, { name: string; kind: SiteKind; address: string; canteen: string; canteenCapacity: number; short: string }> = {
  coquelicots: {
    name: 'École maternelle Les Coquelicots',
    kind: 'maternelle',
    address: '5 rue des Coquelicots, 69999 Saint-Exemple',
    canteen: 'Cantine Les Coquelicots',
    canteenCapacity: 80,
    short: 'Les Coquelicots',
  },
  jaures: {
    name: 'École élémentaire Jean-Jaurès',
    kind: 'elementaire',
    address: '18 avenue Jean-Jaurès, 69999 Saint-Exemple',
    canteen: 'Cantine Jean-Jaurès',
    canteenCapacity: 120,
    short: 'Jean-Jaurès',
  },
  lutins: {
    name: 'Groupe scolaire Les Lutins',
    kind: 'groupe_scolaire',
    address: '2 rue des Écoles, 69999 Saint-Exemple',
    canteen: 'Cantine Les Lutins Gourmands',
    canteenCapacity: 150,
    short: 'Les Lutins',
  },
};

/**
 * Share of open days booked: canteen 85 % of days; garderies about 40 % (75 % of the child's two usual weekdays,
 * 8 % of the others); Wednesday centre one week in two.
 */
const CANTEEN_RATE = 0.85;

interface ChildPlan {
  row: ChildRow;
  family: FamilyRow;
  level: SchoolLevel;
  site: SiteKey;
  /** Activity kinds → enrolment status for the current school year. */
  enrolments: Map<ActivityKind, EnrolmentStatus>;
  /** Weekdays the child usually stays at the garderie. */
  usualDays: Set<number>;
}

/** Computes the demo's rows for that instant and seed. Exposed for tests and benchmarks. */
export function planDemo(now: Date, seed = DEFAULT_SEED): DemoPlan {
  const rng = createRng(seed);
  const nowIso = now.toISOString();
  const today = parisToday(now);
  const yesterday = addDays(today, -1);
  // The school year containing today, or the coming one during the summer holidays.
  const current = schoolYearContaining(today) ?? schoolYearStartingIn(toParts(today).year);
  const startYear = Number(current.id.slice(0, 4));
  // Bookings cover the previous month and the current month up to yesterday.
  const windowStart = startOfMonth(addMonths(today, -1));
  const years = uniqueYears([schoolYearIncludingSummer(windowStart), schoolYearIncludingSummer(yesterday), current]);

  const departement = DEMO_COMMUNE.departement;
  const zone = holidayZoneForDepartement(departement, shippedAcademies());
  if (!zone) throw new Error(`no holiday zone for département ${departement}`);
  const holidayPeriods = periodsForDepartement(shippedSchoolHolidays(), departement);
  const publicHolidays = publicHolidayCalendar(regionForDepartement(departement));

  const organisation = buildOrganisation({
    commune_name: DEMO_COMMUNE.name,
    insee_code: DEMO_COMMUNE.inseeCode,
    departement,
    holiday_zone: zone,
    regie_name: 'Régie enfance de Saint-Exemple',
    contact_email: 'enfance@saint-exemple.fr',
    accessibility_status: 'partiellement',
    created_at: nowIso,
    updated_at: nowIso,
  });

  const siteRows = new Map<SiteKey, SiteRow>();
  for (const key of Object.keys(SITES) as SiteKey[]) {
    const { name, kind, address } = SITES[key];
    siteRows.set(key, buildSite({ name, kind, address }));
  }

  // ---- families, guardians, children
  const families: FamilyRow[] = [];
  const guardians: GuardianRow[] = [];
  const children: ChildPlan[] = [];
  const emails = new Set<string>([MARTIN_EMAIL]);
  const uniqueEmail = (first: string, last: string) => {
    const base = `${slug(first)}.${slug(last)}`;
    const domain = rng.chance(0.6) ? 'example.fr' : 'example.com';
    let email = `${base}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${domain}`;
    emails.add(email);
    return email;
  };
  const phone = () => `06 ${[0, 0, 0, 0].map(() => String(rng.int(0, 99)).padStart(2, '0')).join(' ')}`;
  const fileNumber = (n: number) => `F-${startYear}-${String(n).padStart(4, '0')}`;
  const createdAt = (daysAgo: number) => `${addDays(today, -daysAgo)}T08:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`;
  const birthDate = (level: SchoolLevel) => {
    const year = startYear - levelAge(level);
    const month = rng.int(1, 12);
    return `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, daysInMonth(year, month))).padStart(2, '0')}`;
  };

  // Famille Martin, as in the tutorial: Sarah (CE2) and Chloé (MS) at the Groupe scolaire Les Lutins.
  const martinCreatedAt = createdAt(400);
  const martin = buildFamily({
    file_number: fileNumber(1),
    name: 'Martin',
    address_line: '14 rue Victor-Hugo',
    postal_code: DEMO_COMMUNE.postalCode,
    city: DEMO_COMMUNE.name,
    email: MARTIN_EMAIL,
    phone: '06 12 34 56 78',
    resident: 1,
    qf: 720,
    qf_valid_until: current.summerEndsOn,
    created_at: martinCreatedAt,
    updated_at: martinCreatedAt,
  });
  families.push(martin);
  const martinParent = buildGuardian({
    family_id: martin.id,
    first_name: 'Julie',
    last_name: 'Martin',
    relationship: 'mère',
    email: MARTIN_EMAIL,
    phone: '06 12 34 56 78',
  });
  guardians.push(
    martinParent,
    buildGuardian({
      family_id: martin.id,
      first_name: 'Thomas',
      last_name: 'Martin',
      relationship: 'père',
      email: 'thomas.martin@example.com',
      phone: '06 87 65 43 21',
    }),
  );
  emails.add('thomas.martin@example.com');
  const sarah = buildChild({
    family_id: martin.id,
    first_name: 'Sarah',
    last_name: 'Martin',
    birth_date: `${startYear - levelAge('CE2')}-03-14`,
    site_id: siteRows.get('lutins')!.id,
    school_level: 'CE2',
    diet: 'standard',
  });
  const chloe = buildChild({
    family_id: martin.id,
    first_name: 'Chloé',
    last_name: 'Martin',
    birth_date: `${startYear - levelAge('MS')}-10-02`,
    site_id: siteRows.get('lutins')!.id,
    school_level: 'MS',
    diet: 'standard',
  });
  children.push(
    {
      row: sarah, family: martin, level: 'CE2', site: 'lutins', usualDays: new Set([1, 2, 4, 5]),
      enrolments: new Map([['cantine', 'accepted'], ['garderie_soir', 'accepted'], ['mercredi', 'accepted']]),
    },
    { row: chloe, family: martin, level: 'MS', site: 'lutins', usualDays: new Set(), enrolments: new Map([['cantine', 'accepted']]) },
  );

  // 39 other families: 21 with one child, 17 with two, 1 with three → 58 children (60 with the Martins).
  const OTHER_FAMILIES = 39;
  const order = rng.shuffle(Array.from({ length: OTHER_FAMILIES }, (_, i) => i));
  const sizeOf = new Map<number, number>(order.map((familyIndex, position) => [familyIndex, position === 0 ? 3 : position <= 17 ? 2 : 1]));
  const nonResidents = new Set(order.slice(18, 22));
  const missingQf = new Set(order.slice(22, 25));
  const expiredQf = new Set(order.slice(25, 28));
  const tutors = new Set(order.slice(28, 30));
  const brackets = rng.shuffle(Array.from({ length: OTHER_FAMILIES }, (_, i) => i % 8));
  const surnames = rng.shuffle(SURNAMES);
  const towns = rng.shuffle(OTHER_TOWNS);
  let townIndex = 0;

  for (let i = 0; i < OTHER_FAMILIES; i++) {
    const name = surnames[i % surnames.length];
    const resident = !nonResidents.has(i);
    const town = resident ? { city: DEMO_COMMUNE.name, postalCode: DEMO_COMMUNE.postalCode } : towns[townIndex++ % towns.length];
    const guardianCount = tutors.has(i) ? 1 : rng.chance(0.75) ? 2 : 1;
    const people: { first: string; last: string; relationship: string }[] = [];
    if (tutors.has(i)) {
      const woman = rng.chance(0.5);
      people.push({ first: rng.pick(woman ? WOMAN_FIRST_NAMES : MAN_FIRST_NAMES), last: rng.pick(surnames), relationship: 'tuteur' });
    } else if (guardianCount === 2) {
      people.push({ first: rng.pick(WOMAN_FIRST_NAMES), last: rng.chance(0.25) ? rng.pick(surnames) : name, relationship: 'mère' });
      people.push({ first: rng.pick(MAN_FIRST_NAMES), last: name, relationship: 'père' });
    } else if (rng.chance(0.7)) {
      people.push({ first: rng.pick(WOMAN_FIRST_NAMES), last: name, relationship: 'mère' });
    } else {
      people.push({ first: rng.pick(MAN_FIRST_NAMES), last: name, relationship: 'père' });
    }

    const familyGuardians = people.map((person) =>
      buildGuardian({
        family_id: '',
        first_name: person.first,
        last_name: person.last,
        relationship: person.relationship,
        email: uniqueEmail(person.first, person.last),
        phone: phone(),
      }),
    );

    const bracket = brackets[i];
    let qf: number | null = bracketQf(rng, bracket);
    let qfValidUntil: string | null = current.summerEndsOn;
    if (missingQf.has(i)) {
      qf = null;
      qfValidUntil = null;
    } else if (expiredQf.has(i)) {
      qfValidUntil = addDays(today, -rng.int(10, 45)); // the attestation ran out during the booking window
    }
    const familyCreatedAt = createdAt(rng.int(30, 900));
    const familyUpdatedAt = maxIso(familyCreatedAt, createdAt(rng.int(1, 60)));
    const family = buildFamily({
      file_number: fileNumber(i + 2),
      name,
      address_line: `${rng.int(1, 80)} ${rng.pick(STREETS)}`,
      postal_code: town.postalCode,
      city: town.city,
      email: familyGuardians[0].email,
      phone: familyGuardians[0].phone,
      resident: resident ? 1 : 0,
      qf,
      qf_valid_until: qfValidUntil,
      created_at: familyCreatedAt,
      updated_at: familyUpdatedAt,
    });
    families.push(family);
    for (const guardian of familyGuardians) guardians.push({ ...guardian, family_id: family.id });

    const levels = rng.shuffle(SCHOOL_LEVELS).slice(0, sizeOf.get(i) ?? 1) as SchoolLevel[];
    const atGroupeScolaire = rng.chance(0.4);
    const firstNames = new Set<string>();
    for (const level of levels) {
      const maternelle = (MATERNELLE_LEVELS as readonly string[]).includes(level);
      const site: SiteKey = atGroupeScolaire ? 'lutins' : maternelle ? 'coquelicots' : 'jaures';
      let first: string;
      do first = rng.pick(rng.chance(0.5) ? GIRL_FIRST_NAMES : BOY_FIRST_NAMES);
      while (firstNames.has(first));
      firstNames.add(first);
      const allergic = rng.chance(0.12);
      const dietRoll = rng.next();
      const diet: Diet = dietRoll < 0.7 ? 'standard' : dietRoll < 0.85 ? 'sans_porc' : 'vegetarien';
      const row = buildChild({
        family_id: family.id,
        first_name: first,
        last_name: name,
        birth_date: birthDate(level),
        site_id: siteRows.get(site)!.id,
        school_level: level,
        diet,
        allergies: allergic ? rng.pick(ALLERGIES) : '',
        has_pai: allergic && rng.chance(0.7) ? 1 : 0,
      });
      const enrolments = new Map<ActivityKind, EnrolmentStatus>();
      if (rng.chance(0.92)) enrolments.set('cantine', 'accepted');
      if (rng.chance(0.25)) enrolments.set('garderie_matin', 'accepted');
      if (rng.chance(0.35)) enrolments.set('garderie_soir', 'accepted');
      const usualDays = new Set(rng.shuffle([1, 2, 4, 5]).slice(0, 2));
      children.push({ row, family, level, site, enrolments, usualDays });
    }
  }

  // A few requests still waiting for the service's decision, and the Wednesday centre's other children.
  const others = rng.shuffle(children.slice(2));
  others.filter((c) => c.enrolments.get('cantine') === 'accepted').slice(0, 3).forEach((c) => c.enrolments.set('cantine', 'requested'));
  const withoutCanteen = others.find((c) => !c.enrolments.has('cantine'));
  withoutCanteen?.enrolments.set('cantine', 'requested');
  others.find((c) => !c.enrolments.has('garderie_soir'))?.enrolments.set('garderie_soir', 'requested');
  others.filter((c) => !c.enrolments.has('mercredi')).slice(0, 8).forEach((c, index) => c.enrolments.set('mercredi', index < 7 ? 'accepted' : 'requested'));

  // ---- activities, price grids, enrolments and bookings, per school year
  const activities: ActivityRow[] = [];
  const priceGrids: PriceGridRow[] = [];
  const priceBrackets: PriceBracketRow[] = [];
  const enrolments: EnrolmentRow[] = [];
  const bookings: BookingRow[] = [];

  for (const year of years) {
    const isCurrent = year.id === current.id;
    const yearOffset = Number(year.id.slice(0, 4)) - startYear; // -1 for the previous school year
    const yearActivities: { activity: ActivityRow; site: SiteKey; grid: GridSpec }[] = [];
    for (const key of Object.keys(SITES) as SiteKey[]) {
      const site = SITES[key];
      const siteId = siteRows.get(key)!.id;
      const specs: { kind: ActivityKind; name: string; capacity: number; grid: GridSpec }[] = [
        { kind: 'cantine', name: site.canteen, capacity: site.canteenCapacity, grid: DEMO_GRIDS.cantine },
        { kind: 'garderie_matin', name: `Garderie du matin ${site.short}`, capacity: 40, grid: DEMO_GRIDS.garderie },
        { kind: 'garderie_soir', name: `Garderie du soir ${site.short}`, capacity: 40, grid: DEMO_GRIDS.garderie },
      ];
      if (key === 'lutins') {
        specs.push({ kind: 'mercredi', name: `Accueil du mercredi ${site.short}`, capacity: 36, grid: DEMO_GRIDS.mercredi });
      }
      for (const spec of specs) {
        const activity = buildActivity({
          site_id: siteId,
          school_year_id: year.id,
          name: spec.name,
          kind: spec.kind,
          capacity: spec.capacity,
          created_at: isoAt(addDays(year.startsOn, -90), nowIso),
        });
        activities.push(activity);
        yearActivities.push({ activity, site: key, grid: spec.grid });
        const grid = buildPriceGrid(
          { activity_id: activity.id, school_year_id: year.id, effective_from: year.startsOn, created_at: activity.created_at },
          spec.grid,
        );
        priceGrids.push(grid);
        priceBrackets.push(...buildPriceBrackets(grid.id, spec.grid));
      }
    }

    const rules = (activity: ActivityRow): OpeningRules => ({
      weekdays: activity.weekdays.split(',').map(Number),
      period: 'school',
      schoolYear: year,
      zone,
      holidayPeriods,
      publicHolidays,
      closureDays: [],
    });
    const from = windowStart > year.startsOn ? windowStart : year.startsOn;
    const to = yesterday < year.endsOn ? yesterday : year.endsOn;

    for (const child of children) {
      // In an earlier school year, the child was one level below, and only kept its school at the groupe scolaire
      // (or in the same cycle): skip the children who were not yet at school, or at another school.
      if (!isCurrent) {
        const levelIndex = SCHOOL_LEVELS.indexOf(child.level) + yearOffset;
        if (levelIndex < 0) continue;
        if (child.site !== 'lutins' && (ELEMENTAIRE_LEVELS as readonly string[]).includes(child.level) !== levelIndex >= MATERNELLE_LEVELS.length) {
          continue;
        }
      }
      for (const [kind, status] of child.enrolments) {
        const entry = yearActivities.find((a) => a.activity.kind === kind && (kind === 'mercredi' || a.site === child.site));
        if (!entry) continue;
        const finalStatus: EnrolmentStatus = isCurrent ? status : 'accepted';
        const requestedAt =
          finalStatus === 'requested' ? `${addDays(today, -rng.int(1, 6))}T19:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z` : isoAt(addDays(year.startsOn, -rng.int(30, 75)), nowIso);
        enrolments.push(
          buildEnrolment({
            child_id: child.row.id,
            activity_id: entry.activity.id,
            status: finalStatus,
            requested_at: minIso(requestedAt, nowIso),
            decided_at: finalStatus === 'requested' ? null : minIso(isoAt(addDays(requestedAt.slice(0, 10), rng.int(1, 10)), nowIso), nowIso),
          }),
        );
        if (finalStatus !== 'accepted' || from > to) continue;

        const activityRules = rules(entry.activity);
        // Wednesdays: every other week (a common custody or work pattern), starting on a random week.
        let wednesdays = rng.int(0, 1);
        for (const day of eachDay(from, to)) {
          if (!isOpenOn(day, activityRules)) continue;
          if (kind === 'mercredi') {
            if (wednesdays++ % 2 === 1) continue;
          } else {
            const rate = kind === 'cantine' ? CANTEEN_RATE : child.usualDays.has(weekday(day)) ? 0.75 : 0.08;
            if (!rng.chance(rate)) continue;
          }
          const createdAt = minIso(`${addDays(day, -rng.int(3, 12))}T18:${String(rng.int(0, 59)).padStart(2, '0')}:00.000Z`, nowIso);
          bookings.push(
            buildBooking({
              child_id: child.row.id,
              activity_id: entry.activity.id,
              day,
              status: 'reserved',
              unit_price_cents: unitPrice(entry.grid, child.family, day),
              created_at: createdAt,
              updated_at: createdAt,
            }),
          );
        }
      }
    }

    // Sarah's next five canteen days are already booked, so her planning shows future bookings.
    if (isCurrent) {
      const canteen = yearActivities.find((a) => a.site === 'lutins' && a.activity.kind === 'cantine')!;
      const canteenRules = rules(canteen.activity);
      let found = 0;
      for (let day = addDays(today, 1); found < 5 && day <= year.endsOn; day = addDays(day, 1)) {
        if (!isOpenOn(day, canteenRules)) continue;
        found++;
        const createdAt = minIso(`${addDays(today, -1)}T20:15:00.000Z`, nowIso);
        bookings.push(
          buildBooking({
            child_id: sarah.id,
            activity_id: canteen.activity.id,
            day,
            status: 'reserved',
            unit_price_cents: unitPrice(canteen.grid, martin, day),
            created_at: createdAt,
            updated_at: createdAt,
          }),
        );
      }
    }

    // Today's bookings of the other families (never the Martins', whose planning the tutorial shows): the attendance
    // of the day and the kitchen's counts have children to show (issue 6). A separate generator keeps the rest of the
    // demo identical.
    if (isCurrent && today >= year.startsOn && today <= year.endsOn) {
      const todayRng = createRng(seed + 1);
      for (const child of children) {
        if (child.family.id === martin.id) continue;
        for (const [kind, status] of child.enrolments) {
          if (status !== 'accepted') continue;
          const entry = yearActivities.find((a) => a.activity.kind === kind && (kind === 'mercredi' || a.site === child.site));
          if (!entry || !isOpenOn(today, rules(entry.activity))) continue;
          const rate = kind === 'cantine' ? CANTEEN_RATE : kind === 'mercredi' ? 0.5 : child.usualDays.has(weekday(today)) ? 0.75 : 0.08;
          if (!todayRng.chance(rate)) continue;
          const createdAt = minIso(`${addDays(today, -todayRng.int(3, 12))}T18:${String(todayRng.int(0, 59)).padStart(2, '0')}:00.000Z`, nowIso);
          bookings.push(
            buildBooking({
              child_id: child.row.id,
              activity_id: entry.activity.id,
              day: today,
              status: 'reserved',
              unit_price_cents: unitPrice(entry.grid, child.family, today),
              created_at: createdAt,
              updated_at: createdAt,
            }),
          );
        }
      }
    }
  }

  return {
    today,
    currentSchoolYear: current,
    organisation,
    sites: [...siteRows.values()],
    schoolYears: years.map((year) => ({ id: year.id, starts_on: year.startsOn, ends_on: year.endsOn })),
    families,
    guardians,
    children: children.map((child) => child.row),
    activities,
    priceGrids,
    priceBrackets,
    enrolments,
    bookings,
    news: demoNews(today, nowIso),
    martinFamilyId: martin.id,
    martinParentGuardianId: martinParent.id,
    animateurSiteId: siteRows.get('lutins')!.id,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers.

function uniqueYears(years: SchoolYear[]): SchoolYear[] {
  const byId = new Map(years.map((year) => [year.id, year]));
  return [...byId.values()].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));
}

/** A QF inside the Roncq bracket (0-based index); the top bracket is drawn up to 3,200 €. */
function bracketQf(rng: Rng, bracket: number): number {
  const mins = DEMO_GRIDS.cantine.qfMins;
  const min = mins[bracket];
  const max = bracket + 1 < mins.length ? mins[bracket + 1] - 1 : 3200;
  return rng.int(Math.max(min, 150), max);
}

/** The price a family paid that day: non-resident, then missing or expired QF, then the QF bracket. */
function unitPrice(grid: GridSpec, family: FamilyRow, day: PlainDate): number {
  if (family.resident !== 1) return grid.nonResidentCents;
  if (family.qf === null || family.qf_valid_until === null || family.qf_valid_until < day) return grid.missingQfCents;
  let price = grid.pricesCents[0];
  grid.qfMins.forEach((min, index) => {
    if (family.qf !== null && family.qf >= min) price = grid.pricesCents[index];
  });
  return price;
}

/** 09:00 UTC on that day, but never after now. */
function isoAt(day: PlainDate, nowIso: string): string {
  return minIso(`${day}T09:00:00.000Z`, nowIso);
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

function maxIso(a: string, b: string): string {
  return a < b ? b : a;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function demoNews(today: PlainDate, nowIso: string): NewsRow[] {
  const item = (daysAgo: number, title: string, body: string, published = true) => {
    const day = addDays(today, -daysAgo);
    const at = minIso(`${day}T08:30:00.000Z`, nowIso);
    return buildNews({ title, body_markdown: body, news_date: day, published: published ? 1 : 0, created_at: at, updated_at: at });
  };
  return [
    item(
      26,
      'Bienvenue sur le portail famille',
      [
        '## Pour info',
        '',
        'Les comptes internautes ont été créés pour toutes les familles ayant retourné le questionnaire. ' +
          'Vous allez recevoir par e-mail un lien pour choisir votre mot de passe ; votre compte vous permettra :',
        '',
        '- de réserver en ligne les repas à la cantine ;',
        '- de réserver les temps de garderie du matin et du soir, et l’accueil du mercredi ;',
        '- de payer vos factures par carte bancaire.',
        '',
        'Une question ? Écrivez au [service enfance](mailto:enfance@saint-exemple.fr).',
      ].join('\n'),
    ),
    item(
      12,
      'Réservations : les délais à retenir',
      [
        '## Délais de réservation et d’annulation',
        '',
        '- **Cantine** : au plus tard deux jours ouvrés avant, à 12 h (le jeudi midi pour le lundi).',
        '- **Garderies du matin et du soir** : la veille avant 18 h.',
        '- **Accueil du mercredi** : le jeudi de la semaine précédente avant 9 h, paiement à la réservation.',
        '',
        'N’oubliez pas de cliquer sur **Terminer** dans le récapitulatif : sans cela, rien n’est réservé. ' +
          'Le détail est dans le [règlement intérieur des services périscolaires](/#documents).',
      ].join('\n'),
    ),
    item(
      3,
      'Pensez à mettre à jour votre quotient familial',
      [
        '## Attestation de quotient familial',
        '',
        'Le tarif de la cantine, des garderies et du mercredi dépend de votre quotient familial (8 tranches, ' +
          'de 0,50 € à 4,90 € le repas). Sans attestation valide, le tarif de la tranche la plus haute s’applique.',
        '',
        '1. Téléchargez votre attestation sur le site de la CAF ou de la MSA ;',
        '2. déposez-la dans **Mon dossier** ;',
        '3. le service enfance met votre tarif à jour sous une semaine.',
        '',
        '[Obtenir une attestation de quotient familial sur caf.fr](https://www.caf.fr/allocataires/mon-compte)',
      ].join('\n'),
    ),
    item(
      0,
      'Menus de la prochaine période (brouillon)',
      [
        '## Menus',
        '',
        'Brouillon : à compléter avec les menus validés par la commission restauration.',
        '',
        '- Repas végétarien chaque mardi',
        '- Produits locaux : pommes des Monts du Lyonnais',
        '',
        '[Voir les menus précédents](/#documents)',
      ].join('\n'),
      false,
    ),
  ];
}
