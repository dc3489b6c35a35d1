/**
 * Staff: monthly invoicing. The runs of the last months; « Simuler » (a GET: the dry run changes nothing) shows the
 * report — families, invoices to issue, totals per site and activity, anomalies —; « Émettre les factures » (POST)
 * opens the run, which continues in the background, and leads to its progress page. Refusals (a month to come,
 * already issued, a run in progress, a bad due date) are shown in French and change nothing. « Reprendre » takes
 * over a run whose issuer stopped (start() resumes it once its lease has expired).
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/invoicing';
import { parisToday } from '../../../core/calendar/paris-time';
import { ANOMALY_FR, RUN_ERRORS_FR } from '../../../core/invoicing/messages-fr';
import { monthLabel, monthOf } from '../../../core/invoicing/month';
import type { RunError } from '../../../core/invoicing/run';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';
import { isRunStalled } from '../../web/invoicing-run';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

const PATH = '/admin/facturation';
/** Anomalies listed on the page; the count says how many there are in all. */
const ANOMALIES_SHOWN = 200;

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.invoicing');
  const now = context.services.clock.now();
  const currentMonth = monthOf(parisToday(now));
  const asked = new URL(request.url).searchParams.get('mois');
  const invoicing = context.services.invoicing;
  const runs = await invoicing.runs();
  let report = null;
  let error: string | null = null;
  if (asked !== null) {
    const planned = await invoicing.plan(asked.trim());
    if (planned.ok) report = { ...planned.value, anomalies: planned.value.anomalies.slice(0, ANOMALIES_SHOWN) };
    else error = RUN_ERRORS_FR[planned.error];
  }
  return {
    month: asked?.trim() || currentMonth,
    report,
    error,
    runs: runs.map((run) => ({ ...run, stalled: isRunStalled(run, now) })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.invoicing');
  const form = await request.formData();
  const month = String(form.get('month') ?? '').trim();
  const dueDate = String(form.get('dueDate') ?? '').trim();
  const started = await context.services.invoicing.start({ month, dueDate, actor: actorOf(session, context) });
  if (!started.ok) {
    const field = started.error === 'invalid_due_date' ? 'dueDate' : 'form';
    return data({ errors: { [field]: RUN_ERRORS_FR[started.error as RunError] } as Record<string, string> }, { status: 400 });
  }
  return redirect(`${PATH}/${started.value.month}`, 303);
}

export default function Invoicing({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const r = t.invoicingAdmin.runs;
  const money = t.invoicingAdmin.money;
  const { month, report, error, runs } = loaderData;
  const errors = actionData?.errors ?? (error ? { mois: error } : undefined);
  return (
    <>
      <PageTitle title={r.title} hasErrors={Boolean(errors)} />
      <h1>{r.title}</h1>
      <ErrorSummary errors={errors} labels={{ mois: r.month, dueDate: r.dueDate }} />
      <p>{r.intro}</p>

      <section aria-labelledby="mois-a-facturer" className="card">
        <h2 id="mois-a-facturer">{r.formTitle}</h2>
        <Form method="get" action={PATH} className="toolbar">
          <TextField
            name="mois"
            label={r.month}
            hint={r.monthHint}
            defaultValue={month}
            error={error ?? undefined}
            inputMode="numeric"
            required
          />
          <button type="submit" className="button">
            {r.simulate}
          </button>
        </Form>
      </section>

      {report ? (
        <section aria-labelledby="simulation" className="card">
          <h2 id="simulation">{r.reportTitle(monthLabel(report.month))}</h2>
          <dl className="dl-grid">
            <dt>{r.families}</dt>
            <dd>{report.families}</dd>
            <dt>{r.invoices}</dt>
            <dd>{report.invoices}</dd>
            <dt>{r.alreadyInvoiced}</dt>
            <dd>{report.alreadyInvoiced}</dd>
            <dt>{r.total}</dt>
            <dd>{money(report.totalCents)}</dd>
          </dl>
          <h3>{r.totalsTitle}</h3>
          {report.totals.length === 0 ? (
            <p>{r.noTotals}</p>
          ) : (
            <DataTable caption={r.totalsCaption(monthLabel(report.month))} columns={[r.site, r.activity, r.quantity, r.amount]}>
              {report.totals.map((row) => (
                <tr key={`${row.siteName}|${row.activityName}`}>
                  <td>{row.siteName}</td>
                  <th scope="row">{row.activityName}</th>
                  <td className="num">{row.quantity}</td>
                  <td className="num">{money(row.totalCents)}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <h3>{r.anomaliesTitle(report.anomalyCount)}</h3>
          {report.anomalies.length > 0 ? (
            <>
              {report.anomalyCount > report.anomalies.length ? (
                <p>{r.anomaliesMore(report.anomalies.length, report.anomalyCount)}</p>
              ) : null}
              <DataTable caption={r.anomaliesCaption} columns={[r.fileNumber, r.family, r.anomaly, r.detail]}>
                {report.anomalies.map((a, i) => (
                  <tr key={`${a.familyId}-${a.kind}-${i}`}>
                    <td>{a.fileNumber}</td>
                    <th scope="row">
                      <Link to={`/admin/familles/${a.familyId}`}>{a.familyName}</Link>
                    </th>
                    <td>{ANOMALY_FR[a.kind]}</td>
                    <td>{a.detail}</td>
                  </tr>
                ))}
              </DataTable>
            </>
          ) : null}

          <h3>{r.issueTitle}</h3>
          <Form method="post" action={`${PATH}?mois=${encodeURIComponent(report.month)}`} className="toolbar">
            <input type="hidden" name="month" value={report.month} />
            <TextField name="dueDate" label={r.dueDate} hint={r.dueDateHint} error={actionData?.errors?.dueDate} placeholder="AAAA-MM-JJ" />
            <button type="submit" className="button">
              {r.issue}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="facturations" className="card">
        <h2 id="facturations">{r.historyTitle}</h2>
        {runs.length === 0 ? (
          <p>{r.noRuns}</p>
        ) : (
          <DataTable
            caption={r.historyCaption}
            columns={[
              r.columns.month,
              r.columns.status,
              r.columns.progress,
              r.columns.issued,
              r.columns.by,
              r.columns.at,
              r.columns.action,
            ]}
          >
            {runs.map((run) => (
              <tr key={run.id}>
                <th scope="row">{monthLabel(run.month)}</th>
                <td>{t.invoicingAdmin.runStatus[run.status] ?? run.status}</td>
                <td>{r.progress(run.familiesDone, run.familiesTotal)}</td>
                <td className="num">{run.invoicesIssued}</td>
                <td>{run.startedBy}</td>
                <td>
                  <time dateTime={run.startedAt}>{formatParisDateTime(run.startedAt)}</time>
                </td>
                <td>
                  {run.stalled ? (
                    <Form method="post" action={PATH}>
                      <input type="hidden" name="month" value={run.month} />
                      <button type="submit" className="button button--secondary" aria-label={`${r.resume} : ${monthLabel(run.month)}`}>
                        {r.resume}
                      </button>
                    </Form>
                  ) : (
                    <Link to={`${PATH}/${run.month}`} aria-label={`${r.follow} : ${monthLabel(run.month)}`}>
                      {r.follow}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {runs.some((run) => run.stalled) ? <p>{r.resumeHint}</p> : null}
      </section>
    </>
  );
}
