/**
 * Invoicing benchmark: a Paris-size month invoiced by the real run, on SQLite and on PostgreSQL.
 *
 *   npm run bench -- invoicing [--families 74000] [--dialects sqlite,postgres] [--pdf-sample 200] [--chunk 200]
 *
 * 1. Generates the month into a fresh database (after migrateToLatest): about 660 schools with a canteen and an
 *    evening garderie each (« Sur facture », the demo grids), N families of 1–3 children (≈ 1.45 on average), every
 *    child booked at its canteen on 19 school days in 20 of November 2026 and 45 % of them at the garderie
 *    about twice a week — ≈ 2.2 million booking lines for 74,000 families — and a sample of attendance marks
 *    (justified absences, presences without booking) so that every pricing rule runs.
 * 2. Times the dry run (`planInvoicing`), then the issue (`startInvoicing` + `continueInvoicing`, no e-mails), with
 *    the process's peak memory sampled every 100 ms; checks the result (one invoice per billable family, numbers
 *    1..n without gaps, totals equal to the dry run's).
 * 3. Renders a sample of the issued invoices as PDF (the e-mail attachment), one after the other.
 *
 * PostgreSQL: a throwaway cluster from /usr/lib/postgresql/<version>/bin (tests/harness/postgres-cluster.ts), or
 * TEST_DATABASE_URL. Results: bench/results/invoicing-<timestamp>.json and bench/results/invoicing-latest.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDb, migrateToLatest, type DatabaseHandle } from '../adapters/db/create-db';
import { continueInvoicing, planInvoicing, startInvoicing } from '../core/invoicing/run';
import { eachDay, weekday, type PlainDate } from '../core/calendar';
import type { Month } from '../core/invoicing/month';
import {
  buildActivity,
  buildAttendance,
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
  DEMO_GRIDS,
  insertRows,
  type BookingRow,
  type ChildRow,
  type EnrolmentRow,
  type FamilyRow,
  type GuardianRow,
} from '../server/demo/factories';
import { createInvoicingServices } from '../server/invoicing-services';
import { startPostgresCluster } from '../tests/harness/postgres-cluster';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'bench', 'results');
const MONTH = '2026-11' as Month;
/** Monday 30 November 2026, 19:00 in Paris: the month's run. Presences without booking are on Wednesday the 25th (no canteen day here). */
const NOW = new Date('2026-11-30T18:00:00Z');
/** School days of November 2026 in zone C (Toussaint until 2 November; 11 November is a public holiday). */
const SCHOOL_DAYS = eachDay('2026-11-03', '2026-11-30').filter((day) => weekday(day) !== 3 && weekday(day) < 6 && day !== '2026-11-11');

interface Options {
  families: number;
  dialects: ('sqlite' | 'postgres')[];
  pdfSample: number;
  chunk: number;
}

