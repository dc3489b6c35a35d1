import type { Kysely, Selectable } from 'kysely';
import type { DemoBankSession, DemoBankStatus, DemoBankStore } from '../../payment/demo';
import type { Database } from '../schema';
import type { DemoBankSessionTable } from '../schema-payments';

function toSession(row: Selectable<DemoBankSessionTable>): DemoBankSession {
  return {
    id: row.id,
    reference: row.reference,
    amountCents: Number(row.amount_cents),
    description: row.description,
    returnUrl: row.return_url,
    notifyUrl: row.notify_url,
    status: row.status as DemoBankStatus,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
  };
}

/** The demo bank's sessions (PAYMENT_PROVIDER=demo), in the database so that several processes agree. */
export function demoBankStore(db: Kysely<Database>): DemoBankStore {
  return {
    async open(session) {
      await db
        .insertInto('demo_bank_sessions')
        .values({
          id: session.id,
          reference: session.reference,
          amount_cents: session.amountCents,
          description: session.description,
          return_url: session.returnUrl,
          notify_url: session.notifyUrl,
          status: session.status,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          decided_at: null,
        })
        .onConflict((oc) => oc.column('reference').doNothing())
        .execute();
      const row = await db.selectFrom('demo_bank_sessions').selectAll().where('reference', '=', session.reference).executeTakeFirstOrThrow();
      return toSession(row);
    },

    async find(id) {
      const row = await db.selectFrom('demo_bank_sessions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSession(row) : null;
    },

    async decide(id, status, now) {
      const result = await db
        .updateTable('demo_bank_sessions')
        .set({ status, decided_at: now.toISOString() })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
