/**
 * The demo commune's settings for Mon dossier and Inscriptions: the garderies accept enrolments at once, the
 * Wednesday centre is decided by staff and asks for an insurance certificate, and the Martins have one authorised
 * pick-up person. Runs inside the seed's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../adapters/db/schema';

export async function seedDossierDemo(trx: Kysely<Database>, plan: { martinFamilyId: string }): Promise<void> {
  await trx.updateTable('activities').set({ enrolment_mode: 'automatic' }).where('kind', 'in', ['garderie_matin', 'garderie_soir']).execute();
  await trx.updateTable('activities').set({ enrolment_mode: 'manual', required_documents: JSON.stringify(['assurance']) }).where('kind', '=', 'mercredi').execute();
  await trx
    .insertInto('authorised_persons')
    .values({ id: randomUUID(), family_id: plan.martinFamilyId, position: 1, full_name: 'Monique Martin', relationship: 'grand-mère', phone: '04 78 12 34 56' })
    .execute();
}
