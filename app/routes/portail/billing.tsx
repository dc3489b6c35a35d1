/**
 * Facturation › « Payer mes factures »: the family's unpaid invoices (number, month, amount, what is left, due date,
 * PDF), ticked and paid at once through the payment layer (the provider's page, then /portail/paiement/:id); those
 * debited by SEPA show their debit date and cannot be ticked. Then the Restant dû and credit, the invoices already
 * settled with their PDFs and credit notes, and the yearly childcare attestation of each child under 6.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/billing';
import { parisToday } from '../../../core/calendar';
import { isUnderSixForTaxYear } from '../../../core/invoicing/documents';
import type { Invoice } from '../../../core/invoicing/ports';
import {
  attestationPdfPath,
  BillingNav,
  creditNotePdfPath,
  dayWords,
  invoicePdfPath,
  monthWords,
  RestantDu,
} from '../../components/billing/parts';
import { ErrorSummary } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import billingStyles from '../../styles/billing.css?url';
import { requireFamily } from '../../web/guards';
import { payFamilyInvoices } from '../../web/invoice-payment';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: billingStyles }];

type InvoiceRow = Pick<Invoice, 'id' | 'reference' | 'month' | 'totalCents' | 'openCents' | 'dueDate' | 'debitDate' | 'status'> & {
  byDebit: boolean;
  creditNotes: { id: string; reference: string }[];
};

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const { invoicing, payments, store, clock } = context.services;
  const [account, invoices, running, file] = await Promise.all([
    invoicing.account(familyId),
    invoicing.familyInvoices(familyId),
    payments.running(familyId),
    store.familyFile.file(familyId),
  ]);
  const rows: InvoiceRow[] = await Promise.all(
    invoices.map(async (invoice) => {
      const detail = invoice.creditedCents > 0 ? await invoicing.invoice(invoice.id, familyId) : null;
      return {
        id: invoice.id,
        reference: invoice.reference,
        month: invoice.month,
        totalCents: invoice.totalCents,
        openCents: invoice.openCents,
        dueDate: invoice.dueDate,
        debitDate: invoice.debitDate,
        status: invoice.status,
        byDebit: Boolean(invoice.mandateId && invoice.debitDate),
        creditNotes: (detail?.creditNotes ?? []).map((note) => ({ id: note.id, reference: note.reference })),
      };
    }),
  );
  const byMonth = (a: InvoiceRow, b: InvoiceRow) => a.month.localeCompare(b.month) || a.reference.localeCompare(b.reference);
  // The tax return is filed for last year; this year's attestation shows what is paid so far.
  const thisYear = Number(parisToday(clock.now()).slice(0, 4));
  const attestations = (file?.children ?? []).flatMap((child) =>
    [thisYear - 1, thisYear]
      .filter((year) => child.birthDate <= `${year}-12-31` && isUnderSixForTaxYear(child.birthDate, year))
      .map((year) => ({ childId: child.id, name: child.firstName, year })),
  );
  return {
    restantDuCents: account.restantDuCents,
    creditCents: account.creditCents,
    open: rows.filter((r) => r.status === 'open').sort(byMonth),
    settled: rows.filter((r) => r.status !== 'open').sort((a, b) => byMonth(b, a)),
    running: running.filter((tx) => tx.purpose === 'invoices').map((tx) => ({ id: tx.id, amountCents: tx.amountCents })),
    attestations,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const words = catalogFor(context.lang).billing.payErrors;
  const form = await request.formData();
  if (form.get('intent') !== 'pay') throw new Response('Bad Request', { status: 400 });
  const outcome = await payFamilyInvoices(context, { session, familyId, ids: form.getAll('facture') });
  if (outcome.ok) return redirect(outcome.location, 303);
  const message = words[outcome.error] ?? words.bad_request;
  const status = outcome.error === 'payment_running' || outcome.error === 'not_payable' ? 409 : 400;
  return data(
    { errors: { form: outcome.detail && outcome.error === 'provider_refused' ? `${message} (${outcome.detail})` : message } },
    { status },
  );
}

export default function Billing({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const b = t.billing;
  const c = b.columns;
  const money = t.planning.money;
  const { open, settled, running, attestations } = loaderData;
  const errors = actionData?.errors;
  const selectable = open.filter((invoice) => !invoice.byDebit);
  return (
    <>
      <PageTitle title={b.pay.title} hasErrors={Boolean(errors)} />
      <h1>{b.pay.title}</h1>
      <BillingNav />
      <ErrorSummary errors={errors} labels={{}} />
      {running.map((tx) => (
        <div key={tx.id} className="notice notice--info" role="status">
          <p>
            <strong>{b.pay.runningTitle}.</strong> {b.pay.running(money(tx.amountCents))}{' '}
            <Link to={`/portail/paiement/${tx.id}`}>{b.pay.runningLink}</Link>
          </p>
        </div>
      ))}
      <RestantDu restantDuCents={loaderData.restantDuCents} creditCents={loaderData.creditCents} />

      {open.length === 0 ? (
        <p className="card">{b.pay.empty}</p>
      ) : (
        <Form method="post" reloadDocument className="billing-pay">
          <input type="hidden" name="intent" value="pay" />
          {selectable.length > 0 ? <p>{b.pay.intro}</p> : null}
          {selectable.length < open.length ? <p>{b.pay.debitNote}</p> : null}
          <div className="table-wrapper" tabIndex={0}>
            <table className="stack-table billing-table">
              <caption>{b.pay.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.select}</th>
                  <th scope="col">{c.number}</th>
                  <th scope="col">{c.month}</th>
                  <th scope="col" className="num">
                    {c.amount}
                  </th>
                  <th scope="col" className="num">
                    {c.remaining}
                  </th>
                  <th scope="col">{c.dueDate}</th>
                  <th scope="col">{c.pdf}</th>
                </tr>
              </thead>
              <tbody>
                {open.map((invoice) => (
                  <tr key={invoice.id}>
                    <td data-label={c.select}>
                      {invoice.byDebit ? (
                        b.pay.debitPlanned(dayWords(invoice.debitDate!))
                      ) : (
                        <>
                          <input type="checkbox" name="facture" value={invoice.id} id={`facture-${invoice.id}`} />
                          <label htmlFor={`facture-${invoice.id}`}>
                            <span className="visually-hidden">{b.pay.selectLabel(invoice.reference, monthWords(t, invoice.month))}</span>
                          </label>
                        </>
                      )}
                    </td>
                    <th scope="row" data-label={c.number}>
                      {invoice.reference}
                    </th>
                    <td data-label={c.month}>{monthWords(t, invoice.month)}</td>
                    <td data-label={c.amount} className="num">
                      {money(invoice.totalCents)}
                    </td>
                    <td data-label={c.remaining} className="num">
                      {money(invoice.openCents)}
                    </td>
                    <td data-label={c.dueDate}>
                      <time dateTime={invoice.dueDate}>{dayWords(invoice.dueDate)}</time>
                    </td>
                    <td data-label={c.pdf}>
                      <DocumentLinks invoice={invoice} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {selectable.length > 0 ? (
            <p className="actions">
              <button type="submit" className="button">
                {b.pay.submit}
              </button>
            </p>
          ) : null}
        </Form>
      )}

      <div className="table-wrapper" tabIndex={0}>
        <table className="stack-table billing-table">
          <caption>{b.pay.paidCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{c.number}</th>
              <th scope="col">{c.month}</th>
              <th scope="col" className="num">
                {c.amount}
              </th>
              <th scope="col">{c.paidOn}</th>
              <th scope="col">{c.pdf}</th>
            </tr>
          </thead>
          <tbody>
            {settled.length === 0 ? (
              <tr>
                <td colSpan={5}>{b.pay.paidEmpty}</td>
              </tr>
            ) : (
              settled.map((invoice) => (
                <tr key={invoice.id}>
                  <th scope="row" data-label={c.number}>
                    {invoice.reference}
                  </th>
                  <td data-label={c.month}>{monthWords(t, invoice.month)}</td>
                  <td data-label={c.amount} className="num">
                    {money(invoice.totalCents)}
                  </td>
                  <td data-label={c.paidOn}>{b.pay.paidStatus[invoice.status] ?? invoice.status}</td>
                  <td data-label={c.pdf}>
                    <DocumentLinks invoice={invoice} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <p>
        <Link to="/portail/facturation/historique">{b.pay.historyLink}</Link>
      </p>

      <section aria-labelledby="attestations-title" className="card">
        <h2 id="attestations-title">{b.attestation.title}</h2>
        <p>{b.attestation.intro}</p>
        {attestations.length === 0 ? (
          <p>{b.attestation.none}</p>
        ) : (
          <ul>
            {attestations.map((a) => (
              <li key={`${a.childId}-${a.year}`}>
                <a href={attestationPdfPath(a.childId, a.year)} download>
                  {b.attestation.link(a.name, a.year)}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The invoice's PDF and those of its credit notes: plain links to attachment downloads. */
function DocumentLinks({ invoice }: { invoice: InvoiceRow }) {
  const t = useT();
  return (
    <ul className="billing-documents">
      <li>
        <a href={invoicePdfPath(invoice.id)} download>
          {t.billing.pay.pdfLink(invoice.reference)}
        </a>
      </li>
      {invoice.creditNotes.map((note) => (
        <li key={note.id}>
          <a href={creditNotePdfPath(note.id)} download>
            {t.billing.pay.creditNoteLink(note.reference)}
          </a>
        </li>
      ))}
    </ul>
  );
}
