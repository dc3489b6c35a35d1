import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { endOfMonth, type PlainDate } from '../../../core/calendar';
import type { PriceGridRecord } from '../../../core/booking/ports';
import type { PriceRules } from '../../../core/pricing/grid';
import type { GridActivity, PriceGridRepository, StoredGrid } from '../../../core/pricing/grid-editor';
import type { Database } from '../schema';

/** The rules column (JSON text) as core/pricing reads it; anything unreadable counts as no rule. */
export function parseRules(text: string | null | undefined): Partial<PriceRules> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<PriceRules>) : {};
  } catch {
    return {};
  }
}

/** Price grids and their brackets, for the staff editor (the planning reads them through planningRepository). */
export function priceGridRepository(db: Kysely<Database>): PriceGridRepository {
  async function load(activityIds?: string[]): Promise<GridActivity[]> {
    let query = db
      .selectFrom('activities')
      .innerJoin('sites', 'sites.id', 'activities.site_id')
      .innerJoin('school_years', 'school_years.id', 'activities.school_year_id')
      .select([
        'activities.id',
        'activities.name',
        'activities.kind',
        'activities.billing_mode',
        'activities.school_year_id',
        'sites.name as site_name',
        'school_years.starts_on',
        'school_years.ends_on',
      ]);
    if (activityIds) query = query.where('activities.id', 'in', activityIds);
    const activities = await query.orderBy('school_years.starts_on', 'desc').orderBy('sites.name').orderBy('activities.name').execute();
    if (activities.length === 0) return [];
    const grids = await db
      .selectFrom('price_grids')
      .selectAll()
      .where(
        'activity_id',
        'in',
        activities.map((a) => a.id),
      )
      .orderBy('effective_from')
      .execute();
    const brackets = grids.length
      ? await db
          .selectFrom('price_brackets')
          .selectAll()
          .where(
            'price_grid_id',
            'in',
            grids.map((g) => g.id),
          )
          .orderBy('rank')
          .execute()
      : [];
    return activities.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      siteName: a.site_name,
      schoolYearId: a.school_year_id,
      schoolYearStartsOn: a.starts_on,
      schoolYearEndsOn: a.ends_on,
      billingMode: a.billing_mode,
      grids: grids
        .filter((g) => g.activity_id === a.id)
        .map((g): StoredGrid => ({
          id: g.id,
          activityId: g.activity_id,
          schoolYearId: g.school_year_id,
          effectiveFrom: g.effective_from,
          source: g.source,
          updatedAt: g.updated_at ?? null,
          updatedBy: g.updated_by ?? null,
          nonResidentCents: Number(g.non_resident_cents),
          missingQfCents: Number(g.missing_qf_cents),
          rules: parseRules(g.rules),
          brackets: bracketsOf(brackets, g.id),
        })),
    }));
  }

  return {
    activities: () => load(),

    async activity(activityId) {
      return (await load([activityId]))[0] ?? null;
    },

    async lastInvoicedDay(activityId) {
      const row = await db
        .selectFrom('invoice_lines')
        .innerJoin('invoices', 'invoices.id', 'invoice_lines.invoice_id')
        .select((eb) => eb.fn.max('invoices.month').as('month'))
        .where('invoice_lines.activity_id', '=', activityId)
        .executeTakeFirst();
      return row?.month ? endOfMonth(`${row.month}-01` as PlainDate) : null;
    },

    async impact(activityId, from, until) {
      let query = db
        .selectFrom('bookings')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .innerJoin('activities', 'activities.id', 'bookings.activity_id')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('bookings'),
          eb.fn.count<number | string>('children.family_id').distinct().as('families'),
          sql<number | string>`sum(case when activities.billing_mode = 'prepaid' then 1 else 0 end)`.as('prepaid'),
        ])
        .where('bookings.activity_id', '=', activityId)
        .where('bookings.status', '=', 'reserved')
        .where('bookings.day', '>=', from);
      if (until) query = query.where('bookings.day', '<=', until);
      const row = await query.executeTakeFirstOrThrow();
      return { bookings: Number(row.bookings), families: Number(row.families), prepaid: Number(row.prepaid ?? 0) };
    },

    async save(input, now) {
      const at = now.toISOString();
      const existing = await db
        .selectFrom('price_grids')
        .select('id')
        .where('activity_id', '=', input.activityId)
        .where('effective_from', '=', input.effectiveFrom)
        .executeTakeFirst();
      const rules = JSON.stringify(input.grid.rules ?? {});
      let id: string;
      if (existing) {
        id = existing.id;
        await db
          .updateTable('price_grids')
          .set({
            non_resident_cents: input.grid.nonResidentCents,
            missing_qf_cents: input.grid.missingQfCents,
            source: input.source,
            rules,
            updated_at: at,
            updated_by: input.by,
          })
          .where('id', '=', id)
          .execute();
        await db.deleteFrom('price_brackets').where('price_grid_id', '=', id).execute();
      } else {
        id = randomUUID();
        await db
          .insertInto('price_grids')
          .values({
            id,
            activity_id: input.activityId,
            school_year_id: input.schoolYearId,
            effective_from: input.effectiveFrom,
            source: input.source,
            non_resident_cents: input.grid.nonResidentCents,
            missing_qf_cents: input.grid.missingQfCents,
            created_at: at,
            rules,
            updated_at: at,
            updated_by: input.by,
          })
          .execute();
      }
      await db
        .insertInto('price_brackets')
        .values(
          input.grid.brackets.map((b) => ({
            id: randomUUID(),
            price_grid_id: id,
            rank: b.rank,
            qf_min: b.qfMin,
            qf_max: b.qfMax,
            unit_price_cents: b.unitPriceCents,
            pai_cents: b.paiCents ?? null,
          })),
        )
        .execute();
      return id;
    },
  };
}

