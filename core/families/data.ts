/** « Mes données » (RGPD): the export of everything stored about the family, recorded in the audit log. */
import type { Actor } from '../accounts/manage-users';
import { buildExport, type FamilyExportDocument } from './export';
import type { DossierDeps } from './ports';

export async function exportFamilyData(
  input: { familyId: string; commune: string; format: 'json' | 'html'; actor: Actor },
  deps: Pick<DossierDeps, 'store' | 'clock'>,
): Promise<FamilyExportDocument | null> {
  const data = await deps.store.familyFile.exportData(input.familyId);
  if (!data) return null;
  const now = deps.clock.now();
  await deps.store.audit.record(
    { actorUserId: input.actor.userId, actorLabel: input.actor.label, action: 'family.data_exported', target: `family:${input.familyId}`, ip: input.actor.ip, details: { format: input.format } },
    now,
  );
  return buildExport(data, input.commune, now);
}
