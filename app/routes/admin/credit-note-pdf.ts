/** Staff: a credit note's PDF (/admin/avoirs/:creditNoteId/pdf), for the roles that read invoices. */
import type { Route } from './+types/credit-note-pdf';
import { idParam, notFound, requireResourcePermission } from '../../web/back-office';
import { pdfDownload } from '../../web/pdf-download';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireResourcePermission(request, context, 'admin.invoices');
  const id = idParam(params.creditNoteId);
  const found = id ? await context.services.invoicing.creditNotePdf(id) : null;
  if (!found) return notFound();
  return pdfDownload(found.pdf, 'avoir', found.reference);
}
