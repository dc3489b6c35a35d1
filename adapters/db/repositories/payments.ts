import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ActivityKind, BasketAction } from '../../../core/booking/model';
import type {
  AnomalyKind, PaymentLine, PaymentLineKind, PaymentPurpose, PaymentTransaction, TransactionProvider, TransactionState,
} from '../../../core/payments/model';
import type { PaymentRepository } from '../../../core/payments/ports';
import type { Database } from '../schema';
import { nextCounterValue } from './counters';
import type { PaymentLineTable, PaymentTransactionTable } from '../schema-payments';

const RUNNING: TransactionState[] = ['started', 'waiting'];

function toTransaction(row: Selectable<PaymentTransactionTable>): PaymentTransaction {
  return {
    id: row.id,
    reference: row.reference,
    familyId: row.family_id,
    provider: row.provider as TransactionProvider,
    providerRef: row.provider_ref,
    redirectUrl: row.redirect_url,
    state: row.state as TransactionState,
    amountCents: Number(row.amount_cents),
    carriedCents: Number(row.carried_cents),
    purpose: row.purpose as PaymentPurpose,
    payableKey: row.payable_key,
    checkoutId: row.checkout_id,
    checkoutPosition: Number(row.checkout_position),
    basketId: row.basket_id,
    email: row.email,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    settledAt: row.settled_at,
    resultCode: row.result_code,
    resultDetail: row.result_detail,
    receiptNumber: row.receipt_number,
    receiptSentAt: row.receipt_sent_at,
    lastPolledAt: row.last_polled_at,
  };
}

function toLine(row: Selectable<PaymentLineTable>): PaymentLine {
  return {
    id: row.id,
    transactionId: row.transaction_id,
    position: Number(row.position),
    kind: row.kind as PaymentLineKind,
    payableId: row.payable_id,
    childId: row.child_id,
    childFirstName: row.child_first_name,
    activityId: row.activity_id,
    activityName: row.activity_name,
    activityKind: row.activity_kind as ActivityKind | null,
    day: row.day,
    action: row.action as BasketAction | null,
    unitPriceCents: Number(row.unit_price_cents),
    amountCents: Number(row.amount_cents),
    priceLabel: row.price_label,
    held: Number(row.held) === 1,
    outcome: row.outcome,
  };
}

/** Unique-constraint violations on both drivers (a second running transaction for one payable, a replayed event). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Payment transactions, their lines, events and anomalies. Every state change is one conditional UPDATE
 * (`WHERE state IN (…)`): the caller that changed the row is the only one that goes on.
 */
