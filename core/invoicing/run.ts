/**
 * The monthly invoicing run: a dry run first (totals per site and activity, anomalies), then the issue — one invoice
 * per family for the month, numbered when issued. Families are taken in chunks, each chunk in one transaction that
 * also records the run's progress: a crash loses at most the chunk in flight, and running again resumes (the families
 * already invoiced for the month are skipped; a unique index makes a second invoice impossible anyway). A run is held
 * by one issuer at a time through a lease renewed at each chunk.
 */
import { addDays, isPlainDate, parisToday, weekday, type PlainDate } from '../calendar';
import type { ActivityRecord } from '../booking/activity';
import { formatEuros } from '../pricing';
import { computeInvoice, type BillingActivity, type DraftInvoice, type InvoiceAnomaly } from './compute';
import { isMonth, monthOf, monthRange, type Month } from './month';
import { counterName, formatReference } from './numbering';
import type { Actor, InvoiceRun, InvoicingDeps, InvoicingRepositories, NewInvoice } from './ports';

export const INVOICING_CHUNK = 200;
export const DEFAULT_DUE_DAYS = 30;
/** How long an issuer holds a run after each chunk; past that, another may take it over (a crash). */
export const RUN_LEASE_MS = 60_000;
const MAX_LISTED_ANOMALIES = 500;

export type RunError = 'invalid_month' | 'future_month' | 'already_issued' | 'run_in_progress' | 'invalid_due_date' | 'not_found';
export type RunResult<T> = { ok: true; value: T } | { ok: false; error: RunError };

export interface RunTotals {
  siteName: string;
  activityName: string;
  quantity: number;
  totalCents: number;
}

export interface RunReport {
  month: Month;
  /** Families with something billable this month. */
  families: number;
  /** Invoices the run would issue (families already invoiced and empty months excluded). */
  invoices: number;
  alreadyInvoiced: number;
  totalCents: number;
  totals: RunTotals[];
  anomalies: InvoiceAnomaly[];
  anomalyCount: number;
}

/** Days the SEPA system (TARGET2) does not settle besides weekends: a due date, which is also the debit date, avoids them. */
const CLOSED_DAYS = ['01-01', '05-01', '12-25', '12-26'];

/** The first day on or after `day` that is a banking day. */
export function bankingDayOnOrAfter(day: PlainDate): PlainDate {
  let next = day;
  while (weekday(next) > 5 || CLOSED_DAYS.includes(next.slice(5))) next = addDays(next, 1);
  return next;
}

/** The month must be valid, not in the future (Paris). */
export function checkMonth(month: unknown, now: Date): RunError | null {
  if (!isMonth(month)) return 'invalid_month';
  if (month > monthOf(parisToday(now))) return 'future_month';
  return null;
}

/** A draft is issued when it bills something: a non-zero line and a total that is not negative. */
export function isIssuable(draft: DraftInvoice): boolean {
  return draft.totalCents >= 0 && draft.lines.some((line) => line.amountCents !== 0);
}

function toBillingActivity(activity: ActivityRecord, grids: BillingActivity['grids']): BillingActivity {
  return {
    id: activity.id,
    name: activity.name,
    kind: activity.kind,
    billingMode: activity.billingMode,
    siteName: activity.siteName,
    grids,
  };
}

