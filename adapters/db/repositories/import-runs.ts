import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ImportRun, ImportRunRepository, ImportRunResult, ImportRunStatus } from '../../../core/backoffice/family-import/runs';
import type { Database } from '../schema';
import type { FamilyImportRunTable } from '../schema-import-runs';

function toRun(row: Selectable<FamilyImportRunTable>): ImportRun {
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status as ImportRunStatus,
    linesTotal: Number(row.lines_total),
    linesDone: Number(row.lines_done),
    result: row.result ? (JSON.parse(row.result) as ImportRunResult) : null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Bound to the pool, never to the import's transaction: its rows are the progress others read meanwhile. */
export function importRunRepository(db: Kysely<Database>): ImportRunRepository {
  return {
    async create(run, now) {
      const row = {
        id: randomUUID(),
        file_name: run.fileName,
        status: 'running',
        lines_total: run.linesTotal,
        lines_done: 0,
        result: null,
        created_by: run.createdBy,
        created_at: now.toISOString(),
        finished_at: null,
      };
      await db.insertInto('family_import_runs').values(row).execute();
      return toRun(row);
    },
    async progress(id, linesDone) {
      // A late progress write never overwrites the outcome.
      await db
        .updateTable('family_import_runs')
        .set({ lines_done: linesDone })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },
    async finish(id, outcome, now) {
      await db
        .updateTable('family_import_runs')
        .set({
          status: outcome.status,
          lines_done: outcome.linesDone,
          result: outcome.result ? JSON.stringify(outcome.result) : null,
          finished_at: now.toISOString(),
        })
        .where('id', '=', id)
        .execute();
    },
    async find(id) {
      const row = await db.selectFrom('family_import_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRun(row) : null;
    },
  };
}
