/**
 * Staff reads over issued invoices and money received (issue 5 back office, issue 6 exports and dashboard): the
 * invoice search, the invoices and payments export tables, revenue invoiced vs paid per month and the unpaid
 * invoices more than 30 days past due. No health data ever; invoices are read by the 'admin.invoices' roles.
 */
import { addDays, isPlainDate, parisToday, type PlainDate } from '../calendar';
import { isMonth, type Month } from '../invoicing/month';
import type { InvoiceStatus } from '../invoicing/ports';
import type { AuditLog, Clock } from '../ports';
import type { ExportTable } from './exports';
import { frenchDate } from './exports';
import type { Viewer } from './model';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = ['open', 'paid', 'cancelled'];
export const INVOICE_SEARCH_LIMIT = 200;
/** Past due by more than this many days: « impayé de plus de 30 jours ». */
export const UNPAID_AFTER_DAYS = 30;
export const REVENUE_MONTHS = 12;

export interface InvoiceFilter {
  /** Invoice number, family name or file number (contains, case-insensitive). */
  query: string | null;
  month: Month | null;
  status: InvoiceStatus | null;
  /** Open invoices due before this day. */
  overdueBefore: PlainDate | null;
  familyId: string | null;
  limit: number;
}

export interface InvoiceListRow {
  id: string;
  reference: string;
  month: Month;
  issueDate: PlainDate;
  dueDate: PlainDate;
  familyId: string;
  familyName: string;
  fileNumber: string;
  payerName: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  openCents: number;
  status: InvoiceStatus;
}

export type PaymentSource = 'regie' | 'online' | 'sepa';

export interface PaymentReportRow {
  id: string;
  day: PlainDate;
  source: PaymentSource;
  /** Régie: especes / cheque / cesu / carte; online: the provider; SEPA: FRST / RCUR. */
  method: string;
  reference: string;
  familyId: string;
  familyName: string;
  fileNumber: string;
  amountCents: number;
  /** 'recorded' | 'cancelled' (régie), 'paid' (online), 'submitted' | 'rejected' (SEPA). */
  status: string;
}

export interface RevenueMonth {
  month: Month;
  /** Invoiced less credit notes. */
  invoicedCents: number;
  /** Paid on those invoices so far (credit, régie, online, debits). */
  paidCents: number;
}

export interface UnpaidSummary {
  invoices: number;
  families: number;
  openCents: number;
}

export interface InvoicingReportRepository {
  searchInvoices(filter: InvoiceFilter): Promise<InvoiceListRow[]>;
  /** Invoices issued in [from, to], by issue date then number. */
  invoicesIssued(from: PlainDate, to: PlainDate): Promise<InvoiceListRow[]>;
  /** Money received in [from, to]: régie payments, online payments, SEPA debits (of one family when given). */
  paymentsReceived(range: { from: PlainDate; to: PlainDate } | null, familyId: string | null, limit: number): Promise<PaymentReportRow[]>;
  revenueByMonth(from: Month, to: Month): Promise<RevenueMonth[]>;
  unpaidDueBefore(day: PlainDate): Promise<UnpaidSummary>;
  family(familyId: string): Promise<{ id: string; name: string; fileNumber: string } | null>;
}

const text = (value: string | null) => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed.slice(0, 100);
};

/** The invoice search's query string (?q=&mois=&statut=&retard=1); unknown values are ignored, not errors. */
export function parseInvoiceFilter(params: URLSearchParams, today: PlainDate): InvoiceFilter {
  const month = params.get('mois');
  const status = params.get('statut');
  return {
    query: text(params.get('q')),
    month: isMonth(month) ? month : null,
    status: (INVOICE_STATUSES as readonly string[]).includes(status ?? '') ? (status as InvoiceStatus) : null,
    overdueBefore: params.get('retard') === '1' ? today : null,
    familyId: null,
    limit: INVOICE_SEARCH_LIMIT,
  };
}

