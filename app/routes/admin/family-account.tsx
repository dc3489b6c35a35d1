/** Staff: a family's full account (the ledger the family reads in its portal), for the roles that read invoices. */
import { Link } from 'react-router';
import type { Route } from './+types/family-account';
import { DataTable } from '../../components/data-table';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { idParam } from '../../web/back-office';
import { formatParisDateTime } from '../../web/format';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.invoices');
  const id = idParam(params.familyId);
  const family = id ? await context.services.invoicingReports.family(id) : null;
  if (!family) throw new Response('Not Found', { status: 404 });
  const account = await context.services.invoicing.account(family.id);
  return { family, restantDuCents: account.restantDuCents, ledger: account.ledger };
}

export default function FamilyAccount({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const l = t.invoicingAdmin.ledger;
  const money = t.invoicingAdmin.money;
  const { family, restantDuCents, ledger } = loaderData;
  const title = l.title(family.name);
  return (
    <>
      <PageTitle title={title} />
      <p>
        <Link to={`/admin/familles/${family.id}`}>{l.back}</Link>
      </p>
      <h1>{title}</h1>
      <p className="lead">{l.restantDu(money(restantDuCents))}</p>
      <p>{l.intro}</p>
      {ledger.length === 0 ? (
        <p>{l.none}</p>
      ) : (
        <DataTable caption={l.caption} columns={[l.columns.date, l.columns.label, l.columns.amount, l.columns.balance]}>
          {ledger.map((row) => (
            <tr key={row.id}>
              <td>
                <time dateTime={row.at}>{formatParisDateTime(row.at)}</time>
              </td>
              <th scope="row">{row.invoiceId ? <Link to={`/admin/factures/${row.invoiceId}`}>{row.label}</Link> : row.label}</th>
              <td className="num">{money(row.amountCents)}</td>
              <td className="num">{money(row.balanceCents)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
