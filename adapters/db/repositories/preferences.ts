import type { Kysely } from 'kysely';
import { DEFAULT_PREFERENCES } from '../../../core/families/model';
import type { PreferencesRepository } from '../../../core/families/ports';
import type { Database } from '../schema';

/** « Mon compte »: e-mail notification preferences and the account's active sessions. */
export function preferencesRepository(db: Kysely<Database>): PreferencesRepository {
  return {
    async get(userId) {
      const row = await db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
      if (!row) return { ...DEFAULT_PREFERENCES };
      return { requestDecisions: Number(row.request_decisions) === 1, enrolmentDecisions: Number(row.enrolment_decisions) === 1 };
    },

    async set(userId, preferences, now) {
      const values = {
        request_decisions: preferences.requestDecisions ? 1 : 0,
        enrolment_decisions: preferences.enrolmentDecisions ? 1 : 0,
        updated_at: now.toISOString(),
      };
      await db
        .insertInto('notification_preferences')
        .values({ user_id: userId, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
    },

    async sessions(userId, now) {
      const rows = await db
        .selectFrom('sessions')
        .select(['id_hash', 'created_at', 'last_seen_at', 'expires_at', 'remember', 'ip', 'user_agent'])
        .where('user_id', '=', userId)
        .where('expires_at', '>', now.toISOString())
        .orderBy('last_seen_at', 'desc')
        .orderBy('id_hash')
        .execute();
      return rows.map((r) => ({
        idHash: r.id_hash,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        expiresAt: r.expires_at,
        remember: Number(r.remember) === 1,
        ip: r.ip,
        userAgent: r.user_agent,
      }));
    },
  };
}