/** Drafts of one chunk of families (read only), with an activity cache shared across chunks. */
async function draftChunk(
  repos: InvoicingRepositories,
  familyIds: readonly string[],
  month: Month,
  cache: Map<string, BillingActivity>,
): Promise<DraftInvoice[]> {
  const { from, to } = monthRange(month);
  const [families, days] = await Promise.all([
    repos.invoicing.billingFamilies(familyIds),
    repos.invoicing.billableDays(familyIds, from, to),
  ]);
  const missing = [...new Set(days.map((d) => d.activityId))].filter((id) => !cache.has(id));
  if (missing.length > 0) {
    const [activities, grids] = await Promise.all([repos.planning.activities(missing), repos.planning.priceGrids(missing)]);
    for (const activity of activities)
      cache.set(
        activity.id,
        toBillingActivity(
          activity,
          grids.filter((g) => g.activityId === activity.id),
        ),
      );
  }
  const byFamily = new Map<string, typeof days>();
  for (const day of days) byFamily.set(day.familyId, [...(byFamily.get(day.familyId) ?? []), day]);
  return families.map((family) => computeInvoice(family, cache, byFamily.get(family.id) ?? []));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Dry run: what the month's run would issue, without writing anything. */
export async function planInvoicing(deps: InvoicingDeps, input: { month: unknown; chunkSize?: number }): Promise<RunResult<RunReport>> {
  const problem = checkMonth(input.month, deps.clock.now());
  if (problem) return { ok: false, error: problem };
  const month = input.month as Month;
  const run = await deps.store.invoicing.findRun(deps.regie, month);
  if (run?.status === 'done') return { ok: false, error: 'already_issued' };
  const repos = deps.store;
  const { from, to } = monthRange(month);
  const familyIds = await repos.invoicing.billableFamilyIds(from, to);
  const cache = new Map<string, BillingActivity>();
  const totals = new Map<string, RunTotals>();
  const report: RunReport = {
    month,
    families: familyIds.length,
    invoices: 0,
    alreadyInvoiced: 0,
    totalCents: 0,
    totals: [],
    anomalies: [],
    anomalyCount: 0,
  };
  for (const chunk of chunks(familyIds, input.chunkSize ?? INVOICING_CHUNK)) {
    const [drafts, invoiced] = await Promise.all([
      draftChunk(repos, chunk, month, cache),
      repos.invoicing.invoicedFamilies(deps.regie, month, chunk),
    ]);
    for (const draft of drafts) {
      if (invoiced.has(draft.family.id)) {
        report.alreadyInvoiced++;
        continue;
      }
      report.anomalyCount += draft.anomalies.length;
      for (const anomaly of draft.anomalies) if (report.anomalies.length < MAX_LISTED_ANOMALIES) report.anomalies.push(anomaly);
      if (!isIssuable(draft)) continue;
      report.invoices++;
      report.totalCents += draft.totalCents;
      for (const line of draft.lines) {
        const key = `${line.siteName}|${line.activityName}`;
        const row = totals.get(key) ?? { siteName: line.siteName, activityName: line.activityName, quantity: 0, totalCents: 0 };
        row.quantity += line.occasion === 'prepaid_refund' ? 0 : line.quantity;
        row.totalCents += line.amountCents;
        totals.set(key, row);
      }
    }
  }
  report.totals = [...totals.values()].sort(
    (a, b) => a.siteName.localeCompare(b.siteName, 'fr') || a.activityName.localeCompare(b.activityName, 'fr'),
  );
  return { ok: true, value: report };
}

/**
 * Opens the month's run (or takes over a run whose issuer stopped: its lease expired). The caller then lets
 * `continueInvoicing` issue the invoices, in the background or awaited (CLI).
 */
export async function startInvoicing(
  deps: InvoicingDeps,
  input: { month: unknown; dueDate?: unknown; actor: Actor },
): Promise<RunResult<InvoiceRun>> {
  const now = deps.clock.now();
  // Bad input changes nothing but is recorded: who tried to invoice what, and why it was refused.
  const refuse = async (error: RunError): Promise<RunResult<InvoiceRun>> => {
    const target = typeof input.month === 'string' ? input.month.slice(0, 7).replace(/[^\d-]/g, '') : '';
    await deps.store.audit.record(
      {
        actorUserId: input.actor.userId,
        actorLabel: input.actor.label,
        action: 'invoicing.run_refused',
        target: `month:${target}`,
        ip: input.actor.ip ?? null,
        details: { reason: error },
      },
      now,
    );
    return { ok: false, error };
  };
  const problem = checkMonth(input.month, now);
  if (problem) return refuse(problem);
  const month = input.month as Month;
  const leaseUntil = new Date(now.getTime() + RUN_LEASE_MS).toISOString();
  const existing = await deps.store.invoicing.findRun(deps.regie, month);
  const issueDate = parisToday(now);
  const dueDate =
    input.dueDate === undefined || input.dueDate === '' ? bankingDayOnOrAfter(addDays(issueDate, DEFAULT_DUE_DAYS)) : input.dueDate;
  // A run taken over keeps its own issue and due dates: only a new one checks the due date asked for.
  const dueDateProblem = !isPlainDate(dueDate) || dueDate < issueDate || dueDate > addDays(issueDate, 120);
  if (dueDateProblem && existing?.status !== 'running') return refuse('invalid_due_date');
  if (existing?.status === 'done') return refuse('already_issued');
  if (existing) {
    if (!(await deps.store.invoicing.claimRun(existing.id, now, leaseUntil))) return { ok: false, error: 'run_in_progress' };
  } else {
    const { from, to } = monthRange(month);
    const familyIds = await deps.store.invoicing.billableFamilyIds(from, to);
    const created = await deps.store.transaction(async (repos) => {
      const id = crypto.randomUUID();
      const ok = await repos.invoicing.createRun({
        id,
        regie: deps.regie,
        month,
        issueDate,
        dueDate: dueDate as PlainDate, // checked above: a new run never has a due-date problem
        familiesTotal: familyIds.length,
        startedBy: input.actor.label,
        startedAt: now.toISOString(),
        leaseUntil,
      });
      if (ok) {
        await repos.audit.record(
          {
            actorUserId: input.actor.userId,
            actorLabel: input.actor.label,
            action: 'invoicing.run_started',
            target: `month:${month}`,
            ip: input.actor.ip ?? null,
            details: { families: familyIds.length, dueDate },
          },
          now,
        );
      }
      return ok;
    });
    if (!created) return { ok: false, error: 'run_in_progress' };
  }
  const run = await deps.store.invoicing.findRun(deps.regie, month);
  return run ? { ok: true, value: run } : { ok: false, error: 'not_found' };
}

/** Issues the run's invoices chunk by chunk; returns the finished run. Safe to call again after a crash. */
export async function continueInvoicing(
  deps: InvoicingDeps,
  input: {
    runId: string;
    month: Month;
    chunkSize?: number;
    onProgress?: (run: { familiesDone: number; familiesTotal: number; invoicesIssued: number }) => void;
  },
): Promise<InvoiceRun> {
  const run = await deps.store.invoicing.findRun(deps.regie, input.month);
  if (!run || run.id !== input.runId) throw new Error('unknown invoicing run');
  if (run.status === 'done') return run;
  const { from, to } = monthRange(run.month);
  const familyIds = await deps.store.invoicing.billableFamilyIds(from, to);
  const cache = new Map<string, BillingActivity>();
  const year = Number(run.issueDate.slice(0, 4));
  let issued = 0;
  let done = 0;
  for (const chunk of chunks(familyIds, input.chunkSize ?? INVOICING_CHUNK)) {
    const drafts = await draftChunk(deps.store, chunk, run.month, cache);
    const mandates = await deps.store.invoicing.activeMandates(chunk);
    const doneAfter = done + chunk.length;
    const issuedBefore = run.invoicesIssued + issued;
    issued += await deps.store.transaction(async (repos) => {
      const now = deps.clock.now();
      const invoiced = await repos.invoicing.invoicedFamilies(deps.regie, run.month, chunk);
      const count = await issueChunk(
        repos,
        { regie: deps.regie, run, year, mandates },
        drafts.filter((draft) => !invoiced.has(draft.family.id) && isIssuable(draft)),
        now,
      );
      await repos.invoicing.progressRun(
        run.id,
        { familiesDone: doneAfter, invoicesIssued: issuedBefore + count },
        now,
        new Date(now.getTime() + RUN_LEASE_MS).toISOString(),
      );
      return count;
    });
    done = doneAfter;
    input.onProgress?.({ familiesDone: done, familiesTotal: familyIds.length, invoicesIssued: run.invoicesIssued + issued });
  }
  const now = deps.clock.now();
  await deps.store.transaction(async (repos) => {
    await repos.invoicing.finishRun(run.id, now);
    await repos.audit.record(
      {
        actorUserId: null,
        actorLabel: run.startedBy,
        action: 'invoicing.run_done',
        target: `month:${run.month}`,
        details: { invoices: run.invoicesIssued + issued, families: familyIds.length },
      },
      now,
    );
  });
  return (await deps.store.invoicing.findRun(deps.regie, run.month))!;
}

/**
 * Issues a chunk's invoices in its transaction: a block of numbers reserved at once from the counter (continuous: the
 * block is exactly the chunk's size and comes back on a rollback), the invoices, lines and entries written in batches,
 * then each family's credit deducted from its new invoice.
 */
async function issueChunk(
  repos: InvoicingRepositories,
  context: { regie: string; run: InvoiceRun; year: number; mandates: ReadonlyMap<string, { id: string }> },
  drafts: readonly DraftInvoice[],
  now: Date,
): Promise<number> {
  if (drafts.length === 0) return 0;
  const { regie, run, year } = context;
  const first = await repos.invoicing.reserveNumbers(counterName(regie, 'F', year), drafts.length);
  const issued = drafts.map((draft, index) => {
    const number = first + index;
    const mandate = context.mandates.get(draft.family.id) ?? null;
    const family = draft.family;
    const invoice: NewInvoice = {
      id: crypto.randomUUID(),
      familyId: family.id,
      regie,
      series: 'F',
      year,
      number,
      reference: formatReference('F', year, number),
      month: run.month,
      runId: run.id,
      issueDate: run.issueDate,
      dueDate: run.dueDate,
      payerName: family.payerName,
      payerAddress: family.addressLines,
      familyFileNumber: family.fileNumber,
      totalCents: draft.totalCents,
      mandateId: mandate?.id ?? null,
      debitDate: mandate ? run.dueDate : null,
    };
    return { invoice, lines: draft.lines };
  });
  await repos.invoicing.insertInvoices(issued, now);
  const at = now.toISOString();
  await repos.invoicing.addEntries(
    issued.map(({ invoice }) => ({
      familyId: invoice.familyId,
      at,
      kind: 'invoice',
      amountCents: invoice.totalCents,
      label: `Facture ${invoice.reference}`,
      invoiceId: invoice.id,
      sourceKind: null,
      sourceId: null,
    })),
  );
  const credits = await repos.invoicing.positiveBalances(issued.map(({ invoice }) => invoice.familyId));
  for (const { invoice } of issued) {
    if (credits.has(invoice.familyId))
      await applyCredit(
        repos,
        { familyId: invoice.familyId, invoiceId: invoice.id, reference: invoice.reference, totalCents: invoice.totalCents },
        now,
      );
  }
  return issued.length;
}

/** The family's credit (avoir) pays the new invoice first, as far as it goes. */
async function applyCredit(
  repos: InvoicingRepositories,
  invoice: { familyId: string; invoiceId: string; reference: string; totalCents: number },
  now: Date,
): Promise<void> {
  const balance = await repos.credits.balance(invoice.familyId);
  const applied = Math.min(balance, invoice.totalCents);
  if (applied <= 0) return;
  const label = `Avoir de ${formatEuros(applied)} déduit de la facture ${invoice.reference}`;
  if (
    !(await repos.credits.move(
      {
        familyId: invoice.familyId,
        amountCents: -applied,
        kind: 'applied_to_invoice',
        label,
        transactionId: null,
        expectedBalance: balance,
      },
      now,
    ))
  ) {
    throw new Error('credit changed while invoicing');
  }
  await repos.invoicing.adjustInvoice(invoice.invoiceId, { paidCents: applied }, now);
  const at = now.toISOString();
  await repos.invoicing.addAllocation({
    invoiceId: invoice.invoiceId,
    familyId: invoice.familyId,
    sourceKind: 'credit',
    sourceId: invoice.invoiceId,
    amountCents: applied,
    createdAt: at,
  });
  await repos.invoicing.addEntry({
    familyId: invoice.familyId,
    at,
    kind: 'credit_applied',
    amountCents: -applied,
    label,
    invoiceId: invoice.invoiceId,
    sourceKind: 'credit',
    sourceId: invoice.invoiceId,
  });
}
