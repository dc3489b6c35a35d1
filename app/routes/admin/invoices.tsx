/**
 * Staff: find invoices by number, family name or file number, month, status (open / paid / cancelled) or only the
 * overdue ones — a plain GET form, the most recent first.
 */
import { Form, Link } from 'react-router';
import type { Route } from './+types/invoices';
import { INVOICE_STATUSES, parseInvoiceFilter } from '../../../core/backoffice/invoicing-reports';
import { parisToday } from '../../../core/calendar/paris-time';
import { monthLabel } from '../../../core/invoicing/month';
import { DataTable } from '../../components/data-table';
import { CheckboxField, SelectField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { shortDate } from '../../components/planning/format';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.invoices');
  const today = parisToday(context.services.clock.now());
  const filter = parseInvoiceFilter(new URL(request.url).searchParams, today);
  const invoices = await context.services.invoicingReports.searchInvoices(filter);
  return { filter, invoices, today };
}

export default function Invoices({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const i = t.invoicingAdmin.invoices;
  const money = t.invoicingAdmin.money;
  const { filter, invoices, today } = loaderData;
  const c = i.columns;
  return (
    <>
      <PageTitle title={i.title} />
      <h1>{i.title}</h1>
      <section aria-labelledby="recherche-factures" className="card">
        <h2 id="recherche-factures">{i.searchTitle}</h2>
        <Form method="get" className="toolbar">
          <TextField name="q" label={i.query} defaultValue={filter.query ?? ''} type="search" />
          <TextField name="mois" label={i.month} defaultValue={filter.month ?? ''} inputMode="numeric" />
          <SelectField name="statut" label={i.status} defaultValue={filter.status ?? ''}>
            <option value="">{i.anyStatus}</option>
            {INVOICE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t.invoicingAdmin.status[status]}
              </option>
            ))}
          </SelectField>
          <CheckboxField name="retard" value="1" label={i.overdue} defaultChecked={filter.overdueBefore !== null} />
          <button type="submit" className="button">
            {i.search}
          </button>
        </Form>
      </section>
      {invoices.length === 0 ? (
        <p>{i.none}</p>
      ) : (
        <DataTable
          caption={i.caption(invoices.length, filter.limit)}
          columns={[c.number, c.month, c.family, c.fileNumber, c.total, c.open, c.due, c.status]}
        >
          {invoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                <Link to={`/admin/factures/${invoice.id}`}>{invoice.reference}</Link>
              </th>
              <td>{monthLabel(invoice.month)}</td>
              <td>{invoice.familyName}</td>
              <td>{invoice.fileNumber}</td>
              <td className="num">{money(invoice.totalCents)}</td>
              <td className="num">{money(invoice.openCents)}</td>
              <td>
                {shortDate(invoice.dueDate)}
                {invoice.status === 'open' && invoice.dueDate < today ? <span className="badge badge--pai">{i.overdueBadge}</span> : null}
              </td>
              <td>{t.invoicingAdmin.status[invoice.status] ?? invoice.status}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
