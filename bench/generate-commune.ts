/**
 * A generated commune for the booking-rush benchmark, written straight into a fresh SQLite file.
 *
 * Shape (defaults): 2,500 families with 1–3 children (≈ 4,000 children), one parent account each (all with the same
 * password, hashed once), the demo's three sites with their canteens and garderies, every child enrolled (accepted)
 * at its school's canteen, and one holiday-centre-style activity with LIMITED capacity — « Accueil de loisirs Les
 * Lutins », Wednesdays in school weeks and during the holidays, billed on invoice (so that Terminer books it), about
 * 1,500 children enrolled for 300 places a day — so that the rush fills it. The canteens get this month's past days
 * booked (as the demo does), so that the plannings read real rows; next month is empty: that is what the rush books.
 *
 * The organisation row makes the server skip the demo seed. Everything is inserted in one transaction, in batches,
 * after migrateToLatest.
 */
import type { Kysely } from 'kysely';
import { createDb, migrateToLatest } from '../adapters/db/create-db';
import { rebuildActivityDays } from '../adapters/db/repositories/bookings';
import { argon2Hasher } from '../adapters/security/password-hasher';
import {
  addDays,
  addMonths,
  eachDay,
  endOfMonth,
  holidayZoneForDepartement,
  isOpenOn,
  parisToday,
  periodsForDepartement,
  publicHolidayCalendar,
  regionForDepartement,
  schoolYearIncludingSummer,
  startOfMonth,
  type OpeningRules,
  type PlainDate,
  type SchoolYear,
} from '../core/calendar/index';
import { shippedAcademies, shippedSchoolHolidays } from '../core/calendar/shipped-data';
import {
  buildActivity,
  buildBooking,
  buildChild,
  buildEnrolment,
  buildFamily,
  buildGuardian,
  buildOrganisation,
  buildPriceBrackets,
  buildPriceGrid,
  buildSchoolYear,
  buildSite,
  createRng,
  DEFAULT_DEADLINES,
  DEMO_GRIDS,
  insertRows,
  levelAge,
  MATERNELLE_LEVELS,
  SCHOOL_LEVELS,
  type ActivityRow,
  type BookingRow,
  type ChildRow,
  type EnrolmentRow,
  type FamilyRow,
  type GridSpec,
  type GuardianRow,
  type PriceBracketRow,
  type PriceGridRow,
  type SchoolLevel,
  type SiteKind,
  type SiteRow,
} from '../server/demo/factories';
import { BOY_FIRST_NAMES, GIRL_FIRST_NAMES, MAN_FIRST_NAMES, STREETS, SURNAMES, WOMAN_FIRST_NAMES } from '../server/demo/names';

export interface GenerateOptions {
  /** The SQLite file to create (must not exist yet). */
  file: string;
  families: number;
  /** Places per day of the limited activity; default: 12 % of the families (300 for 2,500), about a fifth of its enrolled children. */
  limitedCapacity?: number;
  /** Share of the children enrolled in the limited activity (default 0.375: ≈ 1,500 of ≈ 4,000). */
  limitedShare?: number;
  /** A full day may be joined on a waiting list (the product's default, 1) or is locked (0). */
  waitingList: boolean;
  password: string;
  seed?: number;
  now?: Date;
}

export interface BenchFamily {
  username: string;
  familyId: string;
  childIds: string[];
}

export interface CommuneManifest {
  file: string;
  password: string;
  today: PlainDate;
  /** The month the rush books: next month. */
  target: { start: PlainDate; end: PlainDate };
  families: BenchFamily[];
  canteenActivityIds: string[];
  limited: { activityIds: string[]; name: string; capacity: number; enrolled: number; waitingList: boolean; openDays: PlainDate[] };
  counts: { families: number; children: number; users: number; activities: number; enrolments: number; bookings: number };
  /** Wall time of the generation (hash, plan, inserts), in ms. */
  generationMs: number;
}

export const LIMITED_ACTIVITY_NAME = 'Accueil de loisirs Les Lutins';
const DEPARTEMENT = '69';
const COMMUNE = { name: 'Saint-Exemple', inseeCode: '69999', postalCode: '69999' };

