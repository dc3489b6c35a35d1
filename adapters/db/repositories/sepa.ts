import { sql, type Kysely, type Selectable } from 'kysely';
import type { PlainDate } from '../../../core/calendar';
import type { SepaBatch, SepaDebit, SepaMandate, SepaRepository } from '../../../core/invoicing/ports';
import type { Database } from '../schema';
import type { SepaBatchTable, SepaMandateTable } from '../schema-invoicing';
import { toInvoice } from './invoicing';

function toMandate(row: Selectable<SepaMandateTable>): SepaMandate {
  return {
    id: row.id,
    familyId: row.family_id,
    rum: row.rum,
    holderName: row.holder_name,
    iban: row.iban,
    bic: row.bic,
    signedOn: row.signed_on as PlainDate,
    status: row.status as SepaMandate['status'],
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

function toBatch(row: Selectable<SepaBatchTable>): SepaBatch {
  return {
    id: row.id,
    messageId: row.message_id,
    collectionDate: row.collection_date as PlainDate,
    debitCount: Number(row.debit_count),
    totalCents: Number(row.total_cents),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The invoice is not in a debit sent to the bank and not rejected. */
const NOT_IN_A_SUBMITTED_DEBIT = sql<boolean>`not exists (select 1 from sepa_debits where sepa_debits.invoice_id = invoices.id and sepa_debits.status = 'submitted')`;

/** SEPA mandates, batches (the pain.008 file kept as generated) and debits; rejects keep their row with the reason. */
export function sepaRepository(db: Kysely<Database>): SepaRepository {
  const debits = () =>
    db
      .selectFrom('sepa_debits')
      .innerJoin('invoices', 'invoices.id', 'sepa_debits.invoice_id')
      .innerJoin('sepa_batches', 'sepa_batches.id', 'sepa_debits.batch_id')
      .selectAll('sepa_debits')
      .select(['invoices.reference as invoice_reference', 'sepa_batches.collection_date']);
  const toDebit = (row: Awaited<ReturnType<ReturnType<typeof debits>['execute']>>[number]): SepaDebit => ({
    id: row.id,
    batchId: row.batch_id,
    invoiceId: row.invoice_id,
    invoiceReference: row.invoice_reference,
    mandateId: row.mandate_id,
    familyId: row.family_id,
    endToEndId: row.end_to_end_id,
    sequence: row.sequence as SepaDebit['sequence'],
    amountCents: Number(row.amount_cents),
    status: row.status as SepaDebit['status'],
    rejectCode: row.reject_code,
    rejectReason: row.reject_reason,
    rejectedAt: row.rejected_at,
    collectionDate: row.collection_date as PlainDate,
    createdAt: row.created_at,
  });

  return {
    async familyMandates(familyId) {
      const rows = await db
        .selectFrom('sepa_mandates')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toMandate);
    },

    async mandate(id) {
      const row = await db.selectFrom('sepa_mandates').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMandate(row) : null;
    },

    async insertMandate(m) {
      await db
        .insertInto('sepa_mandates')
        .values({
          id: m.id,
          family_id: m.familyId,
          rum: m.rum,
          holder_name: m.holderName,
          iban: m.iban,
          bic: m.bic,
          signed_on: m.signedOn,
          status: m.status,
          created_by: m.createdBy,
          created_at: m.createdAt,
          revoked_at: null,
        })
        .execute();
    },

    async revokeMandate(id, now) {
      const result = await db
        .updateTable('sepa_mandates')
        .set({ status: 'revoked', revoked_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async attachOpenInvoices(familyId, mandateId, from, now) {
      const result = await db
        .updateTable('invoices')
        .set((eb) => ({ mandate_id: mandateId, debit_date: eb.ref('due_date'), updated_at: now.toISOString() }))
        .where('family_id', '=', familyId)
        .where('status', '=', 'open')
        .where('due_date', '>=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async detachOpenInvoices(mandateId, now) {
      const result = await db
        .updateTable('invoices')
        .set({ mandate_id: null, debit_date: null, updated_at: now.toISOString() })
        .where('mandate_id', '=', mandateId)
        .where('status', '=', 'open')
        .where(NOT_IN_A_SUBMITTED_DEBIT)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async invoicesToDebit(until) {
      const rows = await db
        .selectFrom('invoices')
        .innerJoin('sepa_mandates', (join) =>
          join.onRef('sepa_mandates.family_id', '=', 'invoices.family_id').on('sepa_mandates.status', '=', 'active'),
        )
        .selectAll('invoices')
        .select('sepa_mandates.id as active_mandate_id')
        .where('invoices.status', '=', 'open')
        .where('invoices.debit_date', 'is not', null)
        .where('invoices.debit_date', '<=', until)
        .where(NOT_IN_A_SUBMITTED_DEBIT)
        .orderBy('invoices.reference')
        .execute();
      const mandates = new Map((await this.mandates(rows.map((r) => r.active_mandate_id))).map((m) => [m.id, m]));
      return rows
        .map((row) => ({ invoice: toInvoice(row), mandate: mandates.get(row.active_mandate_id)! }))
        .filter(({ invoice }) => invoice.openCents > 0);
    },

    async mandates(ids) {
      const unique = [...new Set(ids)];
      const out: SepaMandate[] = [];
      // Within both databases' parameter limits.
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .selectFrom('sepa_mandates')
          .selectAll()
          .where('id', 'in', unique.slice(i, i + 500))
          .execute();
        out.push(...rows.map(toMandate));
      }
      return out;
    },

    async mandateDebits(mandateId) {
      const rows = await debits().where('sepa_debits.mandate_id', '=', mandateId).orderBy('sepa_debits.created_at').execute();
      return rows.map(toDebit);
    },

    async insertBatch(batch) {
      await db
        .insertInto('sepa_batches')
        .values({
          id: batch.id,
          message_id: batch.messageId,
          collection_date: batch.collectionDate,
          debit_count: batch.debitCount,
          total_cents: batch.totalCents,
          xml: batch.xml,
          created_by: batch.createdBy,
          created_at: batch.createdAt,
        })
        .execute();
    },

    async insertDebit(debit) {
      await db
        .insertInto('sepa_debits')
        .values({
          id: debit.id,
          batch_id: debit.batchId,
          invoice_id: debit.invoiceId,
          mandate_id: debit.mandateId,
          family_id: debit.familyId,
          end_to_end_id: debit.endToEndId,
          sequence: debit.sequence,
          amount_cents: debit.amountCents,
          status: 'submitted',
          reject_code: null,
          reject_reason: null,
          rejected_at: null,
          created_at: debit.createdAt,
        })
        .execute();
    },

    async batches(limit) {
      const rows = await db.selectFrom('sepa_batches').selectAll().orderBy('created_at', 'desc').limit(limit).execute();
      return rows.map(toBatch);
    },

    async batchXml(id) {
      const row = await db.selectFrom('sepa_batches').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { batch: toBatch(row), xml: row.xml } : null;
    },

    async debitsByEndToEnd(ids) {
      if (ids.length === 0) return [];
      const rows = await debits()
        .where('sepa_debits.end_to_end_id', 'in', [...ids])
        .execute();
      return rows.map(toDebit);
    },

    async batchDebits(batchId) {
      const rows = await debits().where('sepa_debits.batch_id', '=', batchId).orderBy('sepa_debits.end_to_end_id').execute();
      return rows.map(toDebit);
    },

    async familyDebits(familyId) {
      const rows = await debits().where('sepa_debits.family_id', '=', familyId).orderBy('sepa_batches.collection_date', 'desc').execute();
      return rows.map(toDebit);
    },

    async rejectDebit(id, code, reason, now) {
      const result = await db
        .updateTable('sepa_debits')
        .set({ status: 'rejected', reject_code: code, reject_reason: reason.slice(0, 500), rejected_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'submitted')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
