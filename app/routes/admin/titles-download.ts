/** « Titres à émettre » files: /admin/titres/titres.csv and /admin/titres/titres.json (audited like every export). */
import type { Route } from './+types/titles-download';
import { catalogFor } from '../../i18n';
import { auditDownload, CSV_TYPE, download, notFound, requireResourcePermission } from '../../web/back-office';
import { titlesCsv, titlesJson } from '../../web/titles';

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const session = await requireResourcePermission(request, context, 'admin.regie');
  const format = params.file === 'titres.csv' ? 'csv' : params.file === 'titres.json' ? 'json' : null;
  if (!format) return notFound();
  const now = new Date();
  const { titles } = await context.services.invoicing.receivables();
  await auditDownload(context, session, 'titres', { format, rows: titles.length }, now);
  const stem = `titres-a-emettre-${now.toISOString().slice(0, 10)}`;
  return format === 'csv'
    ? download(titlesCsv(titles, catalogFor(context.lang).regie.titles.csvHeader), `${stem}.csv`, CSV_TYPE)
    : download(titlesJson(titles, now), `${stem}.json`, 'application/json; charset=utf-8');
}
