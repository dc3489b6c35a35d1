/**
 * The demo commune (server/demo/seed-demo.ts) on every dialect. The calendar oracle reads the reference CSVs
 * (shared/data/calendar, or the project's shipped copy when the shared folder is absent) with its own parsing and
 * weekday arithmetic, independent of core/calendar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../adapters/db/schema';
import { createStore } from '../../adapters/db/store';
import { argon2Hasher } from '../../adapters/security/password-hasher';
import type { PasswordHasher } from '../../core/ports';
import { buildBooking, createCanteenFixture, createUser, insertRows } from '../../server/demo/factories';
import { DEMO_ACCOUNTS, planDemo, seedDemo, seedDemoIfEmpty } from '../../server/demo/seed-demo';
import { describeEachDialect } from '../harness/databases';

// ---- oracle ------------------------------------------------------------------------------------------------------

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDir = path.resolve(here, '../../../shared/data/calendar');
const calendarDir = fs.existsSync(sharedDir) ? sharedDir : path.resolve(here, '../../core/calendar/data');

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(path.join(calendarDir, file), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  // No quoted fields in these files' rows we read (descriptions contain no commas).
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
}

const zoneOf69 = readCsv('academies-zones.csv').find((row) => row.departement === '69')?.zone;
const zoneAHolidays = readCsv('vacances-scolaires.csv')
  .filter((row) => row.zone === zoneOf69)
  .map((row) => ({ start: row.start_date, end: row.end_date || '9999-12-31', description: row.description }));
const metropoleHolidays = new Set(
  readCsv('jours-feries-2024-2028.csv')
    .filter((row) => row.zone === 'Métropole')
    .map((row) => row.date),
);

/** ISO weekday (1 = Monday) by UTC calendar arithmetic. */
function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

function closedReason(day: string, weekdays: number[], schoolYear: { starts_on: string; ends_on: string }): string | null {
  if (day < schoolYear.starts_on || day > schoolYear.ends_on) return 'outside school year';
  const weekday = isoWeekday(day);
  if (weekday >= 6) return 'week-end';
  if (!weekdays.includes(weekday)) return `weekday ${weekday}`;
  if (metropoleHolidays.has(day)) return 'public holiday';
  const holiday = zoneAHolidays.find((period) => period.start <= day && day <= period.end);
  if (holiday) return holiday.description;
  return null;
}

// ---- helpers -----------------------------------------------------------------------------------------------------

/** Hashing is not what most tests look at: a fast stand-in, except where the real argon2 hasher is the point. */
const fakeHasher: PasswordHasher = {
  hash: async (password) => `fake:${password}`,
  verify: async (hash, password) => hash === `fake:${password}`,
};

const TABLES = [
  'organisation',
  'users',
  'news',
  'sites',
  'school_years',
  'families',
  'guardians',
  'children',
  'activities',
  'price_grids',
  'price_brackets',
  'enrolments',
  'bookings',
  'documents',
  'closure_days',
] as const satisfies readonly (keyof Database)[];

async function countRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

async function bookingsWithContext(db: Kysely<Database>) {
  return db
    .selectFrom('bookings')
    .innerJoin('activities', 'activities.id', 'bookings.activity_id')
    .innerJoin('school_years', 'school_years.id', 'activities.school_year_id')
    .innerJoin('children', 'children.id', 'bookings.child_id')
    .leftJoin('enrolments', (join) =>
      join.onRef('enrolments.child_id', '=', 'bookings.child_id').onRef('enrolments.activity_id', '=', 'bookings.activity_id'),
    )
    .select([
      'bookings.day',
      'bookings.status',
      'bookings.unit_price_cents',
      'bookings.created_at',
      'activities.kind',
      'activities.name as activity_name',
      'activities.weekdays',
      'school_years.starts_on',
      'school_years.ends_on',
      'children.first_name',
      'children.last_name',
      'enrolments.status as enrolment_status',
    ])
    .orderBy('bookings.day')
    .execute();
}

function expectOnlyOpenDays(bookings: Awaited<ReturnType<typeof bookingsWithContext>>) {
  const offenders = bookings
    .map((b) => ({ b, reason: closedReason(b.day, b.weekdays.split(',').map(Number), b) }))
    .filter(({ reason }) => reason !== null)
    .map(({ b, reason }) => `${b.day} ${b.activity_name}: ${reason}`);
  expect(offenders).toEqual([]);
}

