/**
 * The result of a payment: exactly what was booked and paid (each line with its pricing rule and its outcome), the
 * amount charged, the credit used, the receipt number — or, when the bank refused or the parent abandoned, that
 * nothing was booked and the days are back in the récapitulatif. While the bank has not answered, the page asks the
 * provider (PayFiP, demo bank) and refreshes itself every 5 seconds (a <meta refresh>: it works without JavaScript).
 */
import { Form, Link, redirect } from 'react-router';
import type { Route } from './+types/payment';
import type { PaymentLine } from '../../../core/payments/model';
import { BILLING_PATH } from '../../components/billing/parts';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { RECAP_PATH } from '../../components/planning/basket-banner';
import { shortDate } from '../../components/planning/format';
import { catalogFor, useT, type Catalog } from '../../i18n';
import paymentStyles from '../../styles/payments.css?url';
import { formatParisDateTime } from '../../web/format';
import { requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: paymentStyles }];

const UUID = /^[0-9a-f-]{36}$/;

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const view = UUID.test(params.paymentId) ? await context.services.payments.view(familyId, params.paymentId, { refresh: true }) : null;
  if (!view) throw new Response('Not Found', { status: 404 });
  const next = view.siblings.find(
    (t) => t.state === 'started' && t.id !== view.transaction.id && t.checkoutPosition > view.transaction.checkoutPosition,
  );
  return { view, hasNext: Boolean(next) && view.transaction.state === 'paid' };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { familyId } = await requireFamily(request, context);
  const form = await request.formData();
  if (form.get('intent') !== 'continue' || !UUID.test(params.paymentId)) throw new Response('Bad Request', { status: 400 });
  const result = await context.services.payments.continueCheckout({ familyId, transactionId: params.paymentId });
  if (!result.ok) {
    const e = catalogFor(context.lang).payments.errors;
    return { errors: { form: e[result.error] ?? e.bad_request } };
  }
  return redirect(result.value.kind === 'redirect' ? result.value.url : `/portail/paiement/${result.value.transactionId}`, 303);
}

function outcomeText(r: Catalog['payments']['result'], line: PaymentLine, failureReasons: Record<string, string>): string {
  if (!line.outcome || line.kind === 'carried') return '';
  if (line.outcome.startsWith('failed:')) {
    const reason = line.outcome.slice(7);
    return r.failedOutcome(failureReasons[reason] ?? reason);
  }
  return r.outcomes[line.outcome] ?? line.outcome;
}

