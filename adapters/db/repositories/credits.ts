import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CreditRepository } from '../../../core/payments/ports';
import type { Database } from '../schema';

/**
 * The family's balance (credit positive, Restant dû negative) as one row per family moved only by UPDATE … SET
 * balance = balance + x (conditional on the expected balance when asked), with one movement row per change: the
 * history explains the balance line by line.
 */
export function creditRepository(db: Kysely<Database>): CreditRepository {
  return {
    async balance(familyId) {
      const row = await db.selectFrom('family_balances').select('balance_cents').where('family_id', '=', familyId).executeTakeFirst();
      return row ? Number(row.balance_cents) : 0;
    },

    async move(input, now) {
      const at = now.toISOString();
      await db
        .insertInto('family_balances')
        .values({ family_id: input.familyId, balance_cents: 0, updated_at: at })
        .onConflict((oc) => oc.column('family_id').doNothing())
        .execute();
      let update = db
        .updateTable('family_balances')
        .set((eb) => ({ balance_cents: eb('balance_cents', '+', input.amountCents), updated_at: at }))
        .where('family_id', '=', input.familyId);
      if (input.expectedBalance !== undefined) update = update.where('balance_cents', '=', input.expectedBalance);
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await db
        .insertInto('family_credits')
        .values({
          id: randomUUID(),
          family_id: input.familyId,
          amount_cents: input.amountCents,
          kind: input.kind,
          label: input.label.slice(0, 500),
          transaction_id: input.transactionId,
          created_at: at,
        })
        .execute();
      return true;
    },

    async movements(familyId, limit) {
      const rows = await db
        .selectFrom('family_credits')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        familyId: row.family_id,
        amountCents: Number(row.amount_cents),
        kind: row.kind,
        label: row.label,
        transactionId: row.transaction_id,
        createdAt: row.created_at,
      }));
    },
  };
}
