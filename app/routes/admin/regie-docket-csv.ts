/** The régie's monthly docket as CSV: /admin/regie/bordereau/csv?mois=YYYY-MM (text cells neutralised against formulas). */
import type { Route } from './+types/regie-docket-csv';
import { writeCsv } from '../../../core/backoffice/csv';
import { catalogFor } from '../../i18n';
import { auditDownload, CSV_TYPE, download, requireResourcePermission } from '../../web/back-office';
import { monthParam } from '../../web/regie';
import { docketCsvRows } from '../../web/regie-docket';

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requireResourcePermission(request, context, 'admin.regie');
  const t = catalogFor(context.lang).regie;
  const month = monthParam(new URL(request.url).searchParams.get('mois'));
  if (!month) return new Response(t.docket.badMonth, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const docket = await context.services.invoicing.docket(month);
  await auditDownload(context, session, 'bordereau-regie', { month, rows: docket.payments.length }, new Date());
  return download(writeCsv(t.docket.csvHeader, docketCsvRows(docket, t)), `bordereau-regie-${month}.csv`, CSV_TYPE);
}
