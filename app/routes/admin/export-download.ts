/**
 * Exports as files: /admin/exports/<familles|enfants|reservations|pointage|repas>.<csv|xlsx>[?du=&au=&site=].
 * Formula-injection protection in both writers; health and income columns by role; audited.
 */
import type { Route } from './+types/export-download';
import { writeCsv } from '../../../core/backoffice/csv';
import { isExportDataset, isExportFormat } from '../../../core/backoffice/exports';
import { catalogFor } from '../../i18n';
import { CSV_TYPE, download, idParam, notFound, requireResourcePermission, viewerOf, XLSX_TYPE } from '../../web/back-office';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requireResourcePermission(request, context, 'admin.exports');
  const match = /^([a-z]+)\.([a-z]+)$/.exec(params.file ?? '');
  const dataset = match?.[1] ?? '';
  const format = match?.[2] ?? '';
  if (!isExportDataset(dataset) || !isExportFormat(format)) return notFound();
  const query = new URL(request.url).searchParams;
  const from = query.get('du');
  const to = query.get('au');
  const result = await context.services.backOffice.buildExport({ dataset, from, to, siteId: idParam(query.get('site')), viewer: viewerOf(session, context) });
  if (!result.ok) return new Response(catalogFor(context.lang).backoffice.exports.badRange, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const stem = from && to ? `${dataset}-${from}-${to}` : dataset;
  return format === 'csv'
    ? download(writeCsv(result.table.header, result.table.rows), `${stem}.csv`, CSV_TYPE)
    : download(await context.services.backOffice.xlsx(result.table), `${stem}.xlsx`, XLSX_TYPE);
}
