/**
 * Staff: per day, site and activity, the children booked against the capacity, and the waiting list.
 * /admin/effectifs?date=YYYY-MM-DD&site=<siteId> (default: today, every site).
 */
import { Form, Link } from 'react-router';
import type { Route } from './+types/occupancy';
import { addDays, isPlainDate } from '../../../core/calendar/plain-date';
import { parisToday } from '../../../core/calendar/paris-time';
import { ErrorSummary, SelectField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { longDay } from '../../components/planning/format';
import { cleanId } from '../../components/planning/params';
import { useT } from '../../i18n';
import planningStyles from '../../styles/planning.css?url';
import { viewerOf } from '../../web/back-office';
import { requirePermission } from '../../web/guards';
import { inScope } from '../../../core/backoffice/model';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.occupancy');
  // Animateurs see only the sites they are assigned to (issue 6).
  const scope = await context.services.backOffice.scope(viewerOf(session, context));
  const params = new URL(request.url).searchParams;
  const today = parisToday(context.services.clock.now());
  const rawDate = params.get('date');
  const badDate = Boolean(rawDate) && !isPlainDate(rawDate);
  const date = rawDate && isPlainDate(rawDate) ? rawDate : today;
  const sites = (await context.services.store.childSearch.sites()).filter((site) => inScope(scope, site.id));
  const siteParam = cleanId(params.get('site'));
  const siteId = siteParam && sites.some((s) => s.id === siteParam) ? siteParam : null;
  const rows = (await context.services.booking.occupancy({ from: date, to: date, ...(siteId ? { siteId } : {}) })).filter((row) => inScope(scope, row.siteId));
  return { date, today, badDate, sites, siteId, rows };
}

export default function Occupancy({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const p = t.planning;
  const s = p.admin;
  const c = s.occupancyColumns;
  const { date, today, badDate, sites, siteId, rows } = loaderData;
  const href = (day: string) => `/admin/effectifs?date=${day}${siteId ? `&site=${encodeURIComponent(siteId)}` : ''}`;
  const sorted = [...rows].sort((a, b) => a.siteName.localeCompare(b.siteName, 'fr') || a.activityName.localeCompare(b.activityName, 'fr'));
  return (
    <>
      <PageTitle title={`${s.occupancyTitle} – ${longDay(p, date)}`} hasErrors={badDate} />
      <h1>{s.occupancyTitle}</h1>
      <ErrorSummary errors={badDate ? { date: s.badDate } : undefined} labels={{ date: s.date }} />
      <p>{s.occupancyIntro}</p>
      <Form method="get" className="occupancy-form">
        <div className={`field${badDate ? ' field--error' : ''}`}>
          <label htmlFor="date">{s.date}</label>
          {badDate ? (
            <p className="field__error" id="date-error">
              {s.badDate}
            </p>
          ) : null}
          <input type="date" id="date" name="date" defaultValue={date} aria-invalid={badDate || undefined} aria-describedby={badDate ? 'date-error' : undefined} />
        </div>
        <SelectField name="site" label={s.site} defaultValue={siteId ?? ''}>
          <option value="">{s.allSites}</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {s.show}
        </button>
      </Form>
      <nav aria-label={p.periodNav} className="planning-toolbar__group occupancy-nav">
        <Link className="button button--secondary" to={href(addDays(date, -1))}>
          <span aria-hidden="true">‹ </span>
          {s.previousDay}
        </Link>
        <Link className="button button--secondary" to={href(today)}>
          {p.today}
        </Link>
        <Link className="button button--secondary" to={href(addDays(date, 1))}>
          {s.nextDay}
          <span aria-hidden="true"> ›</span>
        </Link>
      </nav>
      {sorted.length === 0 ? (
        <p className="notice notice--info">{s.noOccupancy}</p>
      ) : (
        <div className="table-wrapper" tabIndex={0}>
          <table className="stack-table occupancy-table">
            <caption>{s.occupancyCaption(longDay(p, date))}</caption>
            <thead>
              <tr>
                <th scope="col">{c.site}</th>
                <th scope="col">{c.activity}</th>
                <th scope="col" className="num">
                  {c.reserved}
                </th>
                <th scope="col" className="num">
                  {c.capacity}
                </th>
                <th scope="col" className="num">
                  {c.free}
                </th>
                <th scope="col" className="num">
                  {c.waiting}
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => {
                const free = Math.max(0, row.capacity - row.reserved);
                return (
                  <tr key={`${row.day}-${row.activityId}`}>
                    <td data-label={c.site}>{row.siteName}</td>
                    <th scope="row">{row.activityName}</th>
                    <td data-label={c.reserved} className="num">
                      {row.reserved}
                    </td>
                    <td data-label={c.capacity} className="num">
                      {row.capacity}
                    </td>
                    <td data-label={c.free} className={`num${free === 0 ? ' is-full' : ''}`}>
                      {free === 0 ? `0 (${s.full})` : free}
                    </td>
                    <td data-label={c.waiting} className="num">
                      {row.waiting}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
