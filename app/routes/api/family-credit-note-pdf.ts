import type { Route } from './+types/family-credit-note-pdf';
import { cleanUuid } from '../../../core/requests/outcome';
import { requireFamily } from '../../web/guards';
import { pdfDownload } from '../../web/pdf-download';
import { guardResource } from '../../web/resource-access';

/** One of the family's credit notes (avoirs) as PDF; another family's id answers the same 404 as an unknown one. */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { familyId } = await guardResource(context, () => requireFamily(request, context));
  const id = cleanUuid(params.creditNoteId);
  const found = id ? await context.services.invoicing.creditNotePdf(id, familyId) : null;
  if (!found) throw new Response('Not Found', { status: 404 });
  return pdfDownload(found.pdf, 'avoir', found.reference);
}
