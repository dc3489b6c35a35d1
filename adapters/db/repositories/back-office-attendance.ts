/**
 * Attendance (marks with idempotency keys, the latest tap winning through a conditional upsert), meal snapshots
 * (inserted once per activity and day), staff ↔ site assignments. Portable: INSERT … ON CONFLICT with a WHERE on
 * the update exists on SQLite (3.24+) and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  AttendanceRecord, AttendanceRepository, AttendanceStatus, DietCounts, MealRepository, RosterChild, StaffSiteRepository,
} from '../../../core/backoffice/ports';
import { toDiet } from '../../../core/backoffice/model';
import type { AttendanceTable, Database } from '../schema';

const STATUSES: readonly AttendanceStatus[] = ['present', 'absent', 'present_unbooked'];

function toRecord(row: Selectable<AttendanceTable>): AttendanceRecord {
  return {
    id: row.id,
    childId: row.child_id,
    activityId: row.activity_id,
    day: row.day,
    status: STATUSES.includes(row.status as AttendanceStatus) ? (row.status as AttendanceStatus) : 'absent',
    justified: Number(row.justified) === 1,
    certificate:
      row.certificate_storage_key && row.certificate_file_name && row.certificate_media_type
        ? { storageKey: row.certificate_storage_key, fileName: row.certificate_file_name, mediaType: row.certificate_media_type, sizeBytes: Number(row.certificate_size_bytes ?? 0) }
        : null,
    markedAt: row.marked_at,
    markedBy: row.marked_by,
  };
}

const CHILD_COLUMNS = [
  'children.id as childId',
  'children.first_name as firstName',
  'children.last_name as lastName',
  'children.school_level as level',
  'children.diet as diet',
  'children.has_pai as hasPai',
  'children.site_id as siteId',
] as const;

function toChild(row: { childId: string; firstName: string; lastName: string; level: string; diet: string; hasPai: number; siteId: string | null }): RosterChild {
  return { ...row, hasPai: Number(row.hasPai) === 1 };
}

export function attendanceRepository(db: Kysely<Database>): AttendanceRepository {
  return {
    async booked(activityId, day) {
      const rows = await db
        .selectFrom('bookings')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .select(CHILD_COLUMNS)
        .where('bookings.activity_id', '=', activityId)
        .where('bookings.day', '=', day)
        .where('bookings.status', '=', 'reserved')
        .execute();
      return rows.map(toChild);
    },

    async marks(activityId, day) {
      const rows = await db
        .selectFrom('attendance')
        .innerJoin('children', 'children.id', 'attendance.child_id')
        .selectAll('attendance')
        .select(CHILD_COLUMNS)
        .where('attendance.activity_id', '=', activityId)
        .where('attendance.day', '=', day)
        .execute();
      return rows.map((row) => ({ ...toRecord(row), child: toChild(row) }));
    },

    async siteChildren(siteId) {
      return (await db.selectFrom('children').select(CHILD_COLUMNS).where('children.site_id', '=', siteId).execute()).map(toChild);
    },

    async child(childId) {
      const row = await db.selectFrom('children').select(CHILD_COLUMNS).where('children.id', '=', childId).executeTakeFirst();
      return row ? toChild(row) : null;
    },

    async isBooked(childId, activityId, day) {
      const row = await db
        .selectFrom('bookings')
        .select('id')
        .where('child_id', '=', childId)
        .where('activity_id', '=', activityId)
        .where('day', '=', day)
        .where('status', '=', 'reserved')
        .executeTakeFirst();
      return row !== undefined;
    },

    async recordMark(mark, now) {
      const result = await db
        .insertInto('attendance_marks')
        .values({
          idempotency_key: mark.key,
          user_id: mark.userId,
          child_id: mark.childId,
          activity_id: mark.activityId,
          day: mark.day,
          status: mark.status,
          marked_at: mark.markedAt,
          received_at: now.toISOString(),
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async upsert(mark, now) {
      const result = await db
        .insertInto('attendance')
        .values({
          id: randomUUID(),
          child_id: mark.childId,
          activity_id: mark.activityId,
          day: mark.day,
          status: mark.status,
          justified: 0,
          certificate_storage_key: null,
          certificate_file_name: null,
          certificate_media_type: null,
          certificate_size_bytes: null,
          justified_at: null,
          justified_by: null,
          marked_at: mark.markedAt,
          marked_by: mark.markedBy,
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .onConflict((oc) =>
          oc
            .columns(['child_id', 'activity_id', 'day'])
            .doUpdateSet({
              status: (eb) => eb.ref('excluded.status'),
              marked_at: (eb) => eb.ref('excluded.marked_at'),
              marked_by: (eb) => eb.ref('excluded.marked_by'),
              updated_at: (eb) => eb.ref('excluded.updated_at'),
              // A justification only makes sense on an absence.
              justified: sql<number>`case when excluded.status = 'absent' then attendance.justified else 0 end`,
            })
            .where(sql<boolean>`attendance.marked_at <= excluded.marked_at`),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async find(childId, activityId, day) {
      const row = await db
        .selectFrom('attendance')
        .selectAll()
        .where('child_id', '=', childId)
        .where('activity_id', '=', activityId)
        .where('day', '=', day)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async findById(id) {
      const row = await db.selectFrom('attendance').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async justify(id, certificate, userId, now) {
      const result = await db
        .updateTable('attendance')
        .set({
          justified: 1,
          certificate_storage_key: certificate.storageKey,
          certificate_file_name: certificate.fileName,
          certificate_media_type: certificate.mediaType,
          certificate_size_bytes: certificate.sizeBytes,
          justified_at: now.toISOString(),
          justified_by: userId,
          updated_at: now.toISOString(),
        })
        .where('id', '=', id)
        .where('status', '=', 'absent')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}

export function mealRepository(db: Kysely<Database>): MealRepository {
  return {
    async snapshots(activityIds, from, to) {
      if (activityIds.length === 0) return [];
      const rows = await db
        .selectFrom('meal_snapshots')
        .selectAll()
        .where('activity_id', 'in', [...activityIds])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .execute();
      return rows.map((r) => ({
        activityId: r.activity_id,
        day: r.day,
        frozenAt: r.frozen_at,
        deadlineAt: r.deadline_at,
        standard: Number(r.standard),
        sans_porc: Number(r.sans_porc),
        vegetarien: Number(r.vegetarien),
        pai: Number(r.pai),
        total: Number(r.total),
      }));
    },

    async booked(activityIds, from, to) {
      if (activityIds.length === 0) return [];
      const rows = await db
        .selectFrom('bookings')
        .innerJoin('children', 'children.id', 'bookings.child_id')
        .select((eb) => ['bookings.activity_id', 'bookings.day', 'children.diet', 'children.has_pai', eb.fn.countAll<number | string>().as('n')])
        .where('bookings.activity_id', 'in', [...activityIds])
        .where('bookings.day', '>=', from)
        .where('bookings.day', '<=', to)
        .where('bookings.status', '=', 'reserved')
        .groupBy(['bookings.activity_id', 'bookings.day', 'children.diet', 'children.has_pai'])
        .execute();
      const out = new Map<string, DietCounts & { activityId: string; day: string }>();
      for (const row of rows) {
        const key = `${row.activity_id}|${row.day}`;
        let counts = out.get(key);
        if (!counts) {
          counts = { activityId: row.activity_id, day: row.day, standard: 0, sans_porc: 0, vegetarien: 0, pai: 0, total: 0 };
          out.set(key, counts);
        }
        const n = Number(row.n);
        counts[toDiet(row.diet)] += n;
        if (Number(row.has_pai) === 1) counts.pai += n;
        counts.total += n;
      }
      return [...out.values()];
    },

    async present(activityIds, from, to) {
      if (activityIds.length === 0) return [];
      const rows = await db
        .selectFrom('attendance')
        .select((eb) => [
          'activity_id',
          'day',
          eb.fn.sum<number | string>(sql`case when status in ('present', 'present_unbooked') then 1 else 0 end`).as('present'),
          eb.fn.countAll<number | string>().as('marked'),
        ])
        .where('activity_id', 'in', [...activityIds])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy(['activity_id', 'day'])
        .execute();
      return rows.map((r) => ({ activityId: r.activity_id, day: r.day, present: Number(r.present ?? 0), marked: Number(r.marked) }));
    },

    async saveSnapshot(s) {
      const result = await db
        .insertInto('meal_snapshots')
        .values({
          activity_id: s.activityId,
          day: s.day,
          frozen_at: s.frozenAt,
          deadline_at: s.deadlineAt,
          standard: s.standard,
          sans_porc: s.sans_porc,
          vegetarien: s.vegetarien,
          pai: s.pai,
          total: s.total,
        })
        .onConflict((oc) => oc.columns(['activity_id', 'day']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
  };
}

export function staffSiteRepository(db: Kysely<Database>): StaffSiteRepository {
  return {
    async sitesOf(userId) {
      return (await db.selectFrom('staff_sites').select('site_id').where('user_id', '=', userId).orderBy('site_id').execute()).map((r) => r.site_id);
    },
    async all() {
      return (await db.selectFrom('staff_sites').select(['user_id', 'site_id']).orderBy('user_id').orderBy('site_id').execute()).map((r) => ({ userId: r.user_id, siteId: r.site_id }));
    },
    async replace(userId, siteIds, now) {
      await db.deleteFrom('staff_sites').where('user_id', '=', userId).execute();
      if (siteIds.length > 0) {
        await db
          .insertInto('staff_sites')
          .values(siteIds.map((siteId) => ({ user_id: userId, site_id: siteId, created_at: now.toISOString() })))
          .execute();
      }
    },
  };
}
