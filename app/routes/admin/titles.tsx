/** « Titres à émettre »: open invoices past their due date above the threshold, with the CSV and JSON files. */
import type { Route } from './+types/titles';
import { TITLE_THRESHOLD_CENTS } from '../../../core/invoicing/receivables';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import regieStyles from '../../styles/regie.css?url';
import { requirePermission } from '../../web/guards';
import { shortDate } from '../../web/regie';
import { DataTable } from '../../components/data-table';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: regieStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.regie');
  const { titles } = await context.services.invoicing.receivables();
  return { titles, totalCents: titles.reduce((sum, t) => sum + t.amountCents, 0) };
}

export default function Titles({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const r = t.regie.titles;
  const c = r.columns;
  const money = t.planning.money;
  const { titles, totalCents } = loaderData;
  return (
    <>
      <PageTitle title={r.title} />
      <h1>{r.title}</h1>
      <p>{r.intro(money(TITLE_THRESHOLD_CENTS))}</p>
      <p className="actions-bar">
        <a className="button button--secondary" href="/admin/titres/titres.csv" download>
          {r.csv}
        </a>
        <a className="button button--secondary" href="/admin/titres/titres.json" download>
          {r.json}
        </a>
      </p>
      {titles.length === 0 ? (
        <p>{r.none}</p>
      ) : (
        <DataTable
          caption={r.caption(titles.length, money(totalCents))}
          columns={[c.reference, c.debtor, c.address, c.fileNumber, c.amount, c.object, c.period, c.dueDate, c.mandate]}
        >
          {titles.map((title) => (
            <tr key={title.reference}>
              <th scope="row">{title.reference}</th>
              <td>{title.debtorName}</td>
              <td>{title.debtorAddress.join(', ')}</td>
              <td>{title.fileNumber}</td>
              <td className="num">{money(title.amountCents)}</td>
              <td>{title.object}</td>
              <td>{r.period(shortDate(title.periodFrom), shortDate(title.periodTo))}</td>
              <td>{shortDate(title.dueDate)}</td>
              <td>{title.mandate ? `${title.mandate.rum} (${title.mandate.ibanMasked})` : r.noMandate}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
