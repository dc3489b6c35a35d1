import type { Kysely } from 'kysely';
import type { FamilyRepository } from '../../../core/families/types';
import type { Database } from '../schema';

export function familyRepository(db: Kysely<Database>): FamilyRepository {
  return {
    async findSummary(familyId) {
      const family = await db.selectFrom('families').select(['id', 'file_number', 'name']).where('id', '=', familyId).executeTakeFirst();
      if (!family) return null;
      const children = await db
        .selectFrom('children')
        .select(['id', 'first_name', 'last_name'])
        .where('family_id', '=', familyId)
        .orderBy('birth_date')
        .orderBy('first_name')
        .execute();
      return {
        id: family.id,
        fileNumber: family.file_number,
        name: family.name,
        children: children.map((c) => ({ id: c.id, firstName: c.first_name, lastName: c.last_name })),
      };
    },
  };
}
