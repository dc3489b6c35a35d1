import type { Kysely } from 'kysely';
import { parseDeadlineRule, parseWeekdays } from '../../../core/booking/activity';
import type { ActivityKind, BillingMode } from '../../../core/booking/model';
import type { ActivityPeriod } from '../../../core/calendar';
import { parseRequiredDocuments } from '../../../core/documents/kinds';
import type { EnrolmentMode } from '../../../core/enrolments/model';
import type { SchoolLevel, SiteKind, StoredActivity } from '../../../core/referential/model';
import type { ReferentialRepository } from '../../../core/referential/ports';
import type { Database } from '../schema';

/** Sites and their classes, school years, closure days and activities as the back office edits them. */
export function referentialRepository(db: Kysely<Database>): ReferentialRepository {
  const activityQuery = () =>
    db
      .selectFrom('activities')
      .innerJoin('sites', 'sites.id', 'activities.site_id')
      .selectAll('activities')
      .select('sites.name as site_name');
  type Row = Awaited<ReturnType<ReturnType<typeof activityQuery>['executeTakeFirstOrThrow']>>;
  const toActivity = (row: Row): StoredActivity => ({
    id: row.id,
    name: row.name,
    kind: row.kind as ActivityKind,
    siteId: row.site_id,
    siteName: row.site_name,
    schoolYearId: row.school_year_id,
    weekdays: parseWeekdays(row.weekdays),
    period: row.period as ActivityPeriod,
    capacity: Number(row.capacity),
    addDeadline: parseDeadlineRule(row.add_deadline),
    cancelDeadline: parseDeadlineRule(row.cancel_deadline),
    billingMode: row.billing_mode as BillingMode,
    waitingList: Number(row.waiting_list) === 1,
    enrolmentMode: row.enrolment_mode === 'automatic' ? 'automatic' : ('manual' satisfies EnrolmentMode),
    requiredDocuments: parseRequiredDocuments(row.required_documents),
  });
  const columns = (a: Parameters<ReferentialRepository['updateActivity']>[0]) => ({
    site_id: a.siteId,
    school_year_id: a.schoolYearId,
    name: a.name,
    kind: a.kind,
    weekdays: a.weekdays.join(','),
    period: a.period,
    capacity: a.capacity,
    billing_mode: a.billingMode,
    add_deadline: JSON.stringify(a.addDeadline),
    cancel_deadline: JSON.stringify(a.cancelDeadline),
    waiting_list: a.waitingList ? 1 : 0,
    enrolment_mode: a.enrolmentMode,
    required_documents: JSON.stringify(a.requiredDocuments),
  });
  const classesOf = async (siteIds: string[]) =>
    siteIds.length === 0
      ? []
      : (await db.selectFrom('site_classes').selectAll().where('site_id', 'in', siteIds).orderBy('name').execute()).map((c) => ({
          id: c.id,
          siteId: c.site_id,
          name: c.name,
          level: c.level as SchoolLevel,
        }));

  return {
    async sites() {
      const rows = await db.selectFrom('sites').selectAll().orderBy('name').execute();
      const classes = await classesOf(rows.map((r) => r.id));
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind as SiteKind,
        address: r.address,
        classes: classes.filter((c) => c.siteId === r.id),
      }));
    },

    async site(siteId) {
      const row = await db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirst();
      return row
        ? { id: row.id, name: row.name, kind: row.kind as SiteKind, address: row.address, classes: await classesOf([row.id]) }
        : null;
    },

    async insertSite(site) {
      await db.insertInto('sites').values(site).execute();
    },

    async updateSite(site) {
      const result = await db
        .updateTable('sites')
        .set({ name: site.name, kind: site.kind, address: site.address })
        .where('id', '=', site.id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertClass(c, now) {
      const taken = await db
        .selectFrom('site_classes')
        .select('id')
        .where('site_id', '=', c.siteId)
        .where('name', '=', c.name)
        .executeTakeFirst();
      if (taken) return false;
      await db
        .insertInto('site_classes')
        .values({ id: c.id, site_id: c.siteId, name: c.name, level: c.level, created_at: now.toISOString() })
        .execute();
      return true;
    },

    async deleteClass(siteId, classId) {
      const row = await db
        .selectFrom('site_classes')
        .selectAll()
        .where('id', '=', classId)
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      if (!row) return null;
      await db.deleteFrom('site_classes').where('id', '=', classId).execute();
      return { id: row.id, siteId: row.site_id, name: row.name, level: row.level as SchoolLevel };
    },

    async schoolYears() {
      const rows = await db.selectFrom('school_years').selectAll().orderBy('starts_on').execute();
      return rows.map((r) => ({ id: r.id, startsOn: r.starts_on, endsOn: r.ends_on }));
    },

    async insertSchoolYear(year) {
      if (await db.selectFrom('school_years').select('id').where('id', '=', year.id).executeTakeFirst()) return false;
      await db.insertInto('school_years').values({ id: year.id, starts_on: year.startsOn, ends_on: year.endsOn }).execute();
      return true;
    },

    async closures(siteId) {
      const rows = await db.selectFrom('closure_days').selectAll().where('site_id', '=', siteId).orderBy('day').execute();
      return rows.map((r) => ({ id: r.id, siteId: r.site_id, day: r.day, reason: r.reason }));
    },

    async insertClosure(closure) {
      if (
        await db
          .selectFrom('closure_days')
          .select('id')
          .where('site_id', '=', closure.siteId)
          .where('day', '=', closure.day)
          .executeTakeFirst()
      )
        return false;
      await db
        .insertInto('closure_days')
        .values({ id: closure.id, site_id: closure.siteId, day: closure.day, reason: closure.reason })
        .execute();
      return true;
    },

    async deleteClosure(siteId, closureId) {
      const row = await db
        .selectFrom('closure_days')
        .selectAll()
        .where('id', '=', closureId)
        .where('site_id', '=', siteId)
        .executeTakeFirst();
      if (!row) return null;
      await db.deleteFrom('closure_days').where('id', '=', closureId).execute();
      return { id: row.id, siteId: row.site_id, day: row.day, reason: row.reason };
    },

    async bookingsOn(siteId, day) {
      const rows = await db
        .selectFrom('bookings')
        .innerJoin('activities', 'activities.id', 'bookings.activity_id')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .select([
          'bookings.id',
          'bookings.child_id',
          'children.first_name',
          'children.family_id',
          'bookings.activity_id',
          'activities.name',
          'activities.billing_mode',
          'bookings.day',
          'bookings.status',
          'bookings.unit_price_cents',
        ])
        .where('activities.site_id', '=', siteId)
        .where('bookings.day', '=', day)
        .where('bookings.status', 'in', ['reserved', 'waiting'])
        // Activity then booking order: the capacity counters are locked in the order the booking rules use.
        .orderBy('bookings.activity_id')
        .orderBy('bookings.child_id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        childId: r.child_id,
        childFirstName: r.first_name,
        familyId: r.family_id,
        activityId: r.activity_id,
        activityName: r.name,
        billingMode: r.billing_mode === 'prepaid' ? 'prepaid' : 'invoice',
        day: r.day,
        status: r.status === 'waiting' ? 'waiting' : 'reserved',
        unitPriceCents: Number(r.unit_price_cents),
      }));
    },

    async activities() {
      return (
        await activityQuery().orderBy('activities.school_year_id', 'desc').orderBy('sites.name').orderBy('activities.name').execute()
      ).map(toActivity);
    },

    async activity(activityId) {
      const row = await activityQuery().where('activities.id', '=', activityId).executeTakeFirst();
      return row ? toActivity(row) : null;
    },

    async insertActivity(activity, now) {
      await db
        .insertInto('activities')
        .values({ id: activity.id, ...columns(activity), created_at: now.toISOString() })
        .execute();
    },

    async updateActivity(activity) {
      const result = await db.updateTable('activities').set(columns(activity)).where('id', '=', activity.id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async futureBookings(activityId, from) {
      const rows = await db
        .selectFrom('bookings')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .select(['bookings.day', 'children.family_id'])
        .where('bookings.activity_id', '=', activityId)
        .where('bookings.status', '=', 'reserved')
        .where('bookings.day', '>=', from)
        .orderBy('bookings.day')
        .execute();
      const byDay = new Map<string, { day: string; reserved: number; familyIds: Set<string> }>();
      for (const row of rows) {
        const entry = byDay.get(row.day) ?? { day: row.day, reserved: 0, familyIds: new Set<string>() };
        entry.reserved += 1;
        entry.familyIds.add(row.family_id);
        byDay.set(row.day, entry);
      }
      return [...byDay.values()].map((d) => ({ day: d.day, reserved: d.reserved, familyIds: [...d.familyIds] }));
    },
  };
}
