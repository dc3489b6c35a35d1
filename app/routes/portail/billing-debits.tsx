/**
 * Facturation › « Mes prélèvements »: the family's SEPA mandate (IBAN masked, RUM, signature date) or how to set one
 * up at the régie; the debits to come (open invoices with a debit date, not yet sent to the bank) and the debits
 * already sent, with the bank's reason when one was rejected.
 */
import type { Route } from './+types/billing-debits';
import { parisToday } from '../../../core/calendar';
import { maskIban } from '../../../core/invoicing/sepa-mandate';
import { BillingNav, dayWords } from '../../components/billing/parts';
import { PageTitle } from '../../components/page-title';
import { useT } from '../../i18n';
import billingStyles from '../../styles/billing.css?url';
import { requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: billingStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const { invoicing } = context.services;
  const [mandates, debits, invoices] = await Promise.all([
    invoicing.mandates(familyId),
    invoicing.familyDebits(familyId),
    invoicing.familyInvoices(familyId),
  ]);
  const sent = new Set(debits.filter((d) => d.status === 'submitted').map((d) => d.invoiceId));
  return {
    // The full IBAN never leaves the server.
    mandates: mandates.map((m) => ({
      id: m.id,
      holderName: m.holderName,
      iban: maskIban(m.iban),
      rum: m.rum,
      signedOn: m.signedOn,
      status: m.status,
      revokedOn: m.revokedAt ? parisToday(new Date(m.revokedAt)) : null,
    })),
    upcoming: invoices
      .filter((i) => i.status === 'open' && i.mandateId && i.debitDate && !sent.has(i.id))
      .sort((a, b) => a.debitDate!.localeCompare(b.debitDate!))
      .map((i) => ({ id: i.id, day: i.debitDate!, reference: i.reference, amountCents: i.openCents })),
    past: [...debits]
      .sort((a, b) => b.collectionDate.localeCompare(a.collectionDate) || b.createdAt.localeCompare(a.createdAt))
      .map((d) => ({
        id: d.id,
        day: d.collectionDate,
        reference: d.invoiceReference,
        amountCents: d.amountCents,
        status: d.status,
        reason: d.rejectReason,
      })),
  };
}

export default function BillingDebits({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const d = t.billing.debits;
  const money = t.planning.money;
  const { mandates, upcoming, past } = loaderData;
  const active = mandates.filter((m) => m.status === 'active');
  const revoked = mandates.filter((m) => m.status === 'revoked');
  return (
    <>
      <PageTitle title={d.title} />
      <h1>{d.title}</h1>
      <BillingNav />
      <section aria-labelledby="mandate-title" className="card">
        <h2 id="mandate-title">{d.mandateTitle}</h2>
        {active.length === 0 ? <p>{d.noMandate}</p> : null}
        {active.map((m) => (
          <dl key={m.id} className="billing-mandate">
            <dt>{d.mandate.holder}</dt>
            <dd>{m.holderName}</dd>
            <dt>{d.mandate.iban}</dt>
            <dd className="billing-mandate__iban">{m.iban}</dd>
            <dt>{d.mandate.rum}</dt>
            <dd>{m.rum}</dd>
            <dt>{d.mandate.signedOn}</dt>
            <dd>
              <time dateTime={m.signedOn}>{dayWords(m.signedOn)}</time>
            </dd>
          </dl>
        ))}
        {revoked.map((m) => (
          <p key={m.id} className="muted">
            {`${m.rum} (${m.iban}) : `}
            {m.revokedOn ? d.revoked(dayWords(m.revokedOn)) : null}
          </p>
        ))}
      </section>
      <DebitTable caption={d.upcomingCaption} empty={d.upcomingEmpty} rows={upcoming.map((r) => ({ ...r, state: null }))} money={money} />
      <DebitTable
        caption={d.pastCaption}
        empty={d.pastEmpty}
        rows={past.map((r) => ({ ...r, state: r.status === 'rejected' ? d.rejected(r.reason ?? '') : (d.status[r.status] ?? r.status) }))}
        money={money}
      />
      {past.some((r) => r.status === 'rejected') ? <p>{d.rejectNote}</p> : null}
    </>
  );
}

function DebitTable(props: {
  caption: string;
  empty: string;
  rows: { id: string; day: string; reference: string; amountCents: number; state: string | null }[];
  money: (cents: number) => string;
}) {
  const c = useT().billing.debits.columns;
  const withState = props.rows.some((r) => r.state !== null);
  const columns = withState ? 4 : 3;
  return (
    <div className="table-wrapper" tabIndex={0}>
      <table className="stack-table billing-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.date}</th>
            <th scope="col">{c.invoice}</th>
            <th scope="col" className="num">
              {c.amount}
            </th>
            {withState ? <th scope="col">{c.status}</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={columns}>{props.empty}</td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr key={row.id}>
                <td data-label={c.date}>
                  <time dateTime={row.day}>{dayWords(row.day)}</time>
                </td>
                <td data-label={c.invoice}>{row.reference}</td>
                <td data-label={c.amount} className="num">
                  {props.money(row.amountCents)}
                </td>
                {withState ? <td data-label={c.status}>{row.state}</td> : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