/** The months from `to` back, oldest first. */
export function lastMonths(to: Month, count: number): Month[] {
  let year = Number(to.slice(0, 4));
  let month = Number(to.slice(5, 7));
  const months: Month[] = [];
  for (let i = 0; i < count; i++) {
    months.unshift(`${year}-${String(month).padStart(2, '0')}` as Month);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}

export interface RevenueFigures {
  months: RevenueMonth[];
  unpaid: UnpaidSummary;
  /** Invoices due before this day are counted as unpaid over 30 days. */
  unpaidDueBefore: PlainDate;
}

export async function revenueFigures(deps: { reports: InvoicingReportRepository; clock: Clock }): Promise<RevenueFigures> {
  const today = parisToday(deps.clock.now());
  const months = lastMonths(today.slice(0, 7) as Month, REVENUE_MONTHS);
  const dueBefore = addDays(today, -UNPAID_AFTER_DAYS);
  const [rows, unpaid] = await Promise.all([
    deps.reports.revenueByMonth(months[0], months[months.length - 1]),
    deps.reports.unpaidDueBefore(dueBefore),
  ]);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  // Months before the first invoice are left out; a quiet month after it shows as zero.
  const first = months.findIndex((m) => byMonth.has(m));
  const shown = first < 0 ? [] : months.slice(first).map((month) => byMonth.get(month) ?? { month, invoicedCents: 0, paidCents: 0 });
  return { months: shown, unpaid, unpaidDueBefore: dueBefore };
}

export const INVOICING_EXPORT_DATASETS = ['factures', 'paiements'] as const;
export type InvoicingExportDataset = (typeof INVOICING_EXPORT_DATASETS)[number];

export function isInvoicingExportDataset(value: string): value is InvoicingExportDataset {
  return (INVOICING_EXPORT_DATASETS as readonly string[]).includes(value);
}

const euros = (cents: number) => Math.round(cents) / 100;
const INVOICE_STATUS_FR: Record<InvoiceStatus, string> = { open: 'à payer', paid: 'payée', cancelled: 'annulée' };
const SOURCE_FR: Record<PaymentSource, string> = { regie: 'régie', online: 'en ligne', sepa: 'prélèvement SEPA' };
const PAYMENT_STATUS_FR: Record<string, string> = {
  recorded: 'encaissé',
  cancelled: 'annulé',
  paid: 'encaissé',
  submitted: 'présenté',
  rejected: 'rejeté',
};

export function invoicesTable(rows: readonly InvoiceListRow[]): ExportTable {
  return {
    name: 'factures',
    header: [
      'N° facture',
      'Mois',
      'Émise le',
      'Échéance',
      'N° dossier',
      'Famille',
      'Payeur',
      'Total (€)',
      'Payé (€)',
      'Avoirs (€)',
      'Reste à payer (€)',
      'État',
    ],
    rows: rows.map((r) => [
      r.reference,
      r.month,
      frenchDate(r.issueDate),
      frenchDate(r.dueDate),
      r.fileNumber,
      r.familyName,
      r.payerName,
      euros(r.totalCents),
      euros(r.paidCents),
      euros(r.creditedCents),
      euros(r.openCents),
      INVOICE_STATUS_FR[r.status] ?? r.status,
    ]),
  };
}

export function paymentsTable(rows: readonly PaymentReportRow[]): ExportTable {
  return {
    name: 'paiements',
    header: ['Date', 'Origine', 'Moyen', 'Référence', 'N° dossier', 'Famille', 'Montant (€)', 'État'],
    rows: rows.map((r) => [
      frenchDate(r.day),
      SOURCE_FR[r.source],
      r.method,
      r.reference,
      r.fileNumber,
      r.familyName,
      euros(r.amountCents),
      PAYMENT_STATUS_FR[r.status] ?? r.status,
    ]),
  };
}

export const INVOICING_EXPORT_MAX_DAYS = 400;

/** The invoices or payments of a date range, as a table; the download is an audit event. */
export async function buildInvoicingExport(
  input: { dataset: InvoicingExportDataset; from: string | null; to: string | null; viewer: Viewer },
  deps: { reports: InvoicingReportRepository; audit: AuditLog; clock: Clock },
): Promise<{ ok: true; table: ExportTable } | { ok: false; error: 'invalid_range' }> {
  const { from, to } = input;
  if (!from || !to || !isPlainDate(from) || !isPlainDate(to) || to < from || addDays(from, INVOICING_EXPORT_MAX_DAYS) < to) {
    return { ok: false, error: 'invalid_range' };
  }
  const table =
    input.dataset === 'factures'
      ? invoicesTable(await deps.reports.invoicesIssued(from, to))
      : paymentsTable(await deps.reports.paymentsReceived({ from, to }, null, 100_000));
  await deps.audit.record(
    {
      actorUserId: input.viewer.userId,
      actorLabel: input.viewer.label,
      action: 'export.downloaded',
      target: `export:${input.dataset}`,
      ip: input.viewer.ip,
      details: { rows: table.rows.length, from, to },
    },
    deps.clock.now(),
  );
  return { ok: true, table };
}
