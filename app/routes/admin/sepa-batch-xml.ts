/** A batch's pain.008 file, as given to the bank: /admin/sepa/lots/:batchId/xml (a download, never shown inline). */
import type { Route } from './+types/sepa-batch-xml';
import { download, idParam, notFound, requireResourcePermission } from '../../web/back-office';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireResourcePermission(request, context, 'admin.regie');
  const batchId = idParam(params.batchId);
  const file = batchId ? await context.services.invoicing.batchXml(batchId) : null;
  if (!file) return notFound();
  return download(file.xml, `${file.batch.messageId}.xml`, 'application/xml');
}
