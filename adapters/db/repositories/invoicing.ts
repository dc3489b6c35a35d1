import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ActivityKind } from '../../../core/booking/model';
import type { PlainDate } from '../../../core/calendar';
import type { BillableDay, BillingFamily, LineOccasion } from '../../../core/invoicing/compute';
import type { Month } from '../../../core/invoicing/month';
import type { Series } from '../../../core/invoicing/numbering';
import type {
  AccountEntry,
  AllocationRecord,
  CreditNote,
  EntryKind,
  Invoice,
  InvoiceLine,
  InvoiceRun,
  InvoiceStatus,
  InvoicingRepository,
  MoneySource,
  RegieMethod,
  RegiePayment,
} from '../../../core/invoicing/ports';
import type { Database } from '../schema';
import type { InvoiceRunTable, InvoiceTable, RegiePaymentTable } from '../schema-invoicing';
import { nextCounterValue, reserveCounterValues } from './counters';

/** Keeps IN lists below SQLite's and PostgreSQL's parameter limits. */
const IN_CHUNK = 500;

function toRun(row: Selectable<InvoiceRunTable>): InvoiceRun {
  return {
    id: row.id,
    regie: row.regie,
    month: row.month as Month,
    status: row.status as InvoiceRun['status'],
    issueDate: row.issue_date as PlainDate,
    dueDate: row.due_date as PlainDate,
    familiesTotal: Number(row.families_total),
    familiesDone: Number(row.families_done),
    invoicesIssued: Number(row.invoices_issued),
    startedBy: row.started_by,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export function toInvoice(row: Selectable<InvoiceTable>): Invoice {
  const total = Number(row.total_cents);
  const paid = Number(row.paid_cents);
  const credited = Number(row.credited_cents);
  return {
    id: row.id,
    familyId: row.family_id,
    regie: row.regie,
    series: row.series as Series,
    year: Number(row.year),
    number: Number(row.number),
    reference: row.reference,
    month: row.month as Month,
    runId: row.run_id,
    issueDate: row.issue_date as PlainDate,
    dueDate: row.due_date as PlainDate,
    payerName: row.payer_name,
    payerAddress: row.payer_address === '' ? [] : row.payer_address.split('\n'),
    familyFileNumber: row.family_file_number,
    totalCents: total,
    paidCents: paid,
    creditedCents: credited,
    openCents: total - paid - credited,
    status: row.status as InvoiceStatus,
    mandateId: row.mandate_id,
    debitDate: row.debit_date as PlainDate | null,
    emailedAt: row.emailed_at,
    createdAt: row.created_at,
  };
}

function toRegiePayment(row: Selectable<RegiePaymentTable>): RegiePayment {
  return {
    id: row.id,
    familyId: row.family_id,
    regie: row.regie,
    receiptNumber: row.receipt_number,
    method: row.method as RegieMethod,
    amountCents: Number(row.amount_cents),
    receivedOn: row.received_on as PlainDate,
    reference: row.reference,
    payerName: row.payer_name,
    creditedCents: Number(row.credited_cents),
    status: row.status as RegiePayment['status'],
    cancelReason: row.cancel_reason,
    cancelledAt: row.cancelled_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** Multi-row inserts of at most this many rows (16 columns × 1,000 stays under both databases' parameter limits). */
const ROW_CHUNK = 1000;

function inRowChunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROW_CHUNK) out.push(rows.slice(i, i + ROW_CHUNK));
  return out;
}

function inChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

export function invoicingRepository(db: Kysely<Database>): InvoicingRepository {
  const invoices = () => db.selectFrom('invoices').selectAll();

  return {
    async findRun(regie, month) {
      const row = await db.selectFrom('invoice_runs').selectAll().where('regie', '=', regie).where('month', '=', month).executeTakeFirst();
      return row ? toRun(row) : null;
    },

    async runs(regie, limit) {
      const rows = await db
        .selectFrom('invoice_runs')
        .selectAll()
        .where('regie', '=', regie)
        .orderBy('month', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRun);
    },

    async createRun(run) {
      const result = await db
        .insertInto('invoice_runs')
        .values({
          id: run.id,
          regie: run.regie,
          month: run.month,
          status: 'running',
          issue_date: run.issueDate,
          due_date: run.dueDate,
          families_total: run.familiesTotal,
          families_done: 0,
          invoices_issued: 0,
          started_by: run.startedBy,
          started_at: run.startedAt,
          updated_at: run.startedAt,
          lease_until: run.leaseUntil,
          finished_at: null,
        })
        .onConflict((oc) => oc.columns(['regie', 'month']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async claimRun(id, now, leaseUntil) {
      const result = await db
        .updateTable('invoice_runs')
        .set({ lease_until: leaseUntil, updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('lease_until', '<', now.toISOString())
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async progressRun(id, progress, now, leaseUntil) {
      await db
        .updateTable('invoice_runs')
        .set({
          families_done: progress.familiesDone,
          invoices_issued: progress.invoicesIssued,
          updated_at: now.toISOString(),
          lease_until: leaseUntil,
        })
        .where('id', '=', id)
        .execute();
    },

    async finishRun(id, now) {
      const at = now.toISOString();
      await db
        .updateTable('invoice_runs')
        .set({ status: 'done', finished_at: at, updated_at: at, lease_until: at })
        .where('id', '=', id)
        .execute();
    },

    async billableFamilyIds(from, to) {
      const booked = db
        .selectFrom('bookings')
        .innerJoin('activities', 'activities.id', 'bookings.activity_id')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .select('children.family_id as family_id')
        .where('bookings.status', '=', 'reserved')
        .where('activities.billing_mode', '=', 'invoice')
        .where('bookings.day', '>=', from)
        .where('bookings.day', '<=', to);
      const attended = db
        .selectFrom('attendance')
        .innerJoin('children', 'children.id', 'attendance.child_id')
        .select('children.family_id as family_id')
        .where('attendance.day', '>=', from)
        .where('attendance.day', '<=', to);
      const rows = await db
        .selectFrom('families')
        .select('families.id')
        .where('families.id', 'in', booked.union(attended))
        .orderBy('families.file_number')
        .orderBy('families.id')
        .execute();
      return rows.map((r) => r.id);
    },

    async billingFamilies(familyIds) {
      if (familyIds.length === 0) return [];
      const out: BillingFamily[] = [];
      for (const ids of inChunks(familyIds)) {
        const [families, children, guardians, enrolments] = await Promise.all([
          db.selectFrom('families').selectAll().where('id', 'in', ids).execute(),
          db
            .selectFrom('children')
            .select(['id', 'family_id', 'first_name', 'last_name', 'has_pai', 'birth_date'])
            .where('family_id', 'in', ids)
            .orderBy('birth_date')
            .orderBy('id')
            .execute(),
          db
            .selectFrom('guardians')
            .select(['family_id', 'first_name', 'last_name', 'user_id'])
            .where('family_id', 'in', ids)
            .orderBy('last_name')
            .orderBy('first_name')
            .execute(),
          db
            .selectFrom('enrolments')
            .innerJoin('children', 'children.id', 'enrolments.child_id')
            .select(['enrolments.child_id', 'enrolments.activity_id', 'children.family_id'])
            .where('children.family_id', 'in', ids)
            .where('enrolments.status', '=', 'accepted')
            .execute(),
        ]);
        for (const row of families) {
          const payer = guardians
            .filter((g) => g.family_id === row.id)
            .sort((a, b) => Number(b.user_id !== null) - Number(a.user_id !== null))[0];
          const city = `${row.postal_code} ${row.city}`.trim();
          out.push({
            id: row.id,
            fileNumber: row.file_number,
            name: row.name,
            payerName: payer ? `${payer.first_name} ${payer.last_name}`.trim() : `Famille ${row.name}`,
            addressLines: [row.address_line.trim(), city].filter((line) => line !== ''),
            email: row.email,
            resident: Number(row.resident) === 1,
            qf: row.qf === null ? null : Number(row.qf),
            qfValidUntil: row.qf_valid_until as PlainDate | null,
            children: children
              .filter((c) => c.family_id === row.id)
              .map((c) => ({
                id: c.id,
                firstName: c.first_name,
                lastName: c.last_name,
                birthDate: c.birth_date as PlainDate,
                hasPai: Number(c.has_pai) === 1,
              })),
            enrolled: new Set(enrolments.filter((e) => e.family_id === row.id).map((e) => `${e.child_id}:${e.activity_id}`)),
          });
        }
      }
      const order = new Map(familyIds.map((id, index) => [id, index]));
      return out.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },

    async billableDays(familyIds, from, to) {
      const days = new Map<string, BillableDay & { familyId: string }>();
      for (const ids of inChunks(familyIds)) {
        const [bookings, attendance] = await Promise.all([
          db
            .selectFrom('bookings')
            .innerJoin('children', 'children.id', 'bookings.child_id')
            .select(['children.family_id', 'bookings.child_id', 'bookings.activity_id', 'bookings.day', 'bookings.unit_price_cents'])
            .where('children.family_id', 'in', ids)
            .where('bookings.status', '=', 'reserved')
            .where('bookings.day', '>=', from)
            .where('bookings.day', '<=', to)
            .execute(),
          db
            .selectFrom('attendance')
            .innerJoin('children', 'children.id', 'attendance.child_id')
            .select([
              'children.family_id',
              'attendance.child_id',
              'attendance.activity_id',
              'attendance.day',
              'attendance.status',
              'attendance.justified',
            ])
            .where('children.family_id', 'in', ids)
            .where('attendance.day', '>=', from)
            .where('attendance.day', '<=', to)
            .execute(),
        ]);
        for (const b of bookings) {
          days.set(`${b.child_id}|${b.activity_id}|${b.day}`, {
            familyId: b.family_id,
            childId: b.child_id,
            activityId: b.activity_id,
            day: b.day as PlainDate,
            booked: true,
            bookedUnitPriceCents: Number(b.unit_price_cents),
            attendance: null,
            justified: false,
          });
        }
        for (const a of attendance) {
          const key = `${a.child_id}|${a.activity_id}|${a.day}`;
          const day = days.get(key) ?? {
            familyId: a.family_id,
            childId: a.child_id,
            activityId: a.activity_id,
            day: a.day as PlainDate,
            booked: false,
            bookedUnitPriceCents: 0,
            attendance: null,
            justified: false,
          };
          day.attendance = a.status as BillableDay['attendance'];
          day.justified = Number(a.justified) === 1;
          days.set(key, day);
        }
      }
      return [...days.values()];
    },

    async activeMandates(familyIds) {
      const found = new Map<string, { id: string }>();
      for (const ids of inChunks(familyIds)) {
        const rows = await db
          .selectFrom('sepa_mandates')
          .select(['id', 'family_id'])
          .where('family_id', 'in', ids)
          .where('status', '=', 'active')
          .execute();
        for (const row of rows) found.set(row.family_id, { id: row.id });
      }
      return found;
    },

    async invoicedFamilies(regie, month, familyIds) {
      const found = new Set<string>();
      for (const ids of inChunks(familyIds)) {
        const rows = await db
          .selectFrom('invoices')
          .select('family_id')
          .where('regie', '=', regie)
          .where('month', '=', month)
          .where('family_id', 'in', ids)
          .execute();
        for (const row of rows) found.add(row.family_id);
      }
      return found;
    },

    nextNumber: (counter) => nextCounterValue(db, counter),

    reserveNumbers: (counter, count) => reserveCounterValues(db, counter, count),

    async insertInvoices(batch, now) {
      const at = now.toISOString();
      const invoiceRows = batch.map(({ invoice }) => ({
        id: invoice.id,
        family_id: invoice.familyId,
        regie: invoice.regie,
        series: invoice.series,
        year: invoice.year,
        number: invoice.number,
        reference: invoice.reference,
        month: invoice.month,
        run_id: invoice.runId,
        issue_date: invoice.issueDate,
        due_date: invoice.dueDate,
        payer_name: invoice.payerName,
        payer_address: invoice.payerAddress.join('\n'),
        family_file_number: invoice.familyFileNumber,
        total_cents: invoice.totalCents,
        paid_cents: 0,
        credited_cents: 0,
        status: invoice.totalCents === 0 ? 'paid' : 'open',
        mandate_id: invoice.mandateId,
        debit_date: invoice.debitDate,
        emailed_at: null,
        created_at: at,
        updated_at: at,
      }));
      const lineRows = batch.flatMap(({ invoice, lines }) =>
        lines.map((line, index) => ({
          id: randomUUID(),
          invoice_id: invoice.id,
          position: index + 1,
          child_id: line.childId,
          child_name: line.childName,
          activity_id: line.activityId,
          activity_name: line.activityName,
          activity_kind: line.activityKind,
          site_name: line.siteName,
          occasion: line.occasion,
          quantity: line.quantity,
          unit_price_cents: line.unitPriceCents,
          amount_cents: line.amountCents,
          basis: line.basis,
          first_day: line.firstDay,
          last_day: line.lastDay,
        })),
      );
      for (const rows of inRowChunks(invoiceRows)) await db.insertInto('invoices').values(rows).execute();
      for (const rows of inRowChunks(lineRows)) await db.insertInto('invoice_lines').values(rows).execute();
    },

    async positiveBalances(familyIds) {
      const found = new Set<string>();
      for (const ids of inChunks(familyIds)) {
        const rows = await db
          .selectFrom('family_balances')
          .select('family_id')
          .where('family_id', 'in', ids)
          .where('balance_cents', '>', 0)
          .execute();
        for (const row of rows) found.add(row.family_id);
      }
      return found;
    },

    async invoice(id) {
      const row = await invoices().where('id', '=', id).executeTakeFirst();
      return row ? toInvoice(row) : null;
    },

    async invoiceByReference(reference) {
      const row = await invoices().where('reference', '=', reference).executeTakeFirst();
      return row ? toInvoice(row) : null;
    },

    async lines(invoiceId) {
      const rows = await db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('position').execute();
      return rows.map((row): InvoiceLine => ({
        id: row.id,
        position: Number(row.position),
        childId: row.child_id,
        childName: row.child_name,
        activityId: row.activity_id,
        activityName: row.activity_name,
        activityKind: row.activity_kind as ActivityKind,
        siteName: row.site_name,
        occasion: row.occasion as LineOccasion,
        quantity: Number(row.quantity),
        unitPriceCents: Number(row.unit_price_cents),
        amountCents: Number(row.amount_cents),
        basis: row.basis,
        firstDay: row.first_day as PlainDate,
        lastDay: row.last_day as PlainDate,
      }));
    },

    async familyInvoices(familyId) {
      const rows = await invoices().where('family_id', '=', familyId).orderBy('issue_date', 'desc').orderBy('reference', 'desc').execute();
      return rows.map(toInvoice);
    },

    async openInvoices(familyId) {
      const rows = await invoices()
        .where('family_id', '=', familyId)
        .where('status', '=', 'open')
        .orderBy('due_date')
        .orderBy('reference')
        .execute();
      return rows.map(toInvoice);
    },

    async adjustInvoice(id, delta, now) {
      const paid = delta.paidCents ?? 0;
      const credited = delta.creditedCents ?? 0;
      const result = await db
        .updateTable('invoices')
        .set((eb) => ({
          paid_cents: eb('paid_cents', '+', paid),
          credited_cents: eb('credited_cents', '+', credited),
          updated_at: now.toISOString(),
        }))
        .where('id', '=', id)
        .where(
          sql<boolean>`paid_cents + ${paid} >= 0 and credited_cents + ${credited} >= 0 and paid_cents + credited_cents + ${paid + credited} <= total_cents`,
        )
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await db
        .updateTable('invoices')
        .set({
          status: sql<string>`case when credited_cents = total_cents and total_cents > 0 then 'cancelled' when paid_cents + credited_cents = total_cents then 'paid' else 'open' end`,
        })
        .where('id', '=', id)
        .execute();
      return true;
    },

    async creditNotes(invoiceId) {
      const rows = await db.selectFrom('credit_notes').selectAll().where('invoice_id', '=', invoiceId).orderBy('reference').execute();
      return rows.map(toCreditNote);
    },

    async creditNote(id) {
      const row = await db.selectFrom('credit_notes').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCreditNote(row) : null;
    },

    async insertCreditNote(note) {
      await db
        .insertInto('credit_notes')
        .values({
          id: note.id,
          invoice_id: note.invoiceId,
          family_id: note.familyId,
          regie: note.regie,
          series: note.series,
          year: note.year,
          number: note.number,
          reference: note.reference,
          amount_cents: note.amountCents,
          reason: note.reason,
          issue_date: note.issueDate,
          created_by: note.createdBy,
          created_at: note.createdAt,
        })
        .execute();
    },

    async addEntries(entries) {
      for (const chunk of inRowChunks(entries.map(toEntryRow))) await db.insertInto('account_entries').values(chunk).execute();
    },

    async addEntry(entry) {
      await db.insertInto('account_entries').values(toEntryRow(entry)).execute();
    },

    async entries(familyId) {
      const rows = await db
        .selectFrom('account_entries')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('at')
        .orderBy('id')
        .execute();
      return rows.map((row): AccountEntry => ({
        id: row.id,
        familyId: row.family_id,
        at: row.at,
        kind: row.kind as EntryKind,
        amountCents: Number(row.amount_cents),
        label: row.label,
        invoiceId: row.invoice_id,
        sourceKind: row.source_kind as MoneySource | null,
        sourceId: row.source_id,
      }));
    },

    async owedOnInvoices(familyId) {
      const row = await db
        .selectFrom('account_entries')
        .select(sql<number | string | null>`sum(amount_cents)`.as('owed'))
        .where('family_id', '=', familyId)
        .executeTakeFirst();
      return Number(row?.owed ?? 0);
    },

    async addAllocation(allocation) {
      await db
        .insertInto('invoice_allocations')
        .values({
          id: randomUUID(),
          invoice_id: allocation.invoiceId,
          family_id: allocation.familyId,
          source_kind: allocation.sourceKind,
          source_id: allocation.sourceId,
          amount_cents: allocation.amountCents,
          created_at: allocation.createdAt,
          reversed_at: null,
          reversal_reason: null,
        })
        .execute();
    },

    async allocationsOf(sourceKind, sourceId) {
      const rows = await db
        .selectFrom('invoice_allocations')
        .selectAll()
        .where('source_kind', '=', sourceKind)
        .where('source_id', '=', sourceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toAllocation);
    },

    async invoiceAllocations(invoiceId) {
      const rows = await db
        .selectFrom('invoice_allocations')
        .selectAll()
        .where('invoice_id', '=', invoiceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toAllocation);
    },

    async reverseAllocation(id, reason, now) {
      const result = await db
        .updateTable('invoice_allocations')
        .set({ reversed_at: now.toISOString(), reversal_reason: reason.slice(0, 500) })
        .where('id', '=', id)
        .where('reversed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertRegiePayment(payment) {
      await db
        .insertInto('regie_payments')
        .values({
          id: payment.id,
          family_id: payment.familyId,
          regie: payment.regie,
          receipt_number: payment.receiptNumber,
          method: payment.method,
          amount_cents: payment.amountCents,
          received_on: payment.receivedOn,
          reference: payment.reference,
          payer_name: payment.payerName,
          credited_cents: payment.creditedCents,
          status: payment.status,
          cancel_reason: null,
          cancelled_at: null,
          cancelled_by: null,
          created_by: payment.createdBy,
          created_at: payment.createdAt,
        })
        .execute();
    },

    async regiePayment(id) {
      const row = await db.selectFrom('regie_payments').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRegiePayment(row) : null;
    },

    async familyRegiePayments(familyId) {
      const rows = await db
        .selectFrom('regie_payments')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toRegiePayment);
    },

    async regiePayments(regie, from, to) {
      const rows = await db
        .selectFrom('regie_payments')
        .innerJoin('families', 'families.id', 'regie_payments.family_id')
        .selectAll('regie_payments')
        .select(['families.name as family_name', 'families.file_number'])
        .where('regie_payments.regie', '=', regie)
        .where('regie_payments.received_on', '>=', from)
        .where('regie_payments.received_on', '<=', to)
        .orderBy('regie_payments.received_on')
        .orderBy('regie_payments.receipt_number')
        .execute();
      return rows.map((row) => ({ ...toRegiePayment(row), familyName: row.family_name, fileNumber: row.file_number }));
    },

    async cancelRegiePayment(id, reason, by, now) {
      const result = await db
        .updateTable('regie_payments')
        .set({ status: 'cancelled', cancel_reason: reason, cancelled_at: now.toISOString(), cancelled_by: by })
        .where('id', '=', id)
        .where('status', '=', 'recorded')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async claimInvoiceEmails(limit, now) {
      const candidates = await invoices().where('emailed_at', 'is', null).orderBy('created_at').limit(limit).execute();
      const claimed: Invoice[] = [];
      const at = now.toISOString();
      for (const row of candidates) {
        const result = await db
          .updateTable('invoices')
          .set({ emailed_at: at })
          .where('id', '=', row.id)
          .where('emailed_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) claimed.push(toInvoice({ ...row, emailed_at: at }));
      }
      return claimed;
    },

    async releaseInvoiceEmail(id) {
      await db.updateTable('invoices').set({ emailed_at: null }).where('id', '=', id).execute();
    },

    async overdueInvoices(before, minOpenCents) {
      const rows = await invoices()
        .where('status', '=', 'open')
        .where('due_date', '<', before)
        .where(sql<boolean>`total_cents - paid_cents - credited_cents >= ${minOpenCents}`)
        .orderBy('due_date')
        .orderBy('reference')
        .execute();
      return rows.map(toInvoice);
    },

    async partlyPaidInvoices(limit) {
      const rows = await invoices()
        .where('status', '=', 'open')
        .where('paid_cents', '>', 0)
        .orderBy('due_date')
        .orderBy('reference')
        .limit(limit)
        .execute();
      return rows.map(toInvoice);
    },

    async familiesWithCredit(limit) {
      const rows = await db
        .selectFrom('family_balances')
        .innerJoin('families', 'families.id', 'family_balances.family_id')
        .select(['families.id', 'families.name', 'families.file_number', 'family_balances.balance_cents'])
        .where('family_balances.balance_cents', '>', 0)
        .orderBy('family_balances.balance_cents', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ familyId: r.id, familyName: r.name, fileNumber: r.file_number, creditCents: Number(r.balance_cents) }));
    },

    async childcarePaid(childId, year) {
      const prefix = `${year}-`;
      const [invoiced, prepaid] = await Promise.all([
        db
          .selectFrom('invoice_lines')
          .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
          .select(['invoices.month', 'invoice_lines.amount_cents'])
          .where('invoice_lines.child_id', '=', childId)
          .where('invoice_lines.activity_kind', '!=', 'cantine')
          .where('invoices.status', '=', 'paid')
          .where('invoices.month', 'like', `${prefix}%`)
          .execute(),
        db
          .selectFrom('payment_lines')
          .innerJoin('payment_transactions', 'payment_transactions.id', 'payment_lines.transaction_id')
          .select(['payment_lines.day', 'payment_lines.amount_cents'])
          .where('payment_lines.child_id', '=', childId)
          .where('payment_lines.kind', '=', 'booking')
          .where('payment_lines.outcome', '=', 'booked')
          .where('payment_lines.activity_kind', '!=', 'cantine')
          .where('payment_transactions.state', '=', 'paid')
          .where('payment_transactions.settled_at', 'like', `${prefix}%`)
          .execute(),
      ]);
      const byMonth = new Map<string, number>();
      for (const row of invoiced) byMonth.set(row.month, (byMonth.get(row.month) ?? 0) + Number(row.amount_cents));
      for (const row of prepaid) {
        const month = (row.day ?? '').slice(0, 7);
        if (month.startsWith(prefix)) byMonth.set(month, (byMonth.get(month) ?? 0) + Number(row.amount_cents));
      }
      return [...byMonth]
        .filter(([, cents]) => cents > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, cents]) => ({ month: month as Month, cents }));
    },

    async familyEmails(familyId) {
      const [family, guardians] = await Promise.all([
        db.selectFrom('families').select('email').where('id', '=', familyId).executeTakeFirst(),
        db.selectFrom('guardians').select('email').where('family_id', '=', familyId).orderBy('last_name').orderBy('first_name').execute(),
      ]);
      const all = [family?.email, ...guardians.map((g) => g.email)].filter((e): e is string => !!e && e.trim() !== '').map((e) => e.trim());
      return [...new Map(all.map((e) => [e.toLowerCase(), e])).values()];
    },
  };
}

function toEntryRow(entry: Omit<AccountEntry, 'id'>) {
  return {
    id: randomUUID(),
    family_id: entry.familyId,
    at: entry.at,
    kind: entry.kind,
    amount_cents: entry.amountCents,
    label: entry.label.slice(0, 500),
    invoice_id: entry.invoiceId,
    source_kind: entry.sourceKind,
    source_id: entry.sourceId,
  };
}

function toCreditNote(row: Selectable<Database['credit_notes']>): CreditNote {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    familyId: row.family_id,
    reference: row.reference,
    amountCents: Number(row.amount_cents),
    reason: row.reason,
    issueDate: row.issue_date as PlainDate,
    createdAt: row.created_at,
  };
}

function toAllocation(row: Selectable<Database['invoice_allocations']>): AllocationRecord {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    familyId: row.family_id,
    sourceKind: row.source_kind as MoneySource,
    sourceId: row.source_id,
    amountCents: Number(row.amount_cents),
    createdAt: row.created_at,
    reversedAt: row.reversed_at,
  };
}
