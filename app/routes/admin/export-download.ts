/**
 * Exports as files: /admin/exports/<familles|enfants|reservations|pointage|repas|factures|paiements>.<csv|xlsx>
 * [?du=&au=&site=]. Formula-injection protection in both writers; health and income columns by role; invoices and
 * payments for the roles that read invoices; audited.
 */
import type { Route } from './+types/export-download';
import { writeCsv } from '../../../core/backoffice/csv';
import { isExportDataset, isExportFormat, type ExportTable } from '../../../core/backoffice/exports';
import { isInvoicingExportDataset } from '../../../core/backoffice/invoicing-reports';
import { catalogFor } from '../../i18n';
import { CSV_TYPE, download, idParam, notFound, requireResourcePermission, viewerOf, XLSX_TYPE } from '../../web/back-office';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requireResourcePermission(request, context, 'admin.exports.page');
  const match = /^([a-z]+)\.([a-z]+)$/.exec(params.file ?? '');
  const dataset = match?.[1] ?? '';
  const format = match?.[2] ?? '';
  if (!isExportFormat(format)) return notFound();
  const query = new URL(request.url).searchParams;
  const from = query.get('du');
  const to = query.get('au');
  // Each dataset has its own right: the régie reads invoices and payments, never the families' health data.
  let result: { ok: true; table: ExportTable } | { ok: false };
  if (isInvoicingExportDataset(dataset)) {
    const session = await requireResourcePermission(request, context, 'admin.invoices');
    result = await context.services.invoicingReports.buildExport({ dataset, from, to, viewer: viewerOf(session, context) });
  } else if (isExportDataset(dataset)) {
    const session = await requireResourcePermission(request, context, 'admin.exports');
    result = await context.services.backOffice.buildExport({ dataset, from, to, siteId: idParam(query.get('site')), viewer: viewerOf(session, context) });
  } else {
    return notFound();
  }
  if (!result.ok) return new Response(catalogFor(context.lang).backoffice.exports.badRange, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const stem = from && to ? `${dataset}-${from}-${to}` : dataset;
  return format === 'csv'
    ? download(writeCsv(result.table.header, result.table.rows), `${stem}.csv`, CSV_TYPE)
    : download(await context.services.backOffice.xlsx(result.table), `${stem}.xlsx`, XLSX_TYPE);
}