type SiteKey = 'coquelicots' | 'jaures' | 'lutins';
const SITES: Record<SiteKey, { name: string; kind: SiteKind; address: string; canteen: string; short: string }> = {
  coquelicots: { name: 'École maternelle Les Coquelicots', kind: 'maternelle', address: '5 rue des Coquelicots, 69999 Saint-Exemple', canteen: 'Cantine Les Coquelicots', short: 'Les Coquelicots' },
  jaures: { name: 'École élémentaire Jean-Jaurès', kind: 'elementaire', address: '18 avenue Jean-Jaurès, 69999 Saint-Exemple', canteen: 'Cantine Jean-Jaurès', short: 'Jean-Jaurès' },
  lutins: { name: 'Groupe scolaire Les Lutins', kind: 'groupe_scolaire', address: '2 rue des Écoles, 69999 Saint-Exemple', canteen: 'Cantine Les Lutins Gourmands', short: 'Les Lutins' },
};

/** Children per family: 1 (50 %), 2 (40 %), 3 (10 %) → 1.6 on average, ≈ 4,000 children for 2,500 families. */
function childCount(roll: number): number {
  return roll < 0.5 ? 1 : roll < 0.9 ? 2 : 3;
}

function unitPrice(grid: GridSpec, family: FamilyRow): number {
  if (family.resident !== 1) return grid.nonResidentCents;
  if (family.qf === null) return grid.missingQfCents;
  let price = grid.pricesCents[0];
  grid.qfMins.forEach((min, index) => {
    if (family.qf !== null && family.qf >= min) price = grid.pricesCents[index];
  });
  return price;
}

