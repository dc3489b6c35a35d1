/** The kitchen's meal counts as a file: /admin/repas/repas.csv or repas.xlsx ?du=&au=&site= (the viewer's sites). */
import type { Route } from './+types/meals-download';
import { writeCsv } from '../../../core/backoffice/csv';
import { mealCountsTable } from '../../../core/backoffice/exports';
import { CSV_TYPE, dayParam, download, idParam, notFound, requireResourcePermission, viewerOf, XLSX_TYPE } from '../../web/back-office';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requireResourcePermission(request, context, 'admin.meals');
  const format = params.file === 'repas.csv' ? 'csv' : params.file === 'repas.xlsx' ? 'xlsx' : null;
  if (!format) return notFound();
  const query = new URL(request.url).searchParams;
  const from = dayParam(query.get('du'), '');
  const to = dayParam(query.get('au'), '');
  if (!from || !to) return new Response('Bad Request', { status: 400 });
  const result = await context.services.backOffice.mealCounts({ from, to, siteId: idParam(query.get('site')), viewer: viewerOf(session, context) });
  if (!result.ok) return new Response('Bad Request', { status: 400 });
  const table = mealCountsTable(result.rows);
  const name = `repas-${from}-${to}.${format}`;
  return format === 'csv' ? download(writeCsv(table.header, table.rows), name, CSV_TYPE) : download(await context.services.backOffice.xlsx(table), name, XLSX_TYPE);
}
