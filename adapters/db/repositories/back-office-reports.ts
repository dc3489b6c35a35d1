/** Reads for the exports and the dashboard, and the back office's repositories bundled for the store. */
import type { Kysely } from 'kysely';
import type { AttendanceStatus, BackOfficeRepositories, DashboardRepository, ExportRepository, WaitingRow } from '../../../core/backoffice/ports';
import type { Database } from '../schema';
import { activationTokenRepository } from './activation-tokens';
import { attendanceRepository, mealRepository, staffSiteRepository } from './back-office-attendance';
import { familyAdminRepository, loadFamilies, parentAccountRepository } from './back-office-families';

export function exportRepository(db: Kysely<Database>): ExportRepository {
  return {
    async families() {
      const ids = await db.selectFrom('families').select('id').orderBy('name').orderBy('file_number').execute();
      return loadFamilies(db, ids.map((r) => r.id));
    },

    async bookings(from, to, siteIds) {
      if (siteIds && siteIds.length === 0) return [];
      let query = db
        .selectFrom('bookings')
        .innerJoin('activities', 'activities.id', 'bookings.activity_id')
        .innerJoin('sites', 'sites.id', 'activities.site_id')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .innerJoin('families', 'families.id', 'children.family_id')
        .select([
          'bookings.day', 'sites.name as site_name', 'activities.name as activity_name', 'families.file_number', 'families.name as family_name',
          'children.first_name', 'children.last_name', 'children.school_level', 'bookings.status', 'bookings.unit_price_cents',
        ])
        .where('bookings.day', '>=', from)
        .where('bookings.day', '<=', to);
      if (siteIds) query = query.where('activities.site_id', 'in', [...siteIds]);
      const rows = await query
        .orderBy('bookings.day')
        .orderBy('sites.name')
        .orderBy('activities.name')
        .orderBy('children.last_name')
        .orderBy('children.first_name')
        .orderBy('bookings.id')
        .execute();
      return rows.map((r) => ({
        day: r.day,
        siteName: r.site_name,
        activityName: r.activity_name,
        fileNumber: r.file_number,
        familyName: r.family_name,
        childFirstName: r.first_name,
        childLastName: r.last_name,
        level: r.school_level,
        status: r.status,
        unitPriceCents: Number(r.unit_price_cents),
      }));
    },

    async attendance(from, to, siteIds) {
      if (siteIds && siteIds.length === 0) return [];
      let query = db
        .selectFrom('attendance')
        .innerJoin('activities', 'activities.id', 'attendance.activity_id')
        .innerJoin('sites', 'sites.id', 'activities.site_id')
        .innerJoin('children', 'children.id', 'attendance.child_id')
        .innerJoin('families', 'families.id', 'children.family_id')
        .select([
          'attendance.day', 'sites.name as site_name', 'activities.name as activity_name', 'families.file_number', 'children.first_name',
          'children.last_name', 'children.school_level', 'attendance.status', 'attendance.justified', 'attendance.marked_at',
        ])
        .where('attendance.day', '>=', from)
        .where('attendance.day', '<=', to);
      if (siteIds) query = query.where('activities.site_id', 'in', [...siteIds]);
      const rows = await query
        .orderBy('attendance.day')
        .orderBy('sites.name')
        .orderBy('activities.name')
        .orderBy('children.last_name')
        .orderBy('children.first_name')
        .orderBy('attendance.id')
        .execute();
      return rows.map((r) => ({
        day: r.day,
        siteName: r.site_name,
        activityName: r.activity_name,
        fileNumber: r.file_number,
        childFirstName: r.first_name,
        childLastName: r.last_name,
        level: r.school_level,
        status: r.status as AttendanceStatus,
        justified: Number(r.justified) === 1,
        markedAt: r.marked_at,
      }));
    },
  };
}

export function dashboardRepository(db: Kysely<Database>): DashboardRepository {
  return {
    async waiting(from, siteIds) {
      if (siteIds && siteIds.length === 0) return [];
      let days = db
        .selectFrom('bookings')
        .innerJoin('activities', 'activities.id', 'bookings.activity_id')
        .select((eb) => ['bookings.activity_id', eb.fn.countAll<number | string>().as('n')])
        .where('bookings.status', '=', 'waiting')
        .where('bookings.day', '>=', from)
        .groupBy('bookings.activity_id');
      let enrolments = db
        .selectFrom('enrolments')
        .innerJoin('activities', 'activities.id', 'enrolments.activity_id')
        .select((eb) => ['enrolments.activity_id', eb.fn.countAll<number | string>().as('n')])
        .where('enrolments.status', '=', 'waiting')
        .groupBy('enrolments.activity_id');
      if (siteIds) {
        days = days.where('activities.site_id', 'in', [...siteIds]);
        enrolments = enrolments.where('activities.site_id', 'in', [...siteIds]);
      }
      const [dayRows, enrolmentRows] = await Promise.all([days.execute(), enrolments.execute()]);
      const ids = [...new Set([...dayRows, ...enrolmentRows].map((r) => r.activity_id))];
      if (ids.length === 0) return [];
      const activities = await db
        .selectFrom('activities')
        .innerJoin('sites', 'sites.id', 'activities.site_id')
        .select(['activities.id', 'activities.name', 'sites.id as site_id', 'sites.name as site_name'])
        .where('activities.id', 'in', ids)
        .execute();
      const rows: WaitingRow[] = activities.map((a) => ({
        activityId: a.id,
        activityName: a.name,
        siteId: a.site_id,
        siteName: a.site_name,
        waitingDays: Number(dayRows.find((r) => r.activity_id === a.id)?.n ?? 0),
        waitingEnrolments: Number(enrolmentRows.find((r) => r.activity_id === a.id)?.n ?? 0),
      }));
      return rows.sort((a, b) => a.siteName.localeCompare(b.siteName, 'fr') || a.activityName.localeCompare(b.activityName, 'fr'));
    },
  };
}

/** The back office's own repositories (the store adds planning, users, sessions and audit). */
export function backOfficeRepositories(db: Kysely<Database>): Omit<BackOfficeRepositories, 'planning' | 'users' | 'sessions' | 'audit'> {
  return {
    families: familyAdminRepository(db),
    accounts: parentAccountRepository(db),
    activation: activationTokenRepository(db),
    staffSites: staffSiteRepository(db),
    attendance: attendanceRepository(db),
    meals: mealRepository(db),
    exports: exportRepository(db),
    dashboard: dashboardRepository(db),
  };
}
