/**
 * The régie's monthly payment docket (bordereau): totals by method, the recorded payments with their receipt numbers,
 * the cancelled ones apart (not in the totals); laid out for print, and downloadable as CSV. /admin/regie/bordereau?mois=YYYY-MM
 */
import { data, Form } from 'react-router';
import type { Route } from './+types/regie-docket';
import { monthLabel, monthOf } from '../../../core/invoicing/month';
import type { Docket } from '../../../core/invoicing/regie';
import { parisToday } from '../../../core/calendar';
import { TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import regieStyles from '../../styles/regie.css?url';
import { requirePermission } from '../../web/guards';
import { monthParam } from '../../web/regie';
import { DataTable } from '../../components/data-table';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: regieStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.regie');
  const raw = new URL(request.url).searchParams.get('mois');
  const month = monthParam(raw);
  if (!month) {
    return data({ month: raw ?? '', label: '', docket: null, error: catalogFor(context.lang).regie.docket.badMonth }, { status: 400 });
  }
  const docket = await context.services.invoicing.docket(month);
  return { month: month as string, label: monthLabel(month), docket, error: null };
}

export default function RegieDocket({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = t.regie.docket;
  const money = t.planning.money;
  const { month, label, docket, error } = loaderData;
  const recorded = docket?.payments.filter((p) => p.status === 'recorded') ?? [];
  const cancelled = docket?.payments.filter((p) => p.status === 'cancelled') ?? [];
  const title = docket ? d.heading(label) : d.title;
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(error)} />
      <h1>{title}</h1>
      <Form method="get" className="toolbar no-print">
        <TextField
          name="mois"
          label={d.month}
          hint={d.monthHint}
          error={error ?? undefined}
          defaultValue={month || monthOf(parisToday(new Date()))}
          pattern="\d{4}-\d{2}"
          maxLength={7}
        />
        <button type="submit" className="button">
          {d.show}
        </button>
      </Form>
      {docket ? (
        <>
          <p className="actions-bar no-print">
            <a className="button button--secondary" href={`/admin/regie/bordereau/csv?mois=${month}`} download>
              {d.csv}
            </a>
          </p>
          <p className="no-print field__hint">{d.print}</p>
          <p>{d.summary(recorded.length, money(docket.totalCents))}</p>
          <div className="table-wrapper" tabIndex={0}>
            <table className="table">
              <caption>{d.byMethodCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{d.methodColumns.method}</th>
                  <th scope="col">{d.methodColumns.count}</th>
                  <th scope="col">{d.methodColumns.total}</th>
                </tr>
              </thead>
              <tbody>
                {docket.byMethod.map((row) => (
                  <tr key={row.method}>
                    <th scope="row">{t.regie.methods[row.method] ?? row.label}</th>
                    <td className="num">{row.count}</td>
                    <td className="num">{money(row.totalCents)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{d.total}</th>
                  <td className="num">{recorded.length}</td>
                  <td className="num">{money(docket.totalCents)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <PaymentsTable caption={d.paymentsCaption} rows={recorded} empty={d.none} withReason={false} />
          <PaymentsTable caption={d.cancelledCaption} rows={cancelled} empty={d.noneCancelled} withReason />
        </>
      ) : null}
    </>
  );
}

function PaymentsTable({
  caption,
  rows,
  empty,
  withReason,
}: {
  caption: string;
  rows: Docket['payments'];
  empty: string;
  withReason: boolean;
}) {
  const t = useT();
  const c = t.regie.docket.columns;
  const money = t.planning.money;
  if (rows.length === 0) return <p>{empty}</p>;
  const columns = [
    c.receipt,
    c.receivedOn,
    c.family,
    c.fileNumber,
    c.method,
    c.reference,
    c.payer,
    c.amount,
    withReason ? c.reason : c.credited,
  ];
  return (
    <DataTable caption={caption} columns={columns}>
      {rows.map((p) => (
        <tr key={p.id}>
          <th scope="row">{p.receiptNumber}</th>
          <td>{p.receivedOn}</td>
          <td>{p.familyName}</td>
          <td>{p.fileNumber}</td>
          <td>{t.regie.methods[p.method] ?? p.method}</td>
          <td>{p.reference || '—'}</td>
          <td>{p.payerName}</td>
          <td className="num">{money(p.amountCents)}</td>
          <td>{withReason ? p.cancelReason : p.creditedCents > 0 ? money(p.creditedCents) : '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}
