/** The « Facturation » section of a family's file: Restant dû, credit, open invoices, last payments, the ledger. */
import { Link } from 'react-router';
import { monthLabel } from '../../core/invoicing/month';
import { useT } from '../i18n';
import type { FamilyBilling } from '../web/family-billing';
import { DataTable } from './data-table';
import { shortDate } from './planning/format';

export function FamilyBillingSection({
  familyId,
  fileNumber,
  billing,
  today,
}: {
  familyId: string;
  fileNumber: string;
  billing: FamilyBilling;
  today: string;
}) {
  const t = useT();
  const f = t.invoicingAdmin.family;
  const c = t.invoicingAdmin.invoices.columns;
  const p = f.paymentColumns;
  const money = t.invoicingAdmin.money;
  return (
    <section aria-labelledby="facturation" className="card">
      <h2 id="facturation">{f.title}</h2>
      <dl className="dl-grid">
        <dt>{f.restantDu}</dt>
        <dd>{money(billing.restantDuCents)}</dd>
        <dt>{f.owed}</dt>
        <dd>{money(billing.owedOnInvoicesCents)}</dd>
        <dt>{f.credit}</dt>
        <dd>{money(billing.creditCents)}</dd>
      </dl>
      <h3>{f.openTitle}</h3>
      {billing.openInvoices.length === 0 ? (
        <p>{f.openNone}</p>
      ) : (
        <DataTable caption={f.openCaption} columns={[c.number, c.month, c.due, c.open]}>
          {billing.openInvoices.map((invoice) => (
            <tr key={invoice.id}>
              <th scope="row">
                <Link to={`/admin/factures/${invoice.id}`}>{invoice.reference}</Link>
              </th>
              <td>{monthLabel(invoice.month)}</td>
              <td>
                {shortDate(invoice.dueDate)}
                {invoice.dueDate < today ? <span className="badge badge--pai">{t.invoicingAdmin.invoices.overdueBadge}</span> : null}
              </td>
              <td className="num">{money(invoice.openCents)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3>{f.paymentsTitle}</h3>
      {billing.payments.length === 0 ? (
        <p>{f.paymentsNone}</p>
      ) : (
        <DataTable caption={f.paymentsCaption} columns={[p.date, p.source, p.reference, p.amount, p.state]}>
          {billing.payments.map((payment) => (
            <tr key={payment.id}>
              <td>{shortDate(payment.day)}</td>
              <td>{t.invoicingAdmin.sources[payment.source] ?? payment.source}</td>
              <th scope="row">{payment.reference}</th>
              <td className="num">{money(payment.amountCents)}</td>
              <td>{t.invoicingAdmin.paymentStatus[payment.status] ?? payment.status}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <ul>
        <li>
          <Link to={`/admin/factures?q=${encodeURIComponent(fileNumber)}`}>{f.allInvoices}</Link>
        </li>
        <li>
          <Link to={`/admin/familles/${familyId}/compte`}>{f.ledger}</Link>
        </li>
      </ul>
    </section>
  );
}