export default function Payment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const pay = t.payments;
  const r = pay.result;
  const p = t.planning;
  const { view, hasNext } = loaderData;
  const tx = view.transaction;
  const running = tx.state === 'started' || tx.state === 'waiting';
  const failed = tx.state === 'denied' || tx.state === 'cancelled' || tx.state === 'expired' || tx.state === 'error';
  const byCredit = tx.state === 'paid' && tx.provider === 'credit';
  const titleKey = byCredit ? 'credit' : tx.state;
  const when = formatParisDateTime(tx.settledAt ?? tx.updatedAt);
  const lines = view.lines as PaymentLine[];
  const paidCount = view.siblings.filter((s) => s.state === 'paid').length;
  // Invoices paid from Facturation: nothing is booked, and the way back is the invoices page.
  const forInvoices = tx.purpose === 'invoices';
  const inv = t.billing.result;
  const title = forInvoices && byCredit ? inv.paidByCredit : (r.titles[titleKey] ?? r.titles.error);
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(actionData?.errors)} />
      {running ? <meta httpEquiv="refresh" content="5" /> : null}
      <h1>{title}</h1>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      {tx.state === 'paid' ? (
        <Notice tone="success">
          <p>{tx.provider === 'credit' ? r.credit(when) : r.paid(p.money(tx.amountCents), when)}</p>
          <p>{r.receiptSent}</p>
        </Notice>
      ) : null}
      {running ? (
        <Notice>
          <p>{r.waiting}</p>
          <p>
            <Link to={`/portail/paiement/${tx.id}`} reloadDocument>
              {r.refresh}
            </Link>
            {tx.redirectUrl ? (
              <>
                {' · '}
                <a href={tx.redirectUrl}>{r.goToBank}</a>
              </>
            ) : null}
          </p>
        </Notice>
      ) : null}
      {failed ? (
        <div className="notice notice--warning" role="status">
          <p>{r.failed[tx.state] ?? r.failed.error}</p>
          <p>{forInvoices ? inv.nothingPaid : r.nothingBooked}</p>
        </div>
      ) : null}
      <ul className="payment-result__facts">
        {tx.receiptNumber ? <li>{r.receipt(tx.receiptNumber)}</li> : null}
        <li>{r.reference(tx.reference)}</li>
        {view.siblings.length > 1 ? <li>{r.checkout(paidCount, view.siblings.length)}</li> : null}
      </ul>
      <div className="table-wrapper" tabIndex={0}>
        <table className="stack-table recap-table payment-result__table">
          <caption>
            {forInvoices ? (tx.state === 'paid' ? inv.caption : inv.captionPending) : tx.state === 'paid' ? r.caption : r.captionPending}
          </caption>
          <thead>
            <tr>
              <th scope="col">{r.columns.date}</th>
              <th scope="col">{r.columns.element}</th>
              {forInvoices ? null : <th scope="col">{r.columns.operation}</th>}
              {forInvoices ? null : <th scope="col">{r.columns.pricing}</th>}
              <th scope="col" className="num">
                {r.columns.amount}
              </th>
              {tx.state === 'paid' ? <th scope="col">{r.columns.outcome}</th> : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.id}>
                <td data-label={r.columns.date}>{line.day ? <time dateTime={line.day}>{shortDate(line.day)}</time> : '—'}</td>
                <td data-label={r.columns.element}>
                  {line.kind === 'booking'
                    ? p.recap.element(
                        line.childFirstName ?? '',
                        line.activityName ?? '',
                        p.recap.kinds[line.activityKind ?? ''] ?? line.activityKind ?? '',
                      )
                    : line.priceLabel}
                </td>
                {forInvoices ? null : <td data-label={r.columns.operation}>{line.action ? r.operation[line.action] : '—'}</td>}
                {forInvoices ? null : (
                  <td data-label={r.columns.pricing}>{line.kind === 'booking' ? p.recap.pricing(line.priceLabel) : '—'}</td>
                )}
                <td data-label={r.columns.amount} className="num">
                  {p.money(line.amountCents)}
                </td>
                {tx.state === 'paid' ? <td data-label={r.columns.outcome}>{outcomeText(r, line, pay.unavailableReasons)}</td> : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="payment-result__total">
              <th scope="row" colSpan={forInvoices ? 2 : 4}>
                {tx.state === 'paid' ? r.totalLabel : r.totalPending}
              </th>
              <td className="num" data-label={tx.state === 'paid' ? r.totalLabel : r.totalPending}>
                <strong>{p.money(tx.amountCents)}</strong>
              </td>
              {tx.state === 'paid' ? <td aria-hidden="true" className="stack-hide" /> : null}
            </tr>
          </tfoot>
        </table>
      </div>
      {hasNext ? (
        <Form method="post" reloadDocument>
          <input type="hidden" name="intent" value="continue" />
          <button type="submit" className="button">
            {r.next(paidCount + 1, view.siblings.length)}
          </button>
        </Form>
      ) : null}
      <p className="actions">
        {forInvoices ? (
          <Link className="button button--secondary" to={BILLING_PATH}>
            {inv.back}
          </Link>
        ) : (
          <>
            {failed || running ? (
              <Link className="button button--secondary" to={RECAP_PATH}>
                {r.backToRecap}
              </Link>
            ) : null}
            <Link className="button button--secondary" to="/portail/planning">
              {r.backToPlanning}
            </Link>
          </>
        )}
      </p>
    </>
  );
}
