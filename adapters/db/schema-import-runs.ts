import type { ColumnType } from 'kysely';

/** One family CSV import run (migration 0008): its progress, written outside the import's transaction. */
export interface FamilyImportRunTable {
  id: string;
  file_name: string;
  status: string;
  lines_total: number;
  lines_done: ColumnType<number, number | undefined, number>;
  result: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}
