import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { ActivityKind, BasketAction, BillingMode, ConfirmationReport } from '../../../core/booking/model';
import type { BasketLineRecord, BasketRecord, BasketRepository, BasketStatus } from '../../../core/booking/ports';
import type { BasketTable, Database } from '../schema';

function toBasket(row: BasketTable): BasketRecord {
  return {
    id: row.id,
    familyId: row.family_id,
    status: row.status as BasketStatus,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    linesSince: row.lines_since,
    reminderSentAt: row.reminder_sent_at,
  };
}

function parseReport(text: string): ConfirmationReport {
  return JSON.parse(text) as ConfirmationReport;
}

/** Baskets (one open per family: partial unique index), their lines, and Terminer's reports. */
export function basketRepository(db: Kysely<Database>): BasketRepository {
  return {
    async findOpen(familyId) {
      const row = await db.selectFrom('baskets').selectAll().where('family_id', '=', familyId).where('status', '=', 'open').executeTakeFirst();
      return row ? toBasket(row) : null;
    },

    async find(familyId, basketId) {
      const row = await db.selectFrom('baskets').selectAll().where('id', '=', basketId).where('family_id', '=', familyId).executeTakeFirst();
      return row ? toBasket(row) : null;
    },

    async openFor(familyId, now, expiresAt) {
      const existing = await this.findOpen(familyId);
      if (existing) return existing;
      const at = now.toISOString();
      // Two first saves at once: the unique index on open baskets lets one insert win; the other does nothing.
      await db
        .insertInto('baskets')
        .values({ id: randomUUID(), family_id: familyId, status: 'open', version: 0, created_at: at, updated_at: at, expires_at: expiresAt, lines_since: null, reminder_sent_at: null })
        .onConflict((oc) => oc.column('family_id').where(sql.raw<SqlBool>(`status = 'open'`)).doNothing())
        .execute();
      const created = await this.findOpen(familyId);
      if (!created) throw new Error(`no open basket for family ${familyId} after creating one`);
      return created;
    },

    async lines(basketId) {
      const rows = await db
        .selectFrom('basket_lines')
        .innerJoin('children', 'children.id', 'basket_lines.child_id')
        .innerJoin('activities', 'activities.id', 'basket_lines.activity_id')
        .select([
          'basket_lines.id', 'basket_lines.basket_id', 'basket_lines.child_id', 'children.first_name', 'basket_lines.activity_id',
          'activities.name as activity_name', 'activities.kind', 'basket_lines.day', 'basket_lines.action', 'basket_lines.billing_mode',
          'basket_lines.unit_price_cents', 'basket_lines.price_label', 'basket_lines.amount_cents', 'basket_lines.created_at',
        ])
        .where('basket_lines.basket_id', '=', basketId)
        .orderBy('basket_lines.day')
        .orderBy('children.first_name')
        .orderBy('activities.name')
        .orderBy('basket_lines.id')
        .execute();
      return rows.map((r): BasketLineRecord => ({
        id: r.id,
        basketId: r.basket_id,
        childId: r.child_id,
        childFirstName: r.first_name,
        activityId: r.activity_id,
        activityName: r.activity_name,
        activityKind: r.kind as ActivityKind,
        day: r.day,
        action: r.action as BasketAction,
        billingMode: r.billing_mode as BillingMode,
        unitPriceCents: Number(r.unit_price_cents),
        priceLabel: r.price_label,
        amountCents: Number(r.amount_cents),
        createdAt: r.created_at,
      }));
    },

    async bump(basketId, expected, now) {
      let query = db
        .updateTable('baskets')
        .set((eb) => ({ version: eb('version', '+', 1), updated_at: now.toISOString() }))
        .where('id', '=', basketId)
        .where('status', '=', 'open');
      if (expected !== null) query = query.where('version', '=', expected);
      const result = await query.executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return null;
      const row = await db.selectFrom('baskets').select('version').where('id', '=', basketId).executeTakeFirstOrThrow();
      return Number(row.version);
    },

    async replaceLines(basketId, childId, scope, lines, now) {
      // Deleted per activity, on the days of the scope (chunked: a month of a dozen activities stays small).
      const byActivity = new Map<string, string[]>();
      for (const cell of scope) byActivity.set(cell.activityId, [...(byActivity.get(cell.activityId) ?? []), cell.day]);
      for (const [activityId, days] of byActivity) {
        for (let i = 0; i < days.length; i += 500) {
          await db
            .deleteFrom('basket_lines')
            .where('basket_id', '=', basketId)
            .where('child_id', '=', childId)
            .where('activity_id', '=', activityId)
            .where('day', 'in', days.slice(i, i + 500))
            .execute();
        }
      }
      const at = now.toISOString();
      const rows = lines.map((line) => ({
        id: randomUUID(),
        basket_id: basketId,
        child_id: line.childId,
        activity_id: line.activityId,
        day: line.day,
        action: line.action,
        billing_mode: line.billingMode,
        unit_price_cents: line.unitPriceCents,
        price_label: line.priceLabel,
        amount_cents: line.amountCents,
        created_at: at,
      }));
      for (let i = 0; i < rows.length; i += 200) await db.insertInto('basket_lines').values(rows.slice(i, i + 200)).execute();
    },

    async deleteLines(basketId, lineIds) {
      let deleted = 0;
      for (let i = 0; i < lineIds.length; i += 500) {
        const result = await db.deleteFrom('basket_lines').where('basket_id', '=', basketId).where('id', 'in', lineIds.slice(i, i + 500)).executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      }
      return deleted;
    },

    async settle(basketId, now, expiresAt, statusWhenEmpty) {
      const row = await db
        .selectFrom('basket_lines')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('basket_id', '=', basketId)
        .executeTakeFirstOrThrow();
      const count = Number(row.n);
      const at = now.toISOString();
      await db
        .updateTable('baskets')
        .set(
          count > 0
            ? (eb) => ({ lines_since: eb.fn.coalesce('lines_since', eb.val(at)), expires_at: expiresAt, updated_at: at })
            : { lines_since: null, reminder_sent_at: null, expires_at: expiresAt, updated_at: at, status: statusWhenEmpty },
        )
        .where('id', '=', basketId)
        .execute();
      return count;
    },

    async saveReport({ familyId, basketId, basketVersion, report }) {
      await db
        .insertInto('confirmation_reports')
        .values({ id: report.id, family_id: familyId, basket_id: basketId, basket_version: basketVersion, report: JSON.stringify(report), created_at: report.confirmedAt })
        .execute();
    },

    async findReport(basketId, basketVersion) {
      const row = await db
        .selectFrom('confirmation_reports')
        .select('report')
        .where('basket_id', '=', basketId)
        .where('basket_version', '=', basketVersion)
        .executeTakeFirst();
      return row ? parseReport(row.report) : null;
    },

    async findReportById(familyId, reportId) {
      const row = await db
        .selectFrom('confirmation_reports')
        .select('report')
        .where('id', '=', reportId)
        .where('family_id', '=', familyId)
        .executeTakeFirst();
      return row ? parseReport(row.report) : null;
    },

    async dueForReminder(linesBefore, limit) {
      const rows = await db
        .selectFrom('baskets')
        .selectAll()
        .where('status', '=', 'open')
        .where('lines_since', '<=', linesBefore)
        .where('reminder_sent_at', 'is', null)
        .orderBy('lines_since')
        .limit(limit)
        .execute();
      return rows.map(toBasket);
    },

    async claimReminder(basketId, linesBefore, now) {
      const result = await db
        .updateTable('baskets')
        .set({ reminder_sent_at: now.toISOString() })
        .where('id', '=', basketId)
        .where('status', '=', 'open')
        .where('lines_since', '<=', linesBefore)
        .where('reminder_sent_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async expire(now) {
      const result = await db
        .updateTable('baskets')
        .set({ status: 'expired', updated_at: now.toISOString() })
        .where('status', '=', 'open')
        .where('expires_at', '<', now.toISOString())
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