// ---- tests -------------------------------------------------------------------------------------------------------

describe('demo plan', () => {
  it('has a loaded calendar oracle', () => {
    expect(zoneOf69).toBe('Zone A');
    expect(zoneAHolidays.length).toBeGreaterThan(10);
    expect(metropoleHolidays.has('2026-11-11')).toBe(true);
  });

  it('is reproducible for a given now and seed (ids apart), and differs with another seed', () => {
    const now = new Date('2026-11-27T09:00:00Z');
    const names = (seed?: number) => planDemo(now, seed).children.map((c) => `${c.first_name} ${c.last_name} ${c.birth_date}`);
    expect(names()).toEqual(names());
    expect(names(7)).not.toEqual(names());
    expect(planDemo(now).bookings.length).toBe(planDemo(now).bookings.length);
  });

  it('lists the demo accounts in the documented order', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role)).toEqual(['parent', 'admin', 'agent', 'regisseur', 'animateur']);
    expect(DEMO_ACCOUNTS[0]).toEqual({ role: 'parent', username: 'famille.martin', password: 'Tartine-Martin-2026' });
  });
});

describeEachDialect('demo factories', (getHandle) => {
  it('builds a canteen fixture and inserts rows in batches above one chunk', async () => {
    const { db } = getHandle();
    const fixture = await createCanteenFixture(db, { family: { name: 'Lefebvre', qf: 500 } });
    expect(fixture.schoolYear).toEqual({ id: '2026-2027', starts_on: '2026-09-01', ends_on: '2027-07-02' });
    expect(fixture.brackets.map((b) => b.unit_price_cents)).toEqual([50, 175, 235, 305, 355, 405, 460, 490]);
    expect(fixture.enrolment.status).toBe('accepted');
    expect(fixture.child.last_name).toBe('Lefebvre');
    const rows = Array.from({ length: 450 }, (_, i) =>
      buildBooking({
        child_id: fixture.child.id,
        activity_id: fixture.activity.id,
        day: new Date(Date.UTC(2026, 8, 1 + i)).toISOString().slice(0, 10),
        unit_price_cents: 175,
      }),
    );
    await insertRows(db, 'bookings', rows);
    const { n } = await db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(450);
    const user = await createUser(db, { username: 'Parent.Lefebvre', familyId: fixture.family.id });
    expect(user).toMatchObject({ username: 'parent.lefebvre', role: 'parent', familyId: fixture.family.id, active: true });
  });
});