function parse(args: string[]): Options {
  const value = (name: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const dialects = (value('dialects') ?? 'sqlite,postgres')
    .split(',')
    .filter((d): d is 'sqlite' | 'postgres' => d === 'sqlite' || d === 'postgres');
  return {
    families: Number(value('families') ?? 74_000),
    dialects,
    pdfSample: Number(value('pdf-sample') ?? 200),
    chunk: Number(value('chunk') ?? 200),
  };
}

interface DialectResult {
  dialect: 'sqlite' | 'postgres';
  families: number;
  children: number;
  bookingLines: number;
  attendanceMarks: number;
  generateSeconds: number;
  dryRunSeconds: number;
  issueSeconds: number;
  invoices: number;
  invoicesPerSecond: number;
  invoiceLines: number;
  totalEuros: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  pdfSample: number;
  pdfPerSecond: number;
  checks: string[];
}

/** Samples the process's memory while `work` runs. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; rss: number; heap: number }> {
  let rss = process.memoryUsage().rss;
  let heap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const usage = process.memoryUsage();
    rss = Math.max(rss, usage.rss);
    heap = Math.max(heap, usage.heapUsed);
  }, 100);
  try {
    const result = await work();
    return { result, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

async function generate(handle: DatabaseHandle, families: number) {
  const db = handle.db;
  const rng = createRng(2026);
  const schoolYear = buildSchoolYear({ id: '2026-2027', starts_on: '2026-09-01', ends_on: '2027-07-03' });
  await insertRows(db, 'organisation', [
    buildOrganisation({ commune_name: 'Paris (banc d’essai)', insee_code: '75056', departement: '75', holiday_zone: 'Zone C' }),
  ]);
  await insertRows(db, 'school_years', [schoolYear]);
  const siteCount = Math.max(1, Math.round(families / 112));
  const sites = Array.from({ length: siteCount }, (_, i) => buildSite({ name: `École ${i + 1}` }));
  await insertRows(db, 'sites', sites, 500);
  const canteens = sites.map((site) =>
    buildActivity({ site_id: site.id, school_year_id: schoolYear.id, kind: 'cantine', name: `Cantine ${site.name}` }),
  );
  const garderies = sites.map((site) =>
    buildActivity({ site_id: site.id, school_year_id: schoolYear.id, kind: 'garderie_soir', name: `Garderie du soir ${site.name}` }),
  );
  await insertRows(db, 'activities', [...canteens, ...garderies], 500);
  for (const [activities, spec] of [
    [canteens, DEMO_GRIDS.cantine],
    [garderies, DEMO_GRIDS.garderie],
  ] as const) {
    const grids = activities.map((activity) =>
      buildPriceGrid({ activity_id: activity.id, school_year_id: schoolYear.id, effective_from: schoolYear.starts_on }, spec),
    );
    await insertRows(db, 'price_grids', grids, 500);
    await insertRows(
      db,
      'price_brackets',
      grids.flatMap((grid) => buildPriceBrackets(grid.id, spec)),
      1000,
    );
  }

  let children = 0;
  let bookingLines = 0;
  let attendanceMarks = 0;
  const BATCH = 2000;
  for (let start = 0; start < families; start += BATCH) {
    const familyRows: FamilyRow[] = [];
    const guardianRows: GuardianRow[] = [];
    const childRows: ChildRow[] = [];
    const enrolmentRows: EnrolmentRow[] = [];
    const bookingRows: BookingRow[] = [];
    const attendanceRows: { child: string; activity: string; day: string; status: string; justified: number }[] = [];
    for (let i = start; i < Math.min(families, start + BATCH); i++) {
      const qf = rng.chance(0.08) ? null : rng.int(200, 2600);
      const family = buildFamily({
        file_number: `P-${String(i + 1).padStart(6, '0')}`,
        name: `Famille ${i + 1}`,
        qf,
        qf_valid_until: qf === null ? null : '2027-08-31',
      });
      familyRows.push(family);
      guardianRows.push(buildGuardian({ family_id: family.id, first_name: 'Parent', last_name: family.name }));
      const count = rng.chance(0.6) ? 1 : rng.chance(0.8) ? 2 : 3;
      const siteIndex = rng.int(0, siteCount - 1);
      for (let c = 0; c < count; c++) {
        const child = buildChild({
          family_id: family.id,
          first_name: `Enfant ${c + 1}`,
          last_name: family.name,
          site_id: sites[siteIndex].id,
          birth_date: `201${rng.int(5, 9)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
        });
        childRows.push(child);
        children++;
        const activities = [canteens[siteIndex], ...(rng.chance(0.45) ? [garderies[siteIndex]] : [])];
        for (const activity of activities) {
          enrolmentRows.push(buildEnrolment({ child_id: child.id, activity_id: activity.id, status: 'accepted' }));
          const rate = activity.kind === 'cantine' ? 0.95 : 0.5;
          for (const day of SCHOOL_DAYS) {
            if (!rng.chance(rate)) continue;
            bookingRows.push(
              buildBooking({
                child_id: child.id,
                activity_id: activity.id,
                day: day as PlainDate,
                status: 'reserved',
                unit_price_cents: 0,
              }),
            );
            if (rng.chance(0.01))
              attendanceRows.push({ child: child.id, activity: activity.id, day, status: 'absent', justified: rng.chance(0.5) ? 1 : 0 });
          }
          if (rng.chance(0.05))
            attendanceRows.push({ child: child.id, activity: activity.id, day: '2026-11-25', status: 'present_unbooked', justified: 0 });
        }
      }
    }
    bookingLines += bookingRows.length;
    attendanceMarks += attendanceRows.length;
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'families', familyRows, 1000);
      await insertRows(trx, 'guardians', guardianRows, 1000);
      await insertRows(trx, 'children', childRows, 1000);
      await insertRows(trx, 'enrolments', enrolmentRows, 1000);
      await insertRows(trx, 'bookings', bookingRows, 1000);
      await insertRows(
        trx,
        'attendance',
        attendanceRows.map((a) =>
          buildAttendance({
            child_id: a.child,
            activity_id: a.activity,
            day: a.day,
            status: a.status,
            justified: a.justified,
            marked_at: NOW.toISOString(),
          }),
        ),
        1000,
      );
    });
  }
  if (handle.dialect === 'postgres') await sql`analyze`.execute(db);
  return { children, bookingLines, attendanceMarks };
}

async function runDialect(dialect: 'sqlite' | 'postgres', options: Options): Promise<DialectResult> {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tartine-bench-invoicing-'));
    handle = createDb({ dialect: 'sqlite', filename: path.join(dir, 'tartine.sqlite') });
    cleanup = async () => {
      await handle.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const external = process.env.TEST_DATABASE_URL;
    const server = external ? null : await startPostgresCluster();
    const url = external ?? server!.url;
    handle = createDb({ dialect: 'postgres', connectionString: url });
    cleanup = async () => {
      await handle.destroy();
      await server?.stop();
    };
  }
  try {
    await migrateToLatest(handle.db);
    process.stdout.write(`[${dialect}] génération de ${options.families} familles…\n`);
    let started = performance.now();
    const generated = await generate(handle, options.families);
    const generateSeconds = (performance.now() - started) / 1000;
    process.stdout.write(`[${dialect}] ${generated.bookingLines} réservations en ${generateSeconds.toFixed(1)} s\n`);

    const services = createInvoicingServices({
      store: { db: handle.db },
      clock: { now: () => NOW },
      mailer: { send: async () => undefined },
      publicUrl: '',
    });
    const deps = services.deps;
    started = performance.now();
    const plan = await planInvoicing(deps, { month: MONTH, chunkSize: options.chunk });
    const dryRunSeconds = (performance.now() - started) / 1000;
    if (!plan.ok) throw new Error(`dry run: ${plan.error}`);
    process.stdout.write(`[${dialect}] simulation : ${plan.value.invoices} factures en ${dryRunSeconds.toFixed(1)} s\n`);

    const actor = { userId: null, label: 'bench', ip: null };
    started = performance.now();
    let last = 0;
    const issued = await withPeakMemory(async () => {
      const run = await startInvoicing(deps, { month: MONTH, actor });
      if (!run.ok) throw new Error(`start: ${run.error}`);
      return continueInvoicing(deps, {
        runId: run.value.id,
        month: MONTH,
        chunkSize: options.chunk,
        onProgress: (p) => {
          if (performance.now() - last > 5000) {
            last = performance.now();
            process.stdout.write(`[${dialect}]   ${p.familiesDone} / ${p.familiesTotal} familles, ${p.invoicesIssued} factures\n`);
          }
        },
      });
    });
    const issueSeconds = (performance.now() - started) / 1000;

    const checks: string[] = [];
    const stats = await handle.db
      .selectFrom('invoices')
      .select([
        sql<string | number>`count(*)`.as('n'),
        sql<string | number>`min(number)`.as('lo'),
        sql<string | number>`max(number)`.as('hi'),
        sql<string | number>`sum(total_cents)`.as('total'),
      ])
      .executeTakeFirstOrThrow();
    const invoices = Number(stats.n);
    const lines = Number(
      (
        await handle.db
          .selectFrom('invoice_lines')
          .select(sql<string | number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (invoices !== plan.value.invoices)
      checks.push(`ÉCHEC : ${invoices} factures émises, la simulation en annonçait ${plan.value.invoices}`);
    if (Number(stats.lo) !== 1 || Number(stats.hi) !== invoices)
      checks.push(`ÉCHEC : numéros de ${stats.lo} à ${stats.hi} pour ${invoices} factures`);
    if (Number(stats.total) !== plan.value.totalCents) checks.push(`ÉCHEC : total ${stats.total} ≠ simulation ${plan.value.totalCents}`);
    if (issued.result.status !== 'done') checks.push('ÉCHEC : facturation non terminée');
    if (checks.length === 0) checks.push('une facture par famille facturable, numéros continus 1..n, totaux égaux à la simulation');

    const sample = await handle.db.selectFrom('invoices').select('id').orderBy('number').limit(options.pdfSample).execute();
    started = performance.now();
    for (const { id } of sample) await services.invoicePdf(id);
    const pdfSeconds = (performance.now() - started) / 1000;

    return {
      dialect,
      families: options.families,
      children: generated.children,
      bookingLines: generated.bookingLines,
      attendanceMarks: generated.attendanceMarks,
      generateSeconds: round(generateSeconds),
      dryRunSeconds: round(dryRunSeconds),
      issueSeconds: round(issueSeconds),
      invoices,
      invoicesPerSecond: round(invoices / issueSeconds),
      invoiceLines: lines,
      totalEuros: Number(stats.total) / 100,
      peakRssMiB: Math.round(issued.rss / 2 ** 20),
      peakHeapMiB: Math.round(issued.heap / 2 ** 20),
      pdfSample: sample.length,
      pdfPerSecond: round(sample.length / pdfSeconds),
      checks,
    };
  } finally {
    await cleanup();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

function markdown(results: DialectResult[], options: Options): string {
  const row = (label: string, pick: (r: DialectResult) => string | number) => `| ${label} | ${results.map((r) => pick(r)).join(' | ')} |`;
  return [
    `# Invoicing benchmark — ${new Date().toISOString()}`,
    '',
    `\`npm run bench -- invoicing --families ${options.families}\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}.`,
    '',
    `| | ${results.map((r) => r.dialect).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    row('families / children', (r) => `${r.families} / ${r.children}`),
    row('booking lines (month)', (r) => r.bookingLines),
    row('attendance marks', (r) => r.attendanceMarks),
    row('generation (s)', (r) => r.generateSeconds),
    row('dry run (s)', (r) => r.dryRunSeconds),
    row('issue (s)', (r) => r.issueSeconds),
    row('invoices issued', (r) => r.invoices),
    row('invoices per second', (r) => r.invoicesPerSecond),
    row('invoice lines', (r) => r.invoiceLines),
    row('total invoiced (€)', (r) => r.totalEuros.toFixed(2)),
    row('peak RSS during the issue (MiB)', (r) => r.peakRssMiB),
    row('peak heap during the issue (MiB)', (r) => r.peakHeapMiB),
    row('PDF rendering (invoices/s, sample)', (r) => `${r.pdfPerSecond} (${r.pdfSample})`),
    row('checks', (r) => r.checks.join('; ')),
    '',
  ].join('\n');
}

export async function main(args: string[]): Promise<number> {
  const options = parse(args);
  const results: DialectResult[] = [];
  for (const dialect of options.dialects) results.push(await runDialect(dialect, options));
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(resultsDir, `invoicing-${stamp}.json`), JSON.stringify({ options, results }, null, 2));
  const table = markdown(results, options);
  fs.writeFileSync(path.join(resultsDir, 'invoicing-latest.md'), table);
  process.stdout.write(`\n${table}`);
  return results.every((r) => !r.checks.some((c) => c.startsWith('ÉCHEC'))) ? 0 : 1;
}
