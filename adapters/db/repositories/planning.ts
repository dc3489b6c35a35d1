import { sql, type Kysely } from 'kysely';
import { parseDeadlineRules, parseWeekdays, type ActivityRecord } from '../../../core/booking/activity';
import type { ActivityKind, BillingMode, BookingStatus } from '../../../core/booking/model';
import type { EnrolmentStatus, PlanningRepository, PriceGridRecord } from '../../../core/booking/ports';
import { schoolYearById, type ActivityPeriod } from '../../../core/calendar';
import type { Database } from '../schema';
import { loadPriceGridRecords } from './price-grids';

const KINDS: readonly ActivityKind[] = ['cantine', 'garderie_matin', 'garderie_soir', 'mercredi', 'alsh'];
const PERIODS: readonly ActivityPeriod[] = ['school', 'holidays', 'both'];

interface ActivityRow {
  id: string;
  site_id: string;
  site_name: string;
  school_year_id: string;
  starts_on: string;
  ends_on: string;
  name: string;
  kind: string;
  weekdays: string;
  period: string;
  capacity: number;
  billing_mode: string;
  add_deadline: string;
  cancel_deadline: string;
  waiting_list: number;
}

export function toActivityRecord(row: ActivityRow): ActivityRecord {
  const known = schoolYearById(row.school_year_id);
  const schoolYear = known
    ? { ...known, startsOn: row.starts_on, endsOn: row.ends_on }
    : { id: row.school_year_id, startsOn: row.starts_on, endsOn: row.ends_on, summerEndsOn: row.ends_on };
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    schoolYearId: row.school_year_id,
    schoolYear,
    name: row.name,
    kind: (KINDS as readonly string[]).includes(row.kind) ? (row.kind as ActivityKind) : 'cantine',
    weekdays: parseWeekdays(row.weekdays),
    period: (PERIODS as readonly string[]).includes(row.period) ? (row.period as ActivityPeriod) : 'school',
    capacity: Number(row.capacity),
    billingMode: (row.billing_mode === 'prepaid' ? 'prepaid' : 'invoice') satisfies BillingMode,
    deadlines: parseDeadlineRules(row.add_deadline, row.cancel_deadline),
    waitingList: Number(row.waiting_list) === 1,
  };
}

function activityQuery(db: Kysely<Database>) {
  return db
    .selectFrom('activities')
    .innerJoin('sites', 'sites.id', 'activities.site_id')
    .innerJoin('school_years', 'school_years.id', 'activities.school_year_id')
    .select([
      'activities.id',
      'activities.site_id',
      'sites.name as site_name',
      'activities.school_year_id',
      'school_years.starts_on',
      'school_years.ends_on',
      'activities.name',
      'activities.kind',
      'activities.weekdays',
      'activities.period',
      'activities.capacity',
      'activities.billing_mode',
      'activities.add_deadline',
      'activities.cancel_deadline',
      'activities.waiting_list',
    ]);
}

