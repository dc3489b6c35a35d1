import type { Route } from './+types/family-attestation-pdf';
import { cleanUuid } from '../../../core/requests/outcome';
import { requireFamily } from '../../web/guards';
import { pdfDownload } from '../../web/pdf-download';
import { guardResource } from '../../web/resource-access';

/**
 * The yearly childcare attestation (tax credit, children under 6) of one of the family's children: another family's
 * child, a child too old that year or a year to come all answer 404 (nothing to download).
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { familyId } = await guardResource(context, () => requireFamily(request, context));
  const childId = cleanUuid(params.childId);
  const year = /^\d{4}$/.test(params.year) ? Number(params.year) : null;
  if (!childId || year === null) throw new Response('Not Found', { status: 404 });
  const found = await context.services.invoicing.attestationPdf({ familyId, childId, year });
  if (!found.ok) throw new Response('Not Found', { status: 404 });
  const child = (await context.services.store.familyFile.file(familyId))?.children.find((c) => c.id === childId);
  return pdfDownload(found.value.pdf, 'attestation-frais-de-garde', `${found.value.year}-${child?.firstName ?? ''}`);
}