export async function generateCommune(options: GenerateOptions): Promise<CommuneManifest> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const rng = createRng(options.seed ?? 2026);
  const today = parisToday(now);
  const target = { start: startOfMonth(addMonths(today, 1)), end: endOfMonth(addMonths(today, 1)) };
  const monthStart = startOfMonth(today);

  // School years met by this month (its past days get bookings) and by next month (the rush): one or two.
  const yearsById = new Map<string, SchoolYear>();
  for (const day of [monthStart, today, target.start, target.end]) {
    const year = schoolYearIncludingSummer(day);
    yearsById.set(year.id, year);
  }
  const years = [...yearsById.values()].sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1));

  const zone = holidayZoneForDepartement(DEPARTEMENT, shippedAcademies());
  if (!zone) throw new Error(`no holiday zone for département ${DEPARTEMENT}`);
  const holidayPeriods = periodsForDepartement(shippedSchoolHolidays(), DEPARTEMENT);
  const publicHolidays = publicHolidayCalendar(regionForDepartement(DEPARTEMENT));
  const rulesFor = (activity: ActivityRow, year: SchoolYear): OpeningRules => ({
    weekdays: activity.weekdays.split(',').map(Number),
    period: activity.period as OpeningRules['period'],
    schoolYear: year,
    zone,
    holidayPeriods,
    publicHolidays,
    closureDays: [],
  });

  // One hash for every account: argon2 takes tens of milliseconds per password.
  const passwordHash = await argon2Hasher().hash(options.password);

  const organisation = buildOrganisation({
    commune_name: COMMUNE.name,
    insee_code: COMMUNE.inseeCode,
    departement: DEPARTEMENT,
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

  // ---- families, guardians, accounts, children
  const families: FamilyRow[] = [];
  const guardians: GuardianRow[] = [];
  const users: { id: string; username: string; email: string; display_name: string; password_hash: string; role: string; family_id: string; active: number; created_at: string; updated_at: string; last_login_at: null }[] = [];
  const children: { row: ChildRow; family: FamilyRow; site: SiteKey }[] = [];
  const benchFamilies: BenchFamily[] = [];
  const brackets = DEMO_GRIDS.cantine.qfMins;

  for (let i = 0; i < options.families; i++) {
    const n = String(i + 1).padStart(5, '0');
    const name = rng.pick(SURNAMES);
    const resident = rng.chance(0.9);
    const bracket = rng.int(0, brackets.length - 1);
    const qf = rng.chance(0.05) ? null : rng.int(Math.max(brackets[bracket], 150), bracket + 1 < brackets.length ? brackets[bracket + 1] - 1 : 3200);
    const email = `parent${n}@bench.example.fr`;
    const family = buildFamily({
      file_number: `F-BENCH-${n}`,
      name,
      address_line: `${rng.int(1, 80)} ${rng.pick(STREETS)}`,
      postal_code: resident ? COMMUNE.postalCode : '69100',
      city: resident ? COMMUNE.name : 'Villeurbanne',
      email,
      phone: null,
      resident: resident ? 1 : 0,
      qf,
      qf_valid_until: qf === null ? null : '2099-12-31',
      created_at: nowIso,
      updated_at: nowIso,
    });
    families.push(family);
    const userId = crypto.randomUUID();
    const parentFirst = rng.pick(rng.chance(0.7) ? WOMAN_FIRST_NAMES : MAN_FIRST_NAMES);
    users.push({
      id: userId,
      username: `parent${n}`,
      email,
      display_name: `${parentFirst} ${name}`,
      password_hash: passwordHash,
      role: 'parent',
      family_id: family.id,
      active: 1,
      created_at: nowIso,
      updated_at: nowIso,
      last_login_at: null,
    });
    guardians.push(buildGuardian({ family_id: family.id, first_name: parentFirst, last_name: name, relationship: 'mère', email, user_id: userId }));
    if (rng.chance(0.6)) {
      guardians.push(buildGuardian({ family_id: family.id, first_name: rng.pick(MAN_FIRST_NAMES), last_name: name, relationship: 'père', email: null }));
    }

    const levels = rng.shuffle(SCHOOL_LEVELS).slice(0, childCount(rng.next())) as SchoolLevel[];
    const atGroupeScolaire = rng.chance(0.4);
    const firstNames = new Set<string>();
    const childIds: string[] = [];
    for (const level of levels) {
      const maternelle = (MATERNELLE_LEVELS as readonly string[]).includes(level);
      const site: SiteKey = atGroupeScolaire ? 'lutins' : maternelle ? 'coquelicots' : 'jaures';
      let first: string;
      do first = rng.pick(rng.chance(0.5) ? GIRL_FIRST_NAMES : BOY_FIRST_NAMES);
      while (firstNames.has(first));
      firstNames.add(first);
      const birthYear = Number(years[years.length - 1].id.slice(0, 4)) - levelAge(level);
      const row = buildChild({
        family_id: family.id,
        first_name: first,
        last_name: name,
        birth_date: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
        site_id: siteRows.get(site)!.id,
        school_level: level,
      });
      children.push({ row, family, site });
      childIds.push(row.id);
    }
    benchFamilies.push({ username: `parent${n}`, familyId: family.id, childIds });
  }

  // ---- who goes to the limited activity, and its capacity
  const share = options.limitedShare ?? 0.375;
  const limitedChildren = new Set(rng.shuffle(children.map((c) => c.row.id)).slice(0, Math.round(children.length * share)));
  const capacity = options.limitedCapacity ?? Math.max(1, Math.round(options.families * 0.12));
  const perSite = new Map<SiteKey, number>();
  for (const child of children) perSite.set(child.site, (perSite.get(child.site) ?? 0) + 1);
  const garderieMatin = new Set(children.filter(() => rng.chance(0.25)).map((c) => c.row.id));
  const garderieSoir = new Set(children.filter(() => rng.chance(0.35)).map((c) => c.row.id));

  // ---- activities, grids, enrolments, this month's past canteen days
  const activities: ActivityRow[] = [];
  const priceGrids: PriceGridRow[] = [];
  const priceBrackets: PriceBracketRow[] = [];
  const enrolments: EnrolmentRow[] = [];
  const bookings: BookingRow[] = [];
  const canteenActivityIds: string[] = [];
  const limitedActivityIds: string[] = [];
  const limitedOpenDays = new Set<PlainDate>();
  const yesterday = addDays(today, -1);

  for (const year of years) {
    const addGrid = (activity: ActivityRow, spec: GridSpec) => {
      const grid = buildPriceGrid({ activity_id: activity.id, school_year_id: year.id, effective_from: year.startsOn, created_at: nowIso }, spec);
      priceGrids.push(grid);
      priceBrackets.push(...buildPriceBrackets(grid.id, spec));
    };
    const enrol = (childId: string, activityId: string) =>
      enrolments.push(buildEnrolment({ child_id: childId, activity_id: activityId, status: 'accepted', requested_at: nowIso, decided_at: nowIso }));

    for (const key of Object.keys(SITES) as SiteKey[]) {
      const site = SITES[key];
      const siteId = siteRows.get(key)!.id;
      // Canteens large enough for every child of the site: only the limited activity may be full.
      const canteen = buildActivity({ site_id: siteId, school_year_id: year.id, name: site.canteen, kind: 'cantine', capacity: (perSite.get(key) ?? 0) + 50, created_at: nowIso });
      const matin = buildActivity({ site_id: siteId, school_year_id: year.id, name: `Garderie du matin ${site.short}`, kind: 'garderie_matin', capacity: 400, created_at: nowIso });
      const soir = buildActivity({ site_id: siteId, school_year_id: year.id, name: `Garderie du soir ${site.short}`, kind: 'garderie_soir', capacity: 400, created_at: nowIso });
      activities.push(canteen, matin, soir);
      addGrid(canteen, DEMO_GRIDS.cantine);
      addGrid(matin, DEMO_GRIDS.garderie);
      addGrid(soir, DEMO_GRIDS.garderie);
      canteenActivityIds.push(canteen.id);

      const canteenRules = rulesFor(canteen, year);
      const pastDays = monthStart <= yesterday ? [...eachDay(monthStart, yesterday)].filter((day) => day >= year.startsOn && isOpenOn(day, canteenRules)) : [];
      for (const child of children) {
        if (child.site !== key) continue;
        enrol(child.row.id, canteen.id);
        if (garderieMatin.has(child.row.id)) enrol(child.row.id, matin.id);
        if (garderieSoir.has(child.row.id)) enrol(child.row.id, soir.id);
        const price = unitPrice(DEMO_GRIDS.cantine, child.family);
        for (const day of pastDays) {
          if (!rng.chance(0.85)) continue;
          const at = `${addDays(day, -rng.int(3, 12))}T18:00:00.000Z`;
          bookings.push(buildBooking({ child_id: child.row.id, activity_id: canteen.id, day, status: 'reserved', unit_price_cents: price, created_at: at, updated_at: at }));
        }
      }
    }

    // The holiday-centre-style activity: Wednesdays in school weeks and in the holidays, limited places, on invoice.
    const limited = buildActivity({
      site_id: siteRows.get('lutins')!.id,
      school_year_id: year.id,
      name: LIMITED_ACTIVITY_NAME,
      kind: 'alsh',
      weekdays: '3',
      period: 'both',
      capacity,
      billing_mode: 'invoice',
      add_deadline: JSON.stringify(DEFAULT_DEADLINES.mercredi.add),
      cancel_deadline: JSON.stringify(DEFAULT_DEADLINES.mercredi.cancel),
      created_at: nowIso,
    });
    activities.push(limited);
    addGrid(limited, DEMO_GRIDS.mercredi);
    limitedActivityIds.push(limited.id);
    for (const childId of limitedChildren) enrol(childId, limited.id);
    const limitedRules = rulesFor(limited, year);
    for (const day of eachDay(target.start, target.end)) if (isOpenOn(day, limitedRules)) limitedOpenDays.add(day);
  }

  const handle = createDb({ dialect: 'sqlite', filename: options.file });
  try {
    await migrateToLatest(handle.db);
    await handle.db.transaction().execute(async (trx) => {
      await insertRows(trx, 'organisation', [organisation]);
      await insertRows(trx, 'sites', [...siteRows.values()]);
      await insertRows(trx, 'school_years', years.map((year) => buildSchoolYear({ id: year.id, starts_on: year.startsOn, ends_on: year.endsOn })));
      await insertRows(trx, 'families', families);
      await insertRows(trx, 'users', users);
      await insertRows(trx, 'guardians', guardians);
      await insertRows(trx, 'children', children.map((c) => c.row));
      await insertRows(trx, 'activities', activities);
      await insertRows(trx, 'price_grids', priceGrids);
      await insertRows(trx, 'price_brackets', priceBrackets);
      await insertRows(trx, 'enrolments', enrolments);
      await insertRows(trx, 'bookings', bookings);
      await rebuildActivityDays(trx);
      if (!options.waitingList) {
        await trx.updateTable('activities').set({ waiting_list: 0 }).where('id', 'in', limitedActivityIds).execute();
      }
    });
  } finally {
    await handle.destroy();
  }

  return {
    file: options.file,
    password: options.password,
    today,
    target,
    families: benchFamilies,
    canteenActivityIds,
    limited: {
      activityIds: limitedActivityIds,
      name: LIMITED_ACTIVITY_NAME,
      capacity,
      enrolled: limitedChildren.size,
      waitingList: options.waitingList,
      openDays: [...limitedOpenDays].sort(),
    },
    counts: {
      families: families.length,
      children: children.length,
      users: users.length,
      activities: activities.length,
      enrolments: enrolments.length,
      bookings: bookings.length,
    },
    generationMs: performance.now() - started,
  };
}