export function paymentRepository(db: Kysely<Database>): PaymentRepository {
  const select = () => db.selectFrom('payment_transactions').selectAll();

  return {
    async create(tx, now) {
      const at = now.toISOString();
      // ON CONFLICT DO NOTHING on the partial unique index of running transactions: a concurrent « Payer » on the
      // same payable inserts nothing (PostgreSQL names no target for a partial index here; SQLite accepts it too).
      const result = await db
        .insertInto('payment_transactions')
        .values({
          id: tx.id,
          reference: tx.reference,
          family_id: tx.familyId,
          provider: tx.provider,
          provider_ref: null,
          redirect_url: null,
          state: tx.state,
          amount_cents: tx.amountCents,
          carried_cents: tx.carriedCents,
          purpose: tx.purpose,
          payable_key: tx.payableKey,
          checkout_id: tx.checkoutId,
          checkout_position: tx.checkoutPosition,
          basket_id: tx.basketId,
          email: tx.email,
          created_by: tx.createdBy,
          created_at: at,
          updated_at: at,
          expires_at: tx.expiresAt,
          settled_at: null,
          result_code: null,
          result_detail: null,
          receipt_number: null,
          receipt_sent_at: null,
          last_polled_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async addLines(transactionId, lines) {
      const rows = lines.map((line, index) => ({
        id: randomUUID(),
        transaction_id: transactionId,
        position: index + 1,
        kind: line.kind,
        payable_id: line.payableId,
        child_id: line.childId,
        child_first_name: line.childFirstName,
        activity_id: line.activityId,
        activity_name: line.activityName,
        activity_kind: line.activityKind,
        day: line.day,
        action: line.action,
        unit_price_cents: line.unitPriceCents,
        amount_cents: line.amountCents,
        price_label: line.priceLabel,
        held: line.held ? 1 : 0,
        outcome: null,
      }));
      for (let i = 0; i < rows.length; i += 200) await db.insertInto('payment_lines').values(rows.slice(i, i + 200)).execute();
    },

    async find(id) {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row ? toTransaction(row) : null;
    },

    async findByReference(reference) {
      const row = await select().where('reference', '=', reference).executeTakeFirst();
      return row ? toTransaction(row) : null;
    },

    async findByProviderRef(provider, providerRef) {
      const row = await select().where('provider', '=', provider).where('provider_ref', '=', providerRef).executeTakeFirst();
      return row ? toTransaction(row) : null;
    },

    async findRunning(payableKey) {
      const row = await select().where('payable_key', '=', payableKey).where('state', 'in', RUNNING).executeTakeFirst();
      return row ? toTransaction(row) : null;
    },

    async runningForFamily(familyId) {
      const rows = await select().where('family_id', '=', familyId).where('state', 'in', RUNNING).orderBy('created_at').orderBy('id').execute();
      return rows.map(toTransaction);
    },

    async lines(transactionId) {
      const rows = await db.selectFrom('payment_lines').selectAll().where('transaction_id', '=', transactionId).orderBy('position').execute();
      return rows.map(toLine);
    },

    async checkout(checkoutId) {
      const rows = await select().where('checkout_id', '=', checkoutId).orderBy('checkout_position').execute();
      return rows.map(toTransaction);
    },

    async transition(id, from, to, details) {
      const at = details.now.toISOString();
      const result = await db
        .updateTable('payment_transactions')
        .set({
          state: to,
          updated_at: at,
          ...(details.resultCode !== undefined ? { result_code: details.resultCode } : {}),
          ...(details.resultDetail !== undefined ? { result_detail: details.resultDetail } : {}),
          ...(details.settled ? { settled_at: at } : {}),
        })
        .where('id', '=', id)
        .where('state', 'in', [...from])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async attachProvider(id, providerRef, redirectUrl, now) {
      const result = await db
        .updateTable('payment_transactions')
        .set({ provider_ref: providerRef, redirect_url: redirectUrl, state: 'waiting', updated_at: now.toISOString() })
        .where('id', '=', id)
        .where('state', 'in', RUNNING)
        .where((eb) => eb.or([eb('provider_ref', 'is', null), eb('provider_ref', '=', providerRef)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async setLineOutcome(lineId, outcome) {
      await db.updateTable('payment_lines').set({ outcome }).where('id', '=', lineId).execute();
    },

    async setReceiptNumber(id, receiptNumber) {
      await db.updateTable('payment_transactions').set({ receipt_number: receiptNumber }).where('id', '=', id).execute();
    },

    async claimReceipt(id, now) {
      const result = await db
        .updateTable('payment_transactions')
        .set({ receipt_sent_at: now.toISOString() })
        .where('id', '=', id)
        .where('state', '=', 'paid')
        .where('receipt_sent_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async releaseReceipt(id) {
      await db.updateTable('payment_transactions').set({ receipt_sent_at: null }).where('id', '=', id).execute();
    },

    async unsentReceipts(limit) {
      const rows = await select().where('state', '=', 'paid').where('receipt_sent_at', 'is', null).orderBy('settled_at').limit(limit).execute();
      return rows.map(toTransaction);
    },

    async running(limit) {
      const rows = await select().where('state', 'in', RUNNING).orderBy('created_at').orderBy('id').limit(limit).execute();
      return rows.map(toTransaction);
    },

    async markPolled(id, now) {
      await db.updateTable('payment_transactions').set({ last_polled_at: now.toISOString() }).where('id', '=', id).execute();
    },

    async hasEvent(provider, key) {
      const row = await db.selectFrom('payment_events').select('id').where('provider', '=', provider).where('event_key', '=', key).executeTakeFirst();
      return row !== undefined;
    },

    async recordEvent(event, now) {
      const result = await db
        .insertInto('payment_events')
        .values({
          id: randomUUID(),
          provider: event.provider,
          event_key: event.key.slice(0, 255),
          transaction_id: event.transactionId,
          kind: event.kind.slice(0, 100),
          payload: JSON.stringify(event.payload ?? null).slice(0, 20_000),
          received_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(['provider', 'event_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async recordAnomaly(anomaly, now) {
      const result = await db
        .insertInto('payment_anomalies')
        .values({
          id: randomUUID(),
          dedupe_key: anomaly.dedupeKey.slice(0, 500),
          provider: anomaly.provider,
          kind: anomaly.kind,
          reference: anomaly.reference?.slice(0, 255) ?? null,
          transaction_id: anomaly.transactionId,
          family_id: anomaly.familyId,
          amount_cents: anomaly.amountCents,
          expected_cents: anomaly.expectedCents,
          details: JSON.stringify(anomaly.details).slice(0, 10_000),
          created_at: now.toISOString(),
          resolved_at: null,
          resolved_by: null,
          resolution: null,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async anomalies({ resolved, limit }) {
      const rows = await db
        .selectFrom('payment_anomalies')
        .leftJoin('families', 'families.id', 'payment_anomalies.family_id')
        .selectAll('payment_anomalies')
        .select('families.name as family_name')
        .where('payment_anomalies.resolved_at', resolved ? 'is not' : 'is', null)
        .orderBy('payment_anomalies.created_at', 'desc')
        .orderBy('payment_anomalies.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        provider: row.provider,
        kind: row.kind as AnomalyKind,
        reference: row.reference,
        transactionId: row.transaction_id,
        familyId: row.family_id,
        familyName: row.family_name ?? null,
        amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
        expectedCents: row.expected_cents === null ? null : Number(row.expected_cents),
        details: JSON.parse(row.details) as Record<string, unknown>,
        createdAt: row.created_at,
        resolvedAt: row.resolved_at,
        resolvedBy: row.resolved_by,
        resolution: row.resolution,
      }));
    },

    async resolveAnomaly(id, by, resolution, now) {
      const result = await db
        .updateTable('payment_anomalies')
        .set({ resolved_at: now.toISOString(), resolved_by: by, resolution })
        .where('id', '=', id)
        .where('resolved_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    nextNumber: (series) => nextCounterValue(db, series),

    async familyTransactions(familyId, limit) {
      const rows = await select().where('family_id', '=', familyId).orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
      return rows.map(toTransaction);
    },
  };
}

/** For tests and staff tools: how many rows a table holds. */
export async function countRows(db: Kysely<Database>, table: 'payment_transactions' | 'payment_anomalies' | 'payment_events'): Promise<number> {
  const row = await db.selectFrom(table).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
