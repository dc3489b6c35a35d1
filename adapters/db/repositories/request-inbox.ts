import type { Kysely } from 'kysely';
import type { InboxRepository } from '../../../core/requests/inbox';
import type { Database } from '../schema';
import { hydrateRequests, requestRows } from './requests';

/** The staff inbox's searches: démarches by kind, status and site; the waiting lists in order. */
export function requestInboxRepository(db: Kysely<Database>): InboxRepository {
  return {
    async search({ kind, status, siteId, limit }) {
      let query = requestRows(db);
      if (kind) query = query.where('requests.kind', '=', kind);
      if (status === 'waiting') {
        query = query
          .where('requests.status', '=', 'submitted')
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('enrolments')
                .select('enrolments.id')
                .whereRef('enrolments.id', '=', 'requests.enrolment_id')
                .where('enrolments.status', '=', 'waiting'),
            ),
          );
      } else {
        query = query.where('requests.status', '=', status);
      }
      if (siteId) {
        query = query.where((eb) =>
          eb.or([
            eb('children.site_id', '=', siteId),
            eb.exists(
              eb
                .selectFrom('enrolments')
                .innerJoin('activities', 'activities.id', 'enrolments.activity_id')
                .select('enrolments.id')
                .whereRef('enrolments.id', '=', 'requests.enrolment_id')
                .where('activities.site_id', '=', siteId),
            ),
            eb.and([
              eb('requests.child_id', 'is', null),
              eb.exists(
                eb
                  .selectFrom('children as c')
                  .select('c.id')
                  .whereRef('c.family_id', '=', 'requests.family_id')
                  .where('c.site_id', '=', siteId),
              ),
            ]),
          ]),
        );
      }
      // Open ones first come, first served; decided ones newest first.
      query =
        status === 'submitted' || status === 'waiting'
          ? query.orderBy('requests.created_at', 'asc')
          : query.orderBy('requests.decided_at', 'desc');
      return hydrateRequests(db, await query.orderBy('requests.id').limit(limit).execute());
    },

    async waitingLists(siteId) {
      let query = db
        .selectFrom('enrolments as e')
        .innerJoin('activities', 'activities.id', 'e.activity_id')
        .innerJoin('sites', 'sites.id', 'activities.site_id')
        .innerJoin('children', 'children.id', 'e.child_id')
        .innerJoin('families', 'families.id', 'children.family_id')
        .leftJoin('requests', (join) => join.onRef('requests.enrolment_id', '=', 'e.id').on('requests.status', '=', 'submitted'))
        .select([
          'e.id as enrolment_id',
          'e.requested_at',
          'activities.id as activity_id',
          'activities.name as activity_name',
          'sites.id as site_id',
          'sites.name as site_name',
          'children.first_name',
          'children.last_name',
          'families.name as family_name',
          'families.file_number',
          'requests.id as request_id',
        ])
        .where('e.status', '=', 'waiting');
      if (siteId) query = query.where('activities.site_id', '=', siteId);
      // The same order as the family's « position n » (enrolments repository): by request time, then id.
      const rows = await query
        .orderBy('sites.name')
        .orderBy('activities.name')
        .orderBy('activities.id')
        .orderBy('e.requested_at')
        .orderBy('e.id')
        .execute();
      const positions = new Map<string, number>();
      return rows.map((r) => {
        const position = (positions.get(r.activity_id) ?? 0) + 1;
        positions.set(r.activity_id, position);
        return {
          activityId: r.activity_id,
          activityName: r.activity_name,
          siteId: r.site_id,
          siteName: r.site_name,
          position,
          enrolmentId: r.enrolment_id,
          requestId: r.request_id,
          childFirstName: r.first_name,
          childLastName: r.last_name,
          familyName: r.family_name,
          fileNumber: r.file_number,
          requestedAt: r.requested_at,
        };
      });
    },
  };
}
