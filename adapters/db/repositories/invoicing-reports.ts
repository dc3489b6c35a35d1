/**
 * Staff reads over invoices and money received (core/backoffice/invoicing-reports.ts): search, exports, revenue per
 * month, unpaid invoices. Read-only; portable SQL (lower(), ||, LIKE … ESCAPE, coalesce, sums cast to numbers).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { InvoiceListRow, InvoicingReportRepository, PaymentReportRow, RevenueMonth } from '../../../core/backoffice/invoicing-reports';
import { addDays, type PlainDate } from '../../../core/calendar';
import type { Month } from '../../../core/invoicing/month';
import type { InvoiceStatus } from '../../../core/invoicing/ports';
import type { Database } from '../schema';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function invoiceQuery(db: Kysely<Database>) {
  return db
    .selectFrom('invoices')
    .innerJoin('families', 'families.id', 'invoices.family_id')
    .select([
      'invoices.id',
      'invoices.reference',
      'invoices.month',
      'invoices.issue_date',
      'invoices.due_date',
      'invoices.family_id',
      'families.name as family_name',
      'invoices.family_file_number',
      'invoices.payer_name',
      'invoices.total_cents',
      'invoices.paid_cents',
      'invoices.credited_cents',
      'invoices.status',
    ]);
}

type InvoiceRow = Awaited<ReturnType<ReturnType<typeof invoiceQuery>['execute']>>[number];

function toRow(r: InvoiceRow): InvoiceListRow {
  const total = Number(r.total_cents);
  const paid = Number(r.paid_cents);
  const credited = Number(r.credited_cents);
  return {
    id: r.id,
    reference: r.reference,
    month: r.month as Month,
    issueDate: r.issue_date as PlainDate,
    dueDate: r.due_date as PlainDate,
    familyId: r.family_id,
    familyName: r.family_name,
    fileNumber: r.family_file_number,
    payerName: r.payer_name,
    totalCents: total,
    paidCents: paid,
    creditedCents: credited,
    openCents: total - paid - credited,
    status: r.status as InvoiceStatus,
  };
}

export function invoicingReportRepository(db: Kysely<Database>): InvoicingReportRepository {
  return {
    async searchInvoices(filter) {
      let query = invoiceQuery(db);
      if (filter.query) {
        const pattern = `%${escapeLike(filter.query.toLowerCase())}%`;
        query = query.where(
          sql<SqlBool>`lower(invoices.reference || ' ' || families.name || ' ' || invoices.payer_name || ' ' || invoices.family_file_number) like ${pattern} escape '\\'`,
        );
      }
      if (filter.month) query = query.where('invoices.month', '=', filter.month);
      if (filter.status) query = query.where('invoices.status', '=', filter.status);
      if (filter.overdueBefore) query = query.where('invoices.status', '=', 'open').where('invoices.due_date', '<', filter.overdueBefore);
      if (filter.familyId) query = query.where('invoices.family_id', '=', filter.familyId);
      const rows = await query.orderBy('invoices.issue_date', 'desc').orderBy('invoices.reference', 'desc').limit(filter.limit).execute();
      return rows.map(toRow);
    },

    async invoicesIssued(from, to) {
      const rows = await invoiceQuery(db)
        .where('invoices.issue_date', '>=', from)
        .where('invoices.issue_date', '<=', to)
        .orderBy('invoices.issue_date')
        .orderBy('invoices.reference')
        .execute();
      return rows.map(toRow);
    },

    async paymentsReceived(range, familyId, limit) {
      let regie = db
        .selectFrom('regie_payments as p')
        .innerJoin('families as f', 'f.id', 'p.family_id')
        .select([
          'p.id',
          'p.received_on as day',
          'p.method',
          'p.receipt_number as reference',
          'p.family_id',
          'f.name',
          'f.file_number',
          'p.amount_cents',
          'p.status',
        ]);
      // Online payments by the (UTC) day they were settled.
      let online = db
        .selectFrom('payment_transactions as t')
        .innerJoin('families as f', 'f.id', 't.family_id')
        .select([
          't.id',
          sql<string>`substr(t.settled_at, 1, 10)`.as('day'),
          't.provider as method',
          't.reference',
          't.family_id',
          'f.name',
          'f.file_number',
          't.amount_cents',
          't.state as status',
        ])
        .where('t.state', '=', 'paid')
        .where('t.amount_cents', '>', 0);
      let sepa = db
        .selectFrom('sepa_debits as d')
        .innerJoin('sepa_batches as b', 'b.id', 'd.batch_id')
        .innerJoin('families as f', 'f.id', 'd.family_id')
        .select([
          'd.id',
          'b.collection_date as day',
          'd.sequence as method',
          'd.end_to_end_id as reference',
          'd.family_id',
          'f.name',
          'f.file_number',
          'd.amount_cents',
          'd.status',
        ]);
      if (range) {
        regie = regie.where('p.received_on', '>=', range.from).where('p.received_on', '<=', range.to);
        online = online.where('t.settled_at', '>=', range.from).where('t.settled_at', '<', addDays(range.to, 1));
        sepa = sepa.where('b.collection_date', '>=', range.from).where('b.collection_date', '<=', range.to);
      }
      if (familyId) {
        regie = regie.where('p.family_id', '=', familyId);
        online = online.where('t.family_id', '=', familyId);
        sepa = sepa.where('d.family_id', '=', familyId);
      }
      const [a, b, c] = await Promise.all([regie.execute(), online.execute(), sepa.execute()]);
      const rows: PaymentReportRow[] = [
        ...a.map((r) => ({ ...r, source: 'regie' as const })),
        ...b.map((r) => ({ ...r, source: 'online' as const })),
        ...c.map((r) => ({ ...r, source: 'sepa' as const })),
      ].map((r) => ({
        id: r.id,
        day: r.day as PlainDate,
        source: r.source,
        method: r.method,
        reference: r.reference,
        familyId: r.family_id,
        familyName: r.name,
        fileNumber: r.file_number,
        amountCents: Number(r.amount_cents),
        status: r.status,
      }));
      // Newest first for a family's page, by date for an export.
      return familyId
        ? rows.sort((x, y) => y.day.localeCompare(x.day) || y.id.localeCompare(x.id)).slice(0, limit)
        : rows.sort((x, y) => x.day.localeCompare(y.day) || x.reference.localeCompare(y.reference)).slice(0, limit);
    },

    async revenueByMonth(from, to) {
      const rows = await db
        .selectFrom('invoices')
        .select(['month', sql<string>`sum(total_cents - credited_cents)`.as('invoiced'), sql<string>`sum(paid_cents)`.as('paid')])
        .where('month', '>=', from)
        .where('month', '<=', to)
        .groupBy('month')
        .orderBy('month')
        .execute();
      return rows.map((r): RevenueMonth => ({ month: r.month as Month, invoicedCents: Number(r.invoiced), paidCents: Number(r.paid) }));
    },

    async unpaidDueBefore(day) {
      const row = await db
        .selectFrom('invoices')
        .select([
          sql<string>`count(*)`.as('invoices'),
          sql<string>`count(distinct family_id)`.as('families'),
          sql<string>`coalesce(sum(total_cents - paid_cents - credited_cents), 0)`.as('open'),
        ])
        .where('status', '=', 'open')
        .where('due_date', '<', day)
        .executeTakeFirstOrThrow();
      return { invoices: Number(row.invoices), families: Number(row.families), openCents: Number(row.open) };
    },

    async family(familyId) {
      const row = await db.selectFrom('families').select(['id', 'name', 'file_number']).where('id', '=', familyId).executeTakeFirst();
      return row ? { id: row.id, name: row.name, fileNumber: row.file_number } : null;
    },
  };
}
