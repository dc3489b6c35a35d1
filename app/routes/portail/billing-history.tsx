/**
 * Facturation › « Consulter l'historique de mon compte »: the account's ledger, oldest first (invoices, payments,
 * credit notes, debits and their rejects, the credit's movements), each row with its effect and the running balance;
 * the balance after the last row is the Restant dû shown on the planning and on Payer mes factures
 * (core/invoicing/account.ts computes both).
 */
import type { Route } from './+types/billing-history';
import { BillingNav, RestantDu } from '../../components/billing/parts';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import billingStyles from '../../styles/billing.css?url';
import { formatParisDateTime } from '../../web/format';
import { requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: billingStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const account = await context.services.invoicing.account(familyId);
  return {
    restantDuCents: account.restantDuCents,
    creditCents: account.creditCents,
    ledger: account.ledger.map((row) => ({
      id: row.id,
      at: row.at,
      label: row.label,
      amountCents: row.amountCents,
      balanceCents: row.balanceCents,
    })),
  };
}

/** « +42,50 € » / « −12,00 € » / « 0,00 € »: the sign says which way the row moved the balance. */
function signed(money: (cents: number) => string, cents: number): string {
  if (cents > 0) return `+${money(cents)}`;
  if (cents < 0) return `−${money(-cents)}`;
  return money(0);
}

export default function BillingHistory({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const h = t.billing.history;
  const c = t.billing.columns;
  const money = t.planning.money;
  const { ledger } = loaderData;
  const last = ledger.length > 0 ? ledger[ledger.length - 1].balanceCents : 0;
  return (
    <>
      <PageTitle title={h.title} />
      <h1>{h.title}</h1>
      <BillingNav />
      <RestantDu restantDuCents={loaderData.restantDuCents} creditCents={loaderData.creditCents} />
      <p>{h.intro}</p>
      <div className="table-wrapper" tabIndex={0}>
        <table className="stack-table billing-table billing-ledger">
          <caption>{h.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{c.date}</th>
              <th scope="col">{c.label}</th>
              <th scope="col" className="num">
                {c.movement}
              </th>
              <th scope="col" className="num">
                {c.balance}
              </th>
            </tr>
          </thead>
          <tbody>
            {ledger.length === 0 ? (
              <tr>
                <td colSpan={4}>{h.empty}</td>
              </tr>
            ) : (
              ledger.map((row) => (
                <tr key={row.id}>
                  <td data-label={c.date}>
                    <time dateTime={row.at}>{formatParisDateTime(row.at)}</time>
                  </td>
                  <td data-label={c.label}>{row.label}</td>
                  <td data-label={c.movement} className="num">
                    {signed(money, row.amountCents)}
                  </td>
                  <td data-label={c.balance} className="num">
                    {money(row.balanceCents)}
                  </td>
                </tr>
              ))
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                {h.finalBalance}
              </th>
              <td className="num billing-ledger__final" data-label={h.finalBalance}>
                <strong>{money(last)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {last < 0 ? <p>{h.creditNote}</p> : null}
    </>
  );
}
