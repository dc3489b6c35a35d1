/**
 * Staff look-ups for the back-office planning pages: find a child by name, family name or file number; resolve a
 * child to its family; list the sites. Read-only, portable SQL (lower, ||, LIKE … ESCAPE on both dialects).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export interface ChildSearchHit {
  childId: string;
  firstName: string;
  lastName: string;
  familyId: string;
  familyName: string;
  fileNumber: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export function childSearchRepository(db: Kysely<Database>) {
  const base = () =>
    db
      .selectFrom('children')
      .innerJoin('families', 'families.id', 'children.family_id')
      .select([
        'children.id as childId',
        'children.first_name as firstName',
        'children.last_name as lastName',
        'families.id as familyId',
        'families.name as familyName',
        'families.file_number as fileNumber',
      ]);

  return {
    /** Every word of the query must appear in the child's first or last name, the family name or the file number. */
    async search(query: string, limit = 50): Promise<ChildSearchHit[]> {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
      if (words.length === 0) return [];
      let q = base();
      for (const word of words) {
        const pattern = `%${escapeLike(word)}%`;
        q = q.where(
          sql<boolean>`lower(children.first_name || ' ' || children.last_name || ' ' || families.name || ' ' || families.file_number) like ${pattern} escape '\\'`,
        );
      }
      return q.orderBy('children.last_name').orderBy('children.first_name').orderBy('children.id').limit(limit).execute();
    },

    async findChild(childId: string): Promise<ChildSearchHit | null> {
      return (await base().where('children.id', '=', childId).executeTakeFirst()) ?? null;
    },

    /** By name in French order (sorted here: SQLite and PostgreSQL collations disagree on accented letters). */
    async sites(): Promise<{ id: string; name: string }[]> {
      const rows = await db.selectFrom('sites').select(['id', 'name']).execute();
      return rows.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
    },
  };
}

export type ChildSearchRepository = ReturnType<typeof childSearchRepository>;