/** Reads of the planning (families, activities, calendars, bookings, counts). */
export function planningRepository(db: Kysely<Database>): PlanningRepository {
  return {
    async family(familyId) {
      const family = await db
        .selectFrom('families')
        .select(['id', 'name', 'email', 'resident', 'qf', 'qf_valid_until'])
        .where('id', '=', familyId)
        .executeTakeFirst();
      if (!family) return null;
      const [children, guardians] = await Promise.all([
        db
          .selectFrom('children')
          .select(['id', 'first_name'])
          .where('family_id', '=', familyId)
          .orderBy('birth_date')
          .orderBy('first_name')
          .orderBy('id')
          .execute(),
        family.email
          ? Promise.resolve([])
          : db
              .selectFrom('guardians')
              .select('email')
              .where('family_id', '=', familyId)
              .where('email', 'is not', null)
              .orderBy('id')
              .execute(),
      ]);
      const emails = family.email ? [family.email] : [...new Set(guardians.map((g) => g.email).filter((e): e is string => !!e))];
      return {
        id: family.id,
        name: family.name,
        resident: Number(family.resident) === 1,
        qf: family.qf === null ? null : Number(family.qf),
        qfValidUntil: family.qf_valid_until,
        children: children.map((c) => ({ id: c.id, firstName: c.first_name })),
        emails,
      };
    },

    async childActivities(childId) {
      const rows = await activityQuery(db)
        .leftJoin('enrolments', (join) =>
          join.onRef('enrolments.activity_id', '=', 'activities.id').on('enrolments.child_id', '=', childId),
        )
        .select('enrolments.status as enrolment')
        .where((eb) =>
          eb.or([
            eb('activities.id', 'in', eb.selectFrom('enrolments as e').select('e.activity_id').where('e.child_id', '=', childId)),
            eb('activities.id', 'in', eb.selectFrom('bookings as b').select('b.activity_id').where('b.child_id', '=', childId)),
          ]),
        )
        .execute();
      return rows.map((row) => ({ activity: toActivityRecord(row), enrolment: (row.enrolment ?? null) as EnrolmentStatus | null }));
    },

    async activities(ids) {
      if (ids.length === 0) return [];
      return (
        await activityQuery(db)
          .where('activities.id', 'in', [...ids])
          .execute()
      ).map(toActivityRecord);
    },

    async activitiesBetween(from, to, siteId) {
      let query = activityQuery(db).where('school_years.starts_on', '<=', to);
      if (siteId) query = query.where('activities.site_id', '=', siteId);
      // The summer end of holiday activities is computed, not stored: the last filter runs here.
      return (await query.execute())
        .map(toActivityRecord)
        .filter((a) => (a.period === 'school' ? a.schoolYear.endsOn : a.schoolYear.summerEndsOn) >= from);
    },

    async enrolments(childIds, activityIds) {
      if (childIds.length === 0 || activityIds.length === 0) return [];
      const rows = await db
        .selectFrom('enrolments')
        .select(['child_id', 'activity_id', 'status'])
        .where('child_id', 'in', [...childIds])
        .where('activity_id', 'in', [...activityIds])
        .execute();
      return rows.map((r) => ({ childId: r.child_id, activityId: r.activity_id, status: r.status as EnrolmentStatus }));
    },

    async priceGrids(activityIds) {
      // With the grid rules and PAI prices of migration 0003 (adapters/db/repositories/price-grids.ts).
      return loadPriceGridRecords(db, activityIds);
    },

    async closureDays(siteIds, from, to) {
      if (siteIds.length === 0) return [];
      const rows = await db
        .selectFrom('closure_days')
        .select(['site_id', 'day', 'reason'])
        .where('site_id', 'in', [...siteIds])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .orderBy('day')
        .execute();
      return rows.map((r) => ({ siteId: r.site_id, day: r.day, reason: r.reason }));
    },

    async bookings(childIds, activityIds, from, to) {
      if (childIds.length === 0 || activityIds.length === 0) return [];
      const rows = await db
        .selectFrom('bookings as b')
        .select(['b.id', 'b.child_id', 'b.activity_id', 'b.day', 'b.status', 'b.unit_price_cents', 'b.queued_at'])
        .select((eb) =>
          // Only waiting rows need their place in line: the subquery is not run for the others.
          eb
            .case()
            .when('b.status', '=', 'waiting')
            .then(
              eb
                .selectFrom('bookings as q')
                .select((q) => q.fn.countAll().as('n'))
                .whereRef('q.activity_id', '=', 'b.activity_id')
                .whereRef('q.day', '=', 'b.day')
                .where('q.status', '=', 'waiting')
                .where((q) =>
                  q.or([
                    q('q.queued_at', '<', q.ref('b.queued_at')),
                    q.and([q('q.queued_at', '=', q.ref('b.queued_at')), q('q.id', '<=', q.ref('b.id'))]),
                  ]),
                ),
            )
            .else(null)
            .end()
            .as('position'),
        )
        .where('b.child_id', 'in', [...childIds])
        .where('b.activity_id', 'in', [...activityIds])
        .where('b.day', '>=', from)
        .where('b.day', '<=', to)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        childId: r.child_id,
        activityId: r.activity_id,
        day: r.day,
        status: r.status as BookingStatus,
        unitPriceCents: Number(r.unit_price_cents),
        queuedAt: r.queued_at,
        waitingPosition: r.status === 'waiting' ? Number(r.position ?? 0) : null,
      }));
    },

    async dayCounts(activityIds, from, to) {
      if (activityIds.length === 0) return [];
      const rows = await db
        .selectFrom('bookings')
        .select(['activity_id', 'day'])
        .select([
          sql<number | string>`sum(case when status = 'reserved' then 1 else 0 end)`.as('reserved'),
          sql<number | string>`sum(case when status = 'waiting' then 1 else 0 end)`.as('waiting'),
        ])
        .where('activity_id', 'in', [...activityIds])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .where('status', 'in', ['reserved', 'waiting'])
        .groupBy(['activity_id', 'day'])
        .execute();
      return rows.map((r) => ({ activityId: r.activity_id, day: r.day, reserved: Number(r.reserved), waiting: Number(r.waiting) }));
    },
  };
}
