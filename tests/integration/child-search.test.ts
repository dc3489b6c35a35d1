import { expect, it } from 'vitest';
import { childSearchRepository } from '../../adapters/db/repositories/child-search';
import { createChild, createFamily, createSite } from '../../server/demo/factories';
import { describeEachDialect } from '../harness/databases';

describeEachDialect('child search (staff plannings)', (getHandle) => {
  async function setup() {
    const { db } = getHandle();
    const martin = await createFamily(db, { name: 'Martin', file_number: 'F-2026-0001' });
    const durand = await createFamily(db, { name: 'Durand', file_number: 'F-2026-0002' });
    const sarah = await createChild(db, { family_id: martin.id, first_name: 'Sarah', last_name: 'Martin' });
    const chloe = await createChild(db, { family_id: martin.id, first_name: 'Chloé', last_name: 'Martin' });
    const paul = await createChild(db, { family_id: durand.id, first_name: 'Paul', last_name: 'Durand-Martinez' });
    await createSite(db, { name: 'Groupe scolaire Les Lutins' });
    await createSite(db, { name: 'École élémentaire Jean-Jaurès' });
    return { repo: childSearchRepository(db), martin, sarah, chloe, paul };
  }

  it('finds children by first name, last name, family name or file number, case-insensitively, every word', async () => {
    const { repo, martin, sarah, chloe, paul } = await setup();
    expect((await repo.search('sarah')).map((h) => h.childId)).toEqual([sarah.id]);
    expect((await repo.search('MARTIN')).map((h) => h.childId).sort()).toEqual([chloe.id, paul.id, sarah.id].sort());
    expect((await repo.search('martin sarah')).map((h) => h.childId)).toEqual([sarah.id]);
    expect((await repo.search('F-2026-0002')).map((h) => h.childId)).toEqual([paul.id]);
    const [hit] = await repo.search('Sarah Martin');
    expect(hit).toEqual({ childId: sarah.id, firstName: 'Sarah', lastName: 'Martin', familyId: martin.id, familyName: 'Martin', fileNumber: 'F-2026-0001' });
    expect(await repo.search('   ')).toEqual([]);
  });

  it('treats % and _ literally', async () => {
    const { repo } = await setup();
    expect(await repo.search('%')).toEqual([]);
    expect(await repo.search('_')).toEqual([]);
  });

  it('resolves a child to its family, and lists the sites by name', async () => {
    const { repo, sarah, martin } = await setup();
    expect((await repo.findChild(sarah.id))?.familyId).toBe(martin.id);
    expect(await repo.findChild('nope')).toBeNull();
    expect((await repo.sites()).map((s) => s.name)).toEqual(['École élémentaire Jean-Jaurès', 'Groupe scolaire Les Lutins']);
  });
});
