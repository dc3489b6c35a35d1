/**
 * Staff: one month's invoicing run — « n / N familles, k factures émises ». While it runs the page reloads itself
 * every few seconds (a meta refresh: no JavaScript needed); at the end it says so and links to the month's invoices.
 * A run that stopped (its issuer crashed) can be taken over with « Reprendre » (POST to the invoicing page).
 */
import { Form, Link } from 'react-router';
import type { Route } from './+types/invoicing-run';
import { isMonth, monthLabel } from '../../../core/invoicing/month';
import { shortDate } from '../../components/planning/format';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { formatParisDateTime } from '../../web/format';
import { requirePermission } from '../../web/guards';
import { isRunStalled } from '../../web/invoicing-run';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

const REFRESH_SECONDS = 2;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.invoicing');
  if (!isMonth(params.month)) throw new Response('Not Found', { status: 404 });
  const run = await context.services.invoicing.run(params.month);
  if (!run) throw new Response('Not Found', { status: 404 });
  return { run, stalled: isRunStalled(run, context.services.clock.now()) };
}

export default function InvoicingRun({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const r = t.invoicingAdmin.run;
  const { run, stalled } = loaderData;
  const title = r.title(monthLabel(run.month));
  const running = run.status === 'running';
  return (
    <>
      <PageTitle title={title} />
      {/* React hoists it into <head>; removed (and so stopped) once the run is done. */}
      {running && !stalled ? <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} /> : null}
      <p>
        <Link to="/admin/facturation">{r.back}</Link>
      </p>
      <h1>{title}</h1>
      <section className="card" aria-labelledby="avancement">
        <h2 id="avancement">{t.invoicingAdmin.runs.columns.progress}</h2>
        <progress max={Math.max(1, run.familiesTotal)} value={run.familiesDone} aria-labelledby="avancement" />
        <p role="status">{r.progress(run.familiesDone, run.familiesTotal, run.invoicesIssued)}</p>
        {running ? (
          stalled ? (
            <>
              <p>{r.interrupted}</p>
              <Form method="post" action="/admin/facturation">
                <input type="hidden" name="month" value={run.month} />
                <button type="submit" className="button">
                  {t.invoicingAdmin.runs.resume}
                </button>
              </Form>
            </>
          ) : (
            <p>{r.running}</p>
          )
        ) : (
          <p>{r.done(run.finishedAt ? formatParisDateTime(run.finishedAt) : '')}</p>
        )}
        <p>{r.started(run.startedBy, formatParisDateTime(run.startedAt))}</p>
        <p>{r.dueDate(shortDate(run.dueDate))}</p>
        {running ? null : (
          <p>
            <Link to={`/admin/factures?mois=${run.month}`}>{r.seeInvoices}</Link>
          </p>
        )}
      </section>
    </>
  );
}
