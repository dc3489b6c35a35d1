/**
 * The kitchen's meal counts: per day, site and activity, by diet, frozen at the booking deadline; today's bookings
 * and, once attendance is taken, the children present and the difference. Printable; CSV and Excel downloads.
 * /admin/repas?du=YYYY-MM-DD&au=YYYY-MM-DD&site=<siteId> (default: this week and the next).
 */
import { Form } from 'react-router';
import type { Route } from './+types/meals';
import { inScope } from '../../../core/backoffice/model';
import { addDays, startOfWeek, weekday } from '../../../core/calendar/plain-date';
import { parisToday } from '../../../core/calendar/paris-time';
import { ErrorSummary, SelectField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { longDay, shortDate } from '../../components/planning/format';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { dayParam, idParam, viewerOf } from '../../web/back-office';
import { formatParisDateTime } from '../../web/format';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.meals');
  const viewer = viewerOf(session, context);
  const params = new URL(request.url).searchParams;
  const bo = context.services.backOffice;
  const today = parisToday(context.services.clock.now());
  const monday = startOfWeek(today);
  const from = dayParam(params.get('du'), monday);
  const to = dayParam(params.get('au'), addDays(monday, 13));
  const [allSites, scope] = await Promise.all([bo.sites(), bo.scope(viewer)]);
  const sites = allSites.filter((s) => inScope(scope, s.id));
  const siteParam = idParam(params.get('site'));
  const siteId = siteParam && sites.some((s) => s.id === siteParam) ? siteParam : null;
  const result = from && to ? await bo.mealCounts({ from, to, siteId, viewer }) : null;
  return {
    from: from ?? monday,
    to: to ?? addDays(monday, 13),
    siteId,
    sites,
    badRange: !result || !result.ok,
    rows: result && result.ok ? result.rows : [],
  };
}

export default function Meals({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const m = t.backoffice.meals;
  const c = m.columns;
  const common = t.backoffice.common;
  const { from, to, siteId, sites, badRange, rows } = loaderData;
  const query = `du=${from}&au=${to}${siteId ? `&site=${encodeURIComponent(siteId)}` : ''}`;
  const days = [...new Set(rows.map((r) => r.day))];
  const dayLabel = (day: string) => `${t.planning.weekdays[weekday(day) - 1]} ${shortDate(day).slice(0, 5)}`;
  // A snapshot taken long after the deadline (the server was stopped then) says so.
  const frozenLabel = (frozen: { at: string; deadline: string }) =>
    new Date(frozen.at).getTime() - new Date(frozen.deadline).getTime() > 15 * 60_000
      ? m.frozenLate(formatParisDateTime(frozen.at), formatParisDateTime(frozen.deadline))
      : m.frozen(formatParisDateTime(frozen.at));
  return (
    <>
      <PageTitle title={m.title} hasErrors={badRange} />
      <h1>{m.title}</h1>
      <ErrorSummary errors={badRange ? { du: common.badRange } : undefined} labels={{ du: common.from }} />
      <p className="no-print">{m.intro}</p>
      <Form method="get" className="toolbar no-print">
        <div className="field">
          <label htmlFor="du">{common.from}</label>
          <input type="date" id="du" name="du" defaultValue={from} aria-invalid={badRange || undefined} />
        </div>
        <div className="field">
          <label htmlFor="au">{common.to}</label>
          <input type="date" id="au" name="au" defaultValue={to} aria-invalid={badRange || undefined} />
        </div>
        <SelectField name="site" label={common.site} defaultValue={siteId ?? ''}>
          <option value="">{common.allSites}</option>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button">
          {common.show}
        </button>
      </Form>
      {!badRange ? (
        <p className="actions-bar no-print">
          <a className="button button--secondary" href={`/admin/repas/repas.csv?${query}`} download>
            {m.csv}
          </a>
          <a className="button button--secondary" href={`/admin/repas/repas.xlsx?${query}`} download>
            {m.xlsx}
          </a>
          <span className="field__hint">{m.print}</span>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="notice notice--info">{m.none}</p>
      ) : (
        <div className="table-wrapper" tabIndex={0}>
          <table className="table meals-table">
            <caption>{m.caption(longDay(t.planning, from), longDay(t.planning, to))}</caption>
            <thead>
              <tr>
                <th scope="col">{c.day}</th>
                <th scope="col">{c.activity}</th>
                <th scope="col" className="num">{c.standard}</th>
                <th scope="col" className="num">{c.sans_porc}</th>
                <th scope="col" className="num">{c.vegetarien}</th>
                <th scope="col" className="num">{c.total}</th>
                <th scope="col" className="num">{c.pai}</th>
                <th scope="col">{c.state}</th>
                <th scope="col" className="num">{c.bookedNow}</th>
                <th scope="col" className="num">{c.present}</th>
                <th scope="col" className="num">{c.difference}</th>
              </tr>
            </thead>
            {days.map((day) => {
              const ofDay = rows.filter((r) => r.day === day);
              const sum = (pick: (r: (typeof rows)[number]) => number) => ofDay.reduce((total, r) => total + pick(r), 0);
              return (
                <tbody key={day}>
                  {ofDay.map((r) => (
                    <tr key={`${r.day}-${r.activityId}`}>
                      <td className="nowrap">{dayLabel(r.day)}</td>
                      <th scope="row">
                        {r.activityName}
                        <div className="field__hint">{r.siteName}</div>
                      </th>
                      <td className="num">{r.counts.standard}</td>
                      <td className="num">{r.counts.sans_porc}</td>
                      <td className="num">{r.counts.vegetarien}</td>
                      <td className="num">
                        <strong>{r.counts.total}</strong>
                      </td>
                      <td className="num">{r.counts.pai}</td>
                      <td>{r.frozen ? frozenLabel(r.frozen) : m.forecast(formatParisDateTime(r.freezesAt ?? r.day))}</td>
                      <td className="num">{r.bookedNow}</td>
                      <td className="num">{r.present ?? m.notTaken}</td>
                      <td className="num">{r.present === null ? common.none : r.present - r.counts.total}</td>
                    </tr>
                  ))}
                  {ofDay.length > 1 ? (
                    <tr className="meals-total">
                      <td className="nowrap">{dayLabel(day)}</td>
                      <th scope="row">{m.totalFor(longDay(t.planning, day))}</th>
                      <td className="num">{sum((r) => r.counts.standard)}</td>
                      <td className="num">{sum((r) => r.counts.sans_porc)}</td>
                      <td className="num">{sum((r) => r.counts.vegetarien)}</td>
                      <td className="num">
                        <strong>{sum((r) => r.counts.total)}</strong>
                      </td>
                      <td className="num">{sum((r) => r.counts.pai)}</td>
                      <td />
                      <td className="num">{sum((r) => r.bookedNow)}</td>
                      <td className="num">{ofDay.some((r) => r.present !== null) ? sum((r) => r.present ?? 0) : m.notTaken}</td>
                      <td />
                    </tr>
                  ) : null}
                </tbody>
              );
            })}
          </table>
        </div>
      )}
    </>
  );
}
