/** Staff: an invoice's PDF (/admin/factures/:invoiceId/pdf), for the roles that read invoices. */
import type { Route } from './+types/invoice-pdf';
import { idParam, notFound, requireResourcePermission } from '../../web/back-office';
import { pdfDownload } from '../../web/pdf-download';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireResourcePermission(request, context, 'admin.invoices');
  const id = idParam(params.invoiceId);
  const found = id ? await context.services.invoicing.invoicePdf(id) : null;
  if (!found?.pdf) return notFound();
  return pdfDownload(found.pdf, 'facture', found.reference);
}
