import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../../core/ports';
import type { Database } from '../schema';

export function auditLog(db: Kysely<Database>): AuditLog {
  return {
    async record(event, now) {
      await db
        .insertInto('audit_events')
        .values({
          id: randomUUID(),
          at: now.toISOString(),
          actor_user_id: event.actorUserId,
          actor_label: event.actorLabel,
          action: event.action,
          target: event.target ?? null,
          ip: event.ip ?? null,
          details: event.details ? JSON.stringify(event.details) : null,
        })
        .execute();
    },
    async list({ limit, offset }) {
      const rows = await db.selectFrom('audit_events').selectAll().orderBy('at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        actorUserId: row.actor_user_id,
        actorLabel: row.actor_label,
        action: row.action,
        target: row.target,
        ip: row.ip,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
      }));
    },
  };
}