describeEachDialect('demo commune seed', (getHandle, dialect) => {
  const november = new Date('2026-11-27T09:00:00Z'); // Friday; previous month October 2026 (Toussaint from 17 Oct)

  it('creates the commune, its schools, ~40 families and ~60 children', async () => {
    const { db } = getHandle();
    const store = createStore(db);
    expect(await seedDemoIfEmpty(store, fakeHasher, november)).toBe(true);

    const organisation = await db.selectFrom('organisation').selectAll().execute();
    expect(organisation).toHaveLength(1);
    expect(organisation[0]).toMatchObject({
      commune_name: 'Saint-Exemple',
      departement: '69',
      holiday_zone: zoneOf69,
      regie_name: 'Régie enfance de Saint-Exemple',
      contact_email: 'enfance@saint-exemple.fr',
      accessibility_status: 'partiellement',
    });
    expect(organisation[0].insee_code).toMatch(/^69\d{3}$/);

    const sites = await db.selectFrom('sites').select(['name', 'kind']).orderBy('name').execute();
    expect(sites).toEqual(
      [
        { name: 'École élémentaire Jean-Jaurès', kind: 'elementaire' },
        { name: 'École maternelle Les Coquelicots', kind: 'maternelle' },
        { name: 'Groupe scolaire Les Lutins', kind: 'groupe_scolaire' },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    );

    expect(await db.selectFrom('school_years').selectAll().execute()).toEqual([
      { id: '2026-2027', starts_on: '2026-09-01', ends_on: '2027-07-02' },
    ]);

    const counts = await countRows(db);
    expect(counts.families).toBeGreaterThanOrEqual(38);
    expect(counts.children).toBeGreaterThanOrEqual(55);
    expect(counts.activities).toBe(10);
    expect(counts.price_grids).toBe(10);
    expect(counts.price_brackets).toBe(80);
    expect(counts.documents).toBe(0);
    expect(counts.users).toBe(5);

    const families = await db.selectFrom('families').selectAll().execute();
    expect(families.filter((f) => f.resident === 0).length).toBeGreaterThanOrEqual(3);
    expect(families.some((f) => f.qf === null)).toBe(true);
    expect(families.some((f) => f.qf_valid_until !== null && f.qf_valid_until < '2026-11-27')).toBe(true);
    expect(new Set(families.map((f) => f.file_number)).size).toBe(families.length);
    for (const f of families) expect(f.file_number).toMatch(/^F-2026-\d{4}$/);
    // QF spread over the 8 Roncq brackets.
    const bounds = [0, 400, 640, 860, 1150, 1500, 1700, 1900];
    const brackets = new Set(families.filter((f) => f.qf !== null).map((f) => bounds.filter((b) => f.qf! >= b).length));
    expect(brackets.size).toBe(8);

    // Children's ages match their level (age reached in 2026: PS 3 … CM2 10) and their school teaches that level.
    const children = await db
      .selectFrom('children')
      .innerJoin('sites', 'sites.id', 'children.site_id')
      .select(['children.birth_date', 'children.school_level', 'children.diet', 'sites.kind'])
      .execute();
    const levels = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];
    for (const child of children) {
      const index = levels.indexOf(child.school_level);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(2026 - Number(child.birth_date.slice(0, 4))).toBe(3 + index);
      if (index < 3) expect(['maternelle', 'groupe_scolaire']).toContain(child.kind);
      else expect(['elementaire', 'groupe_scolaire']).toContain(child.kind);
      expect(['standard', 'sans_porc', 'vegetarien']).toContain(child.diet);
    }
    expect(children).toHaveLength(counts.children); // every child has a school

    const news = await db.selectFrom('news').selectAll().execute();
    expect(news.filter((n) => n.published === 1)).toHaveLength(3);
    expect(news.filter((n) => n.published === 0)).toHaveLength(1);
    expect(news.map((n) => n.title)).toContain('Bienvenue sur le portail famille');
    for (const item of news) {
      expect(item.body_markdown).toMatch(/^## /m);
      expect(item.body_markdown).toMatch(/^(- |\d\. )/m);
      expect(item.body_markdown).toMatch(/\[[^\]]+\]\([^)]+\)/);
      expect(item.news_date <= '2026-11-27').toBe(true);
    }
  });

  it('issues last month’s invoices with the real run (Martin owes one), a SEPA creditor and one mandate', async () => {
    const { db } = getHandle();
    expect(await seedDemoIfEmpty(createStore(db), fakeHasher, november)).toBe(true);
    const runs = await db.selectFrom('invoice_runs').select(['month', 'status']).execute();
    expect(runs).toEqual([{ month: '2026-10', status: 'done' }]);
    const invoices = await db
      .selectFrom('invoices')
      .select(['reference', 'family_id', 'status', 'emailed_at'])
      .orderBy('reference')
      .execute();
    expect(invoices.length).toBeGreaterThan(10);
    expect(invoices[0].reference).toBe('F2026-000001');
    expect(invoices.every((i) => i.emailed_at !== null)).toBe(true);
    const martin = await db.selectFrom('families').select('id').where('name', '=', 'Martin').executeTakeFirstOrThrow();
    expect(invoices.filter((i) => i.family_id === martin.id).map((i) => i.status)).toEqual(['open']);
    const organisation = await db.selectFrom('organisation').select(['sepa_creditor_id', 'sepa_iban']).executeTakeFirstOrThrow();
    expect(organisation.sepa_creditor_id).toBe('FR72ZZZ123456');
    expect(await db.selectFrom('sepa_mandates').select('status').execute()).toEqual([{ status: 'active' }]);
  });

  it('mirrors the tutorial: famille Martin, Sarah and Chloé at Cantine Les Lutins Gourmands', async () => {
    const { db } = getHandle();
    await seedDemo(createStore(db), fakeHasher, november);

    const martin = await db.selectFrom('families').selectAll().where('name', '=', 'Martin').execute();
    expect(martin).toHaveLength(1);
    expect(martin[0]).toMatchObject({ email: 'famille.martin@example.fr', resident: 1 });

    const enrolments = await db
      .selectFrom('enrolments')
      .innerJoin('children', 'children.id', 'enrolments.child_id')
      .innerJoin('activities', 'activities.id', 'enrolments.activity_id')
      .innerJoin('sites', 'sites.id', 'activities.site_id')
      .where('children.family_id', '=', martin[0].id)
      .select([
        'children.first_name',
        'children.school_level',
        'activities.name',
        'activities.kind',
        'activities.billing_mode',
        'activities.weekdays',
        'sites.name as site',
        'enrolments.status',
      ])
      .execute();
    const of = (first: string) => enrolments.filter((e) => e.first_name === first);
    expect(
      of('Sarah')
        .map((e) => e.name)
        .sort(),
    ).toEqual(
      [
        'Cantine Les Lutins Gourmands',
        ...of('Sarah')
          .filter((e) => e.kind !== 'cantine')
          .map((e) => e.name),
      ].sort(),
    );
    expect(
      of('Sarah')
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['cantine', 'garderie_soir', 'mercredi']);
    expect(of('Chloé').map((e) => e.name)).toEqual(['Cantine Les Lutins Gourmands']);
    for (const e of enrolments) {
      expect(e.status).toBe('accepted');
      expect(e.site).toBe('Groupe scolaire Les Lutins');
    }
    expect(of('Sarah')[0].school_level).toBe('CE2');
    expect(of('Chloé')[0].school_level).toBe('MS');
    const canteen = of('Sarah').find((e) => e.kind === 'cantine')!;
    expect(canteen).toMatchObject({ billing_mode: 'invoice', weekdays: '1,2,4,5' });
    const mercredi = of('Sarah').find((e) => e.kind === 'mercredi')!;
    expect(mercredi).toMatchObject({ billing_mode: 'prepaid', weekdays: '3' });

    // Sarah's planning shows booked future canteen days.
    const sarahFuture = (await bookingsWithContext(db)).filter(
      (b) => b.first_name === 'Sarah' && b.last_name === 'Martin' && b.day > '2026-11-27',
    );
    expect(sarahFuture.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sarahFuture.map((b) => b.activity_name))).toEqual(new Set(['Cantine Les Lutins Gourmands']));
    // QF 720 → bracket 3 of the Roncq grid: 2.35 € a meal.
    for (const b of sarahFuture) expect(b.unit_price_cents).toBe(235);

    // The parent account belongs to the family and to one of its guardians.
    const user = await db.selectFrom('users').selectAll().where('username', '=', 'famille.martin').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: 'parent', family_id: martin[0].id, email: 'famille.martin@example.fr', active: 1 });
    const linked = await db.selectFrom('guardians').select(['first_name', 'family_id']).where('user_id', '=', user.id).execute();
    expect(linked).toEqual([{ first_name: expect.any(String), family_id: martin[0].id }]);
  });

  it('books only open days of the zone-A calendar, for accepted enrolments, in the previous and current months', async () => {
    const { db } = getHandle();
    await seedDemo(createStore(db), fakeHasher, november);
    const bookings = await bookingsWithContext(db);
    expect(bookings.length).toBeGreaterThan(500);

    expectOnlyOpenDays(bookings);
    expect(bookings.filter((b) => b.enrolment_status !== 'accepted')).toEqual([]);
    expect(bookings.every((b) => b.status === 'reserved')).toBe(true);
    expect(bookings.every((b) => b.created_at <= november.toISOString())).toBe(true);

    const past = bookings.filter((b) => b.day < '2026-11-27');
    expect(past[0].day >= '2026-10-01').toBe(true);
    expect(past.some((b) => b.day.startsWith('2026-10'))).toBe(true);
    expect(past.some((b) => b.day.startsWith('2026-11'))).toBe(true);
    // Today: the other families' bookings (the attendance of the day, issue 6), never the Martins'; only Sarah's
    // canteen after today.
    const today = bookings.filter((b) => b.day === '2026-11-27');
    expect(today.length).toBeGreaterThan(10);
    expect(today.filter((b) => b.last_name === 'Martin')).toEqual([]);
    const future = bookings.filter((b) => b.day > '2026-11-27');
    expect(future.every((b) => b.first_name === 'Sarah' && b.kind === 'cantine')).toBe(true);
    // Toussaint (17 Oct – 1 Nov) and 11 November are empty; the days around them are not.
    expect(bookings.filter((b) => b.day >= '2026-10-17' && b.day <= '2026-11-01')).toEqual([]);
    expect(bookings.filter((b) => b.day === '2026-11-11')).toEqual([]);
    expect(bookings.some((b) => b.day === '2026-10-16')).toBe(true);
    expect(bookings.some((b) => b.day === '2026-11-02')).toBe(true);

    // Every kind of activity has bookings; Sarah goes to the Wednesday centre some Wednesdays.
    expect(new Set(past.map((b) => b.kind))).toEqual(new Set(['cantine', 'garderie_matin', 'garderie_soir', 'mercredi']));
    const sarahWednesdays = past.filter((b) => b.first_name === 'Sarah' && b.last_name === 'Martin' && b.kind === 'mercredi');
    expect(sarahWednesdays.length).toBeGreaterThanOrEqual(2);

    // Prices come from the activity's grid (a bracket, the non-resident or the missing-QF price).
    const prices = await db
      .selectFrom('price_grids')
      .innerJoin('activities', 'activities.id', 'price_grids.activity_id')
      .leftJoin('price_brackets', 'price_brackets.price_grid_id', 'price_grids.id')
      .select(['activities.name', 'price_grids.non_resident_cents', 'price_grids.missing_qf_cents', 'price_brackets.unit_price_cents'])
      .execute();
    const allowed = new Map<string, Set<number>>();
    for (const p of prices) {
      const set = allowed.get(p.name) ?? new Set<number>();
      set.add(p.non_resident_cents).add(p.missing_qf_cents);
      if (p.unit_price_cents !== null) set.add(p.unit_price_cents);
      allowed.set(p.name, set);
    }
    expect(bookings.filter((b) => !allowed.get(b.activity_name)?.has(b.unit_price_cents))).toEqual([]);
    const canteenPrices = new Set(bookings.filter((b) => b.kind === 'cantine').map((b) => b.unit_price_cents));
    expect(canteenPrices.has(650)).toBe(true); // non-residents
    expect(canteenPrices.has(490)).toBe(true); // top bracket / missing QF
    expect(canteenPrices.has(50)).toBe(true); // bracket 1
  });

  it('stores grids with contiguous brackets and the deadlines as JSON rules', async () => {
    const { db } = getHandle();
    await seedDemo(createStore(db), fakeHasher, november);
    const activities = await db.selectFrom('activities').selectAll().execute();
    for (const activity of activities) {
      expect(JSON.parse(activity.add_deadline)).toHaveProperty('kind');
      expect(JSON.parse(activity.cancel_deadline)).toHaveProperty('time');
      const brackets = await db
        .selectFrom('price_brackets')
        .innerJoin('price_grids', 'price_grids.id', 'price_brackets.price_grid_id')
        .where('price_grids.activity_id', '=', activity.id)
        .select(['rank', 'qf_min', 'qf_max', 'unit_price_cents', 'price_grids.effective_from', 'price_grids.source'])
        .orderBy('rank')
        .execute();
      expect(brackets.map((b) => b.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(brackets[0].qf_min).toBe(0);
      expect(brackets[7].qf_max).toBeNull();
      for (let i = 0; i < 7; i++) expect(brackets[i].qf_max).toBe(brackets[i + 1].qf_min);
      for (let i = 0; i < 7; i++) expect(brackets[i].unit_price_cents).toBeLessThan(brackets[i + 1].unit_price_cents);
      expect(brackets[0].effective_from).toBe('2026-09-01');
      expect(brackets[0].source).toMatch(/tarifs-exemples\.md/);
    }
    const canteen = activities.find((a) => a.name === 'Cantine Les Lutins Gourmands')!;
    expect(JSON.parse(canteen.add_deadline)).toEqual({ kind: 'days_before', days: 2, time: '12:00', workingDaysOnly: true });
  });

  it('hashes the demo passwords with the real hasher: famille.martin can log in', async () => {
    const { db } = getHandle();
    const hasher = argon2Hasher();
    await seedDemo(createStore(db), hasher, november);
    const users = await db.selectFrom('users').select(['username', 'role', 'password_hash']).execute();
    expect(users.map((u) => `${u.role}:${u.username}`).sort()).toEqual(DEMO_ACCOUNTS.map((a) => `${a.role}:${a.username}`).sort());
    const martin = users.find((u) => u.username === 'famille.martin')!;
    expect(martin.password_hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(martin.password_hash!, 'Tartine-Martin-2026')).toBe(true);
    expect(await hasher.verify(martin.password_hash!, 'tartine-martin-2026')).toBe(false);
    const admin = users.find((u) => u.username === 'admin')!;
    expect(await hasher.verify(admin.password_hash!, 'Tartine-Admin-2026')).toBe(true);
  });

  it('seeds only once: the second call returns false and changes nothing', async () => {
    const { db } = getHandle();
    const store = createStore(db);
    expect(await seedDemoIfEmpty(store, fakeHasher, november)).toBe(true);
    const before = await countRows(db);
    expect(await seedDemoIfEmpty(store, fakeHasher, new Date('2026-12-10T09:00:00Z'))).toBe(false);
    expect(await countRows(db)).toEqual(before);
    // seedDemo itself refuses a seeded database, atomically.
    await expect(seedDemo(store, fakeHasher, november)).rejects.toThrow();
    expect(await countRows(db)).toEqual(before);
  });

  it('in early September, also creates the previous school year and books the first days of the new one', async () => {
    const { db } = getHandle();
    const now = new Date('2026-09-04T08:00:00Z'); // Friday of the rentrée week; previous month = August (holidays)
    expect(await seedDemoIfEmpty(createStore(db), fakeHasher, now)).toBe(true);
    expect(await db.selectFrom('school_years').selectAll().orderBy('id').execute()).toEqual([
      { id: '2025-2026', starts_on: '2025-09-01', ends_on: '2026-07-03' },
      { id: '2026-2027', starts_on: '2026-09-01', ends_on: '2027-07-02' },
    ]);
    const bookings = await bookingsWithContext(db);
    expectOnlyOpenDays(bookings);
    expect(bookings.filter((b) => b.enrolment_status !== 'accepted')).toEqual([]);
    const past = bookings.filter((b) => b.day < '2026-09-04');
    expect(past.length).toBeGreaterThan(0);
    expect(new Set(past.map((b) => b.day))).toEqual(new Set(['2026-09-01', '2026-09-02', '2026-09-03']));
    expect(past.every((b) => b.starts_on === '2026-09-01')).toBe(true);
    // Sarah's next canteen days: from Monday 7 September.
    const future = bookings.filter((b) => b.day > '2026-09-04');
    expect(future.map((b) => b.day)).toEqual(['2026-09-07', '2026-09-08', '2026-09-10', '2026-09-11', '2026-09-14']);
  });

  it('in July, books June and early July in the ending school year, and plans the coming one', async () => {
    const { db } = getHandle();
    const now = new Date('2027-07-10T08:00:00Z'); // summer holidays: the current school year is the coming one
    expect(await seedDemoIfEmpty(createStore(db), fakeHasher, now)).toBe(true);
    const years = await db.selectFrom('school_years').select('id').orderBy('id').execute();
    expect(years.map((y) => y.id)).toEqual(['2026-2027', '2027-2028']);
    const bookings = await bookingsWithContext(db);
    expectOnlyOpenDays(bookings);
    expect(bookings.filter((b) => b.enrolment_status !== 'accepted')).toEqual([]);
    const past = bookings.filter((b) => b.day < '2027-07-10');
    expect(past.some((b) => b.day.startsWith('2027-06'))).toBe(true);
    expect(past.every((b) => b.starts_on === '2026-09-01' && b.day <= '2027-07-02')).toBe(true);
    const future = bookings.filter((b) => b.day > '2027-07-10');
    expect(future.map((b) => b.day)).toEqual(['2027-09-02', '2027-09-03', '2027-09-06', '2027-09-07', '2027-09-09']);
    // Children are placed for the coming school year: born 2024 for PS.
    const ps = await db.selectFrom('children').select('birth_date').where('school_level', '=', 'PS').execute();
    for (const child of ps) expect(child.birth_date.startsWith('2024-')).toBe(true);
  });
});
