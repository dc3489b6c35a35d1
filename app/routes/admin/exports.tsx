/**
 * Staff: download families, children, bookings, attendance and meal counts (admin.exports), invoices and payments
 * (admin.invoices: the régie too, without any health data) as CSV or XLSX (plain GET forms).
 */
import type { Route } from './+types/exports';
import { can } from '../../../core/accounts/permissions';
import { DATED_DATASETS, EXPORT_DATASETS } from '../../../core/backoffice/exports';
import { INVOICING_EXPORT_DATASETS } from '../../../core/backoffice/invoicing-reports';
import { addDays, startOfMonth } from '../../../core/calendar/plain-date';
import { parisToday } from '../../../core/calendar/paris-time';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.exports.page');
  const today = parisToday(context.services.clock.now());
  const role = session.user.role;
  const datasets = [
    ...(can(role, 'admin.exports') ? EXPORT_DATASETS.map((dataset) => ({ dataset, dated: DATED_DATASETS.includes(dataset), bySite: true })) : []),
    ...(can(role, 'admin.invoices') ? INVOICING_EXPORT_DATASETS.map((dataset) => ({ dataset, dated: true, bySite: false })) : []),
  ];
  return { from: startOfMonth(today), to: addDays(today, 14), sites: await context.services.backOffice.sites(), datasets };
}

export default function Exports({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const e = t.backoffice.exports;
  const common = t.backoffice.common;
  const { from, to, sites, datasets } = loaderData;
  const titles: Record<string, { title: string; text: string }> = { ...e.datasets, ...t.invoicingAdmin.exports.datasets };
  return (
    <>
      <PageTitle title={e.title} />
      <h1>{e.title}</h1>
      <p>{e.intro}</p>
      {datasets.map(({ dataset, dated, bySite }) => {
        const info = titles[dataset];
        return (
          <section key={dataset} aria-labelledby={`export-${dataset}`} className="card">
            <h2 id={`export-${dataset}`}>{info.title}</h2>
            <p>{info.text}</p>
            {/* A plain GET form: each button downloads the same data in its own format. */}
            <form method="get" action={`/admin/exports/${dataset}.csv`} className="toolbar">
              {dated ? (
                <>
                  <div className="field">
                    <label htmlFor={`${dataset}-du`}>{common.from}</label>
                    <input type="date" id={`${dataset}-du`} name="du" defaultValue={from} required />
                  </div>
                  <div className="field">
                    <label htmlFor={`${dataset}-au`}>{common.to}</label>
                    <input type="date" id={`${dataset}-au`} name="au" defaultValue={to} required />
                  </div>
                  {bySite ? (
                    <div className="field">
                      <label htmlFor={`${dataset}-site`}>{common.site}</label>
                      <select id={`${dataset}-site`} name="site" defaultValue="">
                        <option value="">{common.allSites}</option>
                        {sites.map((site) => (
                          <option key={site.id} value={site.id}>
                            {site.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  ) : null}
                </>
              ) : null}
              <button type="submit" className="button" aria-label={e.download(e.csv, info.title)}>
                {e.csv}
              </button>
              <button type="submit" formAction={`/admin/exports/${dataset}.xlsx`} className="button button--secondary" aria-label={e.download(e.xlsx, info.title)}>
                {e.xlsx}
              </button>
            </form>
          </section>
        );
      })}
    </>
  );
}
