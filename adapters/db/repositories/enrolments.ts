import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EnrolmentStatus } from '../../../core/booking/ports';
import { parseRequiredDocuments } from '../../../core/documents/kinds';
import type { ActivitySettings, EnrolmentRecord, EnrolmentRepository } from '../../../core/enrolments/model';
import type { Database } from '../schema';

const STATUSES: readonly EnrolmentStatus[] = ['requested', 'accepted', 'refused', 'waiting'];

function toSettings(row: { id: string; school_year_id: string; enrolment_mode: string; required_documents: string }): ActivitySettings {
  return {
    id: row.id,
    schoolYearId: row.school_year_id,
    enrolmentMode: row.enrolment_mode === 'automatic' ? 'automatic' : 'manual',
    requiredDocuments: parseRequiredDocuments(row.required_documents),
  };
}

/** Enrolments (child × activity), their waiting-list order, and the activities' enrolment settings. */
export function enrolmentRepository(db: Kysely<Database>): EnrolmentRepository {

  const records = () =>
    db
      .selectFrom('enrolments as e')
      .select(['e.id', 'e.child_id', 'e.activity_id', 'e.status', 'e.requested_at', 'e.decided_at', 'e.decision_message'])
      .select((eb) =>
        eb
          .selectFrom('enrolments as q')
          .select((q) => q.fn.countAll().as('n'))
          .whereRef('q.activity_id', '=', 'e.activity_id')
          .where('q.status', '=', 'waiting')
          .where((q) =>
            q.or([
              q('q.requested_at', '<', q.ref('e.requested_at')),
              q.and([q('q.requested_at', '=', q.ref('e.requested_at')), q('q.id', '<=', q.ref('e.id'))]),
            ]),
          )
          .as('position'),
      );

  const toRecord = (r: { id: string; child_id: string; activity_id: string; status: string; requested_at: string; decided_at: string | null; decision_message: string | null; position: unknown }): EnrolmentRecord => {
    const status = (STATUSES as readonly string[]).includes(r.status) ? (r.status as EnrolmentStatus) : 'requested';
    return {
      id: r.id,
      childId: r.child_id,
      activityId: r.activity_id,
      status,
      requestedAt: r.requested_at,
      decidedAt: r.decided_at,
      message: r.decision_message,
      waitingPosition: status === 'waiting' ? Number(r.position) : null,
    };
  };

  return {
    async schoolYears(from) {
      const rows = await db
        .selectFrom('school_years')
        .select(['id', 'starts_on', 'ends_on'])
        .where('ends_on', '>=', from)
        .where((eb) => eb.exists(eb.selectFrom('activities').select('activities.id').whereRef('activities.school_year_id', '=', 'school_years.id')))
        .orderBy('starts_on')
        .execute();
      return rows.map((r) => ({ id: r.id, startsOn: r.starts_on, endsOn: r.ends_on }));
    },

    async activitiesOfYear(schoolYearId) {
      const rows = await db
        .selectFrom('activities')
        .select(['id', 'school_year_id', 'enrolment_mode', 'required_documents'])
        .where('school_year_id', '=', schoolYearId)
        .orderBy('name')
        .execute();
      return rows.map(toSettings);
    },

    async settings(activityId) {
      const row = await db.selectFrom('activities').select(['id', 'school_year_id', 'enrolment_mode', 'required_documents']).where('id', '=', activityId).executeTakeFirst();
      return row ? toSettings(row) : null;
    },

    async forChildren(childIds) {
      if (childIds.length === 0) return [];
      const rows = await records().where('e.child_id', 'in', [...childIds]).orderBy('e.requested_at').orderBy('e.id').execute();
      return rows.map(toRecord);
    },

    async find(enrolmentId) {
      const row = await records().where('e.id', '=', enrolmentId).executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async open(input, now) {
      const at = now.toISOString();
      const decidedAt = input.status === 'accepted' ? at : null;
      const inserted = await db
        .insertInto('enrolments')
        .values({ id: randomUUID(), child_id: input.childId, activity_id: input.activityId, status: input.status, requested_at: at, decided_at: decidedAt, decision_message: null })
        .onConflict((oc) => oc.columns(['child_id', 'activity_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { id: inserted.id };
      // Asked again after a refusal: the same row starts over (queue order from now on).
      const reopened = await db
        .updateTable('enrolments')
        .set({ status: input.status, requested_at: at, decided_at: decidedAt, decision_message: null })
        .where('child_id', '=', input.childId)
        .where('activity_id', '=', input.activityId)
        .where('status', '=', 'refused')
        .returning('id')
        .executeTakeFirst();
      return reopened ? { id: reopened.id } : null;
    },

    async decide(enrolmentId, from, to, message, now) {
      const result = await db
        .updateTable('enrolments')
        .set({ status: to, decision_message: message, decided_at: now.toISOString() })
        .where('id', '=', enrolmentId)
        .where('status', 'in', [...from])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async remove(enrolmentId) {
      const row = await db.selectFrom('enrolments').select('status').where('id', '=', enrolmentId).executeTakeFirst();
      if (!row || (row.status !== 'requested' && row.status !== 'waiting')) return false;
      await db.updateTable('requests').set({ enrolment_id: null }).where('enrolment_id', '=', enrolmentId).execute();
      const result = await db.deleteFrom('enrolments').where('id', '=', enrolmentId).where('status', 'in', ['requested', 'waiting']).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
