/** Staff: an invoice's PDF (/admin/factures/:invoiceId/pdf), for the roles that read invoices. */
import type { Route } from './+types/invoice-pdf';
import { download, idParam, notFound, requireResourcePermission } from '../../web/back-office';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireResourcePermission(request, context, 'admin.invoices');
  const id = idParam(params.invoiceId);
  const found = id ? await context.services.invoicing.invoicePdf(id) : null;
  if (!found?.pdf) return notFound();
  return download(found.pdf, `facture-${found.reference}.pdf`, 'application/pdf');
}
