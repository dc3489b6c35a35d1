/** The back office's dashboard: meals booked vs present per site, occupancy vs capacity, waiting lists, revenue invoiced vs paid. */
import { Link } from 'react-router';
import type { MealSeries } from '../../core/backoffice/dashboard';
import type { RevenueFigures } from '../../core/backoffice/invoicing-reports';
import { monthLabel } from '../../core/invoicing/month';
import type { WaitingRow } from '../../core/backoffice/ports';
import type { OccupancyRow } from '../../core/booking/model';
import type { PlainDate } from '../../core/calendar/plain-date';
import { useT } from '../i18n';
import { CapacityChart, ChartData, GroupedBarChart } from './charts';
import { longDay, shortDate, weekdayInitial } from './planning/format';

export interface DashboardData {
  meals: MealSeries[];
  occupancy: { day: PlainDate; rows: OccupancyRow[] } | null;
  waiting: WaitingRow[];
  noSite: boolean;
  /** Only for the roles that read invoices. */
  revenue: RevenueFigures | null;
}

export function Dashboard({ data }: { data: DashboardData }) {
  const t = useT();
  const d = t.backoffice.dashboard;
  const p = t.planning;
  const dayLabel = (day: PlainDate) => `${weekdayInitial(p, day)} ${shortDate(day).slice(0, 5)}`;
  return (
    <div className="dashboard">
      {data.noSite ? <p className="notice notice--info">{d.animateurNoSite}</p> : null}
      <section aria-labelledby="repas-par-jour" className="card">
        <h2 id="repas-par-jour">{d.mealsTitle}</h2>
        <p>{d.mealsIntro}</p>
        {data.meals.length === 0 ? <p>{d.noMeals}</p> : null}
        <div className="dashboard__grid">
          {data.meals.map((series) => {
            const title = d.mealsChart(series.siteName);
            return (
              <div key={series.siteId} className="dashboard__chart">
                <h3>{series.siteName}</h3>
                <GroupedBarChart
                  label={title}
                  categories={series.days.map((x) => dayLabel(x.day))}
                  series={[
                    { name: d.booked, tone: 'primary', values: series.days.map((x) => x.booked) },
                    { name: d.present, tone: 'secondary', values: series.days.map((x) => x.present) },
                  ]}
                />
                <ChartData
                  caption={d.dataTable(title)}
                  columns={[t.backoffice.common.date, d.booked, d.present]}
                  rows={series.days.map((x) => [longDay(p, x.day), x.booked, x.present ?? d.notTaken])}
                />
              </div>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="remplissage" className="card">
        <h2 id="remplissage">{d.occupancyTitle}</h2>
        {data.occupancy ? (
          <>
            <p>{d.occupancyIntro(longDay(p, data.occupancy.day))}</p>
            <CapacityChart
              label={d.occupancyChart(longDay(p, data.occupancy.day))}
              rows={data.occupancy.rows.map((r) => ({ name: r.activityName, value: r.reserved, total: r.capacity }))}
            />
            <ChartData
              caption={d.dataTable(d.occupancyChart(longDay(p, data.occupancy.day)))}
              columns={[d.activity, t.backoffice.common.site, d.reserved, d.capacity, d.rate]}
              rows={data.occupancy.rows.map((r) => [r.activityName, r.siteName, r.reserved, r.capacity, `${r.capacity ? Math.round((r.reserved / r.capacity) * 100) : 0} %`])}
            />
          </>
        ) : (
          <p>{d.occupancyNone}</p>
        )}
      </section>

      <section aria-labelledby="listes-d-attente" className="card">
        <h2 id="listes-d-attente">{d.waitingTitle}</h2>
        <p>{d.waitingIntro}</p>
        {data.waiting.length === 0 ? (
          <p>{d.waitingNone}</p>
        ) : (
          <>
            <CapacityChart
              valueOnly
              label={d.waitingChart}
              rows={data.waiting.map((w) => ({ name: w.activityName, value: w.waitingDays, total: Math.max(1, ...data.waiting.map((x) => x.waitingDays)) }))}
            />
            <ChartData
              caption={d.dataTable(d.waitingChart)}
              columns={[d.activity, t.backoffice.common.site, d.waitingDays, d.waitingEnrolments]}
              rows={data.waiting.map((w) => [w.activityName, w.siteName, w.waitingDays, w.waitingEnrolments])}
            />
          </>
        )}
      </section>

      {data.revenue ? <RevenueSection revenue={data.revenue} /> : null}
    </div>
  );
}

function RevenueSection({ revenue }: { revenue: RevenueFigures }) {
  const t = useT();
  const d = t.backoffice.dashboard;
  const r = t.invoicingAdmin.dashboard;
  const money = t.invoicingAdmin.money;
  const euros = (cents: number) => Math.round(cents / 100);
  return (
    <section aria-labelledby="facture-encaisse" className="card">
      <h2 id="facture-encaisse">{d.revenueTitle}</h2>
      {revenue.months.length === 0 ? (
        <p>{r.noRevenue}</p>
      ) : (
        <>
          <GroupedBarChart
            label={r.revenueChart}
            categories={revenue.months.map((x) => `${x.month.slice(5, 7)} ${x.month.slice(0, 4)}`)}
            series={[
              { name: r.invoiced, tone: 'primary', values: revenue.months.map((x) => euros(x.invoicedCents)) },
              { name: r.paid, tone: 'secondary', values: revenue.months.map((x) => euros(x.paidCents)) },
            ]}
          />
          <ChartData
            caption={d.dataTable(r.revenueChart)}
            columns={[r.month, r.invoiced, r.paid]}
            rows={revenue.months.map((x) => [monthLabel(x.month), money(x.invoicedCents), money(x.paidCents)])}
          />
        </>
      )}
      <h3>{r.unpaidTitle}</h3>
      <p>{r.unpaid(revenue.unpaid.invoices, revenue.unpaid.families, money(revenue.unpaid.openCents))}</p>
      {revenue.unpaid.invoices > 0 ? (
        <p>
          <Link to="/admin/factures?statut=open&retard=1">{r.unpaidLink}</Link>
        </p>
      ) : null}
    </section>
  );
}