/**
 * The grids of these activities as the planning prices with them (PlanningRepository.priceGrids): brackets with their
 * PAI price and the rules (sibling reduction, tarif majoré, PAI, absence penalty).
 */
export async function loadPriceGridRecords(db: Kysely<Database>, activityIds: readonly string[]): Promise<PriceGridRecord[]> {
  if (activityIds.length === 0) return [];
  const grids = await db
    .selectFrom('price_grids')
    .select(['id', 'activity_id', 'effective_from', 'non_resident_cents', 'missing_qf_cents', 'rules'])
    .where('activity_id', 'in', [...activityIds])
    .execute();
  if (grids.length === 0) return [];
  const brackets = await db
    .selectFrom('price_brackets')
    .select(['price_grid_id', 'rank', 'qf_min', 'qf_max', 'unit_price_cents', 'pai_cents'])
    .where(
      'price_grid_id',
      'in',
      grids.map((g) => g.id),
    )
    .orderBy('rank')
    .execute();
  return grids.map((g): PriceGridRecord => ({
    id: g.id,
    activityId: g.activity_id,
    effectiveFrom: g.effective_from,
    nonResidentCents: Number(g.non_resident_cents),
    missingQfCents: Number(g.missing_qf_cents),
    rules: parseRules(g.rules),
    brackets: bracketsOf(brackets, g.id),
  }));
}

/** A grid's brackets as the pricing rules read them (PostgreSQL may hand back numeric columns as strings). */
function bracketsOf(
  rows: readonly {
    price_grid_id: string;
    rank: number;
    qf_min: number;
    qf_max: number | null;
    unit_price_cents: number;
    pai_cents?: number | null;
  }[],
  gridId: string,
) {
  return rows
    .filter((b) => b.price_grid_id === gridId)
    .map((b) => ({
      rank: Number(b.rank),
      qfMin: Number(b.qf_min),
      qfMax: b.qf_max === null ? null : Number(b.qf_max),
      unitPriceCents: Number(b.unit_price_cents),
      paiCents: b.pai_cents === null || b.pai_cents === undefined ? null : Number(b.pai_cents),
    }));
}
