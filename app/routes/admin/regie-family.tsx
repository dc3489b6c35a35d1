/**
 * Régie: one family's account at the desk — Restant dû and credit, open invoices, « Enregistrer un paiement »
 * (receipt number, allocation, any surplus stated as credit), the desk payments with « Annuler » (reason required),
 * and the family's SEPA mandate (record a new signed one, revoke). Every form posts and redirects (no JavaScript
 * needed; a reload never records a payment twice).
 */
import { data, Link, redirect } from 'react-router';
import type { Route } from './+types/regie-family';
import { parisToday } from '../../../core/calendar';
import { monthLabel } from '../../../core/invoicing/month';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { MandatePanel } from '../../components/regie/mandate-panel';
import { PaymentForm } from '../../components/regie/payment-form';
import { RegiePayments } from '../../components/regie/regie-payments';
import { ReceiptNotice } from '../../components/regie/receipt-notice';
import { catalogFor, useT } from '../../i18n';
import regieStyles from '../../styles/regie.css?url';
import { idParam } from '../../web/back-office';
import { actorOf, requirePermission } from '../../web/guards';
import { notFoundPage, regieFamily } from '../../web/regie';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: regieStyles }];

async function receipt(context: Route.LoaderArgs['context'], familyId: string, paymentId: string | null) {
  if (!paymentId) return null;
  const invoicing = context.services.invoicing;
  const payment = (await invoicing.familyRegiePayments(familyId)).find((p) => p.id === paymentId && p.status === 'recorded');
  if (!payment) return null;
  const [allocations, invoices] = await Promise.all([
    invoicing.paymentAllocations(payment.id),
    invoicing.familyInvoices(familyId),
  ]);
  const references = new Map(invoices.map((i) => [i.id, i.reference]));
  return {
    receiptNumber: payment.receiptNumber,
    amountCents: payment.amountCents,
    creditedCents: payment.creditedCents,
    allocations: allocations
      .filter((a) => a.reversedAt === null)
      .map((a) => ({ reference: references.get(a.invoiceId) ?? '', amountCents: a.amountCents })),
  };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.regie');
  const family = await regieFamily(context, params.familyId);
  if (!family) throw notFoundPage();
  const query = new URL(request.url).searchParams;
  const invoicing = context.services.invoicing;
  const [account, payments, mandates, recorded] = await Promise.all([
    invoicing.account(family.id),
    invoicing.familyRegiePayments(family.id),
    invoicing.mandates(family.id),
    receipt(context, family.id, idParam(query.get('recu'))),
  ]);
  return {
    family,
    today: parisToday(new Date()),
    restantDuCents: account.restantDuCents,
    owedCents: account.owedOnInvoicesCents,
    creditCents: account.creditCents,
    openInvoices: account.openInvoices.map((i) => ({
      id: i.id,
      reference: i.reference,
      month: monthLabel(i.month),
      totalCents: i.totalCents,
      openCents: i.openCents,
      dueDate: i.dueDate,
    })),
    payments: [...payments].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    mandates,
    recorded,
    cancelled: query.get('annule'),
    mandateSaved: query.get('mandat'),
    revoked: query.get('revoque') === '1',
  };
}

type Errors = Record<string, string>;
const refuse = (intent: string, errors: Errors, values: Record<string, string | string[]> = {}) =>
  data({ intent, errors, values }, { status: 400 });
const field = (form: FormData, name: string) => String(form.get(name) ?? '');

export async function action({ request, params, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.regie');
  const family = await regieFamily(context, params.familyId);
  if (!family) throw notFoundPage();
  const t = catalogFor(context.lang).regie.family;
  const invoicing = context.services.invoicing;
  const actor = actorOf(session, context);
  const path = `/admin/regie/familles/${family.id}`;
  const form = await request.formData();
  const intent = field(form, 'intent');

  if (intent === 'pay') {
    const values = {
      method: field(form, 'method'),
      amount: field(form, 'amount'),
      receivedOn: field(form, 'receivedOn'),
      reference: field(form, 'reference'),
      payerName: field(form, 'payerName'),
      invoices: form.getAll('invoice').map(String).slice(0, 200),
    };
    const result = await invoicing.recordPayment({ familyId: family.id, ...values, invoiceIds: values.invoices, actor });
    if (!result.ok) return refuse(intent, result.errors as Errors, values);
    return redirect(`${path}?recu=${result.value.payment.id}`, 303);
  }
  if (intent === 'cancel') {
    const paymentId = field(form, 'paymentId');
    const payment = (await invoicing.familyRegiePayments(family.id)).find((p) => p.id === paymentId);
    if (!payment) throw notFoundPage();
    const result = await invoicing.cancelPayment({ paymentId: payment.id, reason: field(form, 'reason'), actor });
    if (!result.ok) return refuse(intent, { [`reason-${payment.id}`]: Object.values(result.errors).join(' ') });
    return redirect(`${path}?annule=${encodeURIComponent(payment.receiptNumber)}`, 303);
  }
  if (intent === 'mandate') {
    const values = {
      holderName: field(form, 'holderName'),
      iban: field(form, 'iban'),
      bic: field(form, 'bic'),
      signedOn: field(form, 'signedOn'),
    };
    const result = await invoicing.createMandate({ familyId: family.id, ...values, actor });
    if (!result.ok) return refuse(intent, result.errors as Errors, values);
    return redirect(`${path}?mandat=${encodeURIComponent(result.value.rum)}`, 303);
  }
  if (intent === 'revoke') {
    const revoked = await invoicing.revokeMandate({ familyId: family.id, mandateId: field(form, 'mandateId'), actor });
    if (!revoked) return refuse(intent, { form: t.revokeFailed });
    return redirect(`${path}?revoque=1`, 303);
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function RegieFamily({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const f = t.regie.family;
  const money = t.planning.money;
  const { family, recorded } = loaderData;
  const errors = actionData?.errors;
  const labels: Record<string, string> = {
    method: f.fields.method,
    amount: f.fields.amount,
    receivedOn: f.fields.receivedOn,
    reference: f.fields.reference,
    payerName: f.fields.payerName,
    invoices: f.fields.invoices,
    ...f.mandateFields,
    family: f.title(family.name),
    ...Object.fromEntries(loaderData.payments.map((p) => [`reason-${p.id}`, f.cancelReason(p.receiptNumber)])),
  };
  return (
    <>
      <PageTitle title={f.title(family.name)} hasErrors={Boolean(errors)} />
      <p className="no-print">
        <Link to="/admin/regie">{f.back}</Link>
      </p>
      <h1>{f.title(family.name)}</h1>
      <p>{f.fileNumber(family.fileNumber)}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {recorded ? <ReceiptNotice receipt={recorded} /> : null}
      {loaderData.cancelled ? <Notice tone="success">{f.cancelled(loaderData.cancelled)}</Notice> : null}
      {loaderData.mandateSaved ? <Notice tone="success">{f.mandateSaved(loaderData.mandateSaved)}</Notice> : null}
      {loaderData.revoked ? <Notice tone="success">{f.revoked}</Notice> : null}

      <dl className="figures">
        <div>
          <dt>{f.restantDu}</dt>
          <dd>{money(loaderData.restantDuCents)}</dd>
        </div>
        <div>
          <dt>{f.owed}</dt>
          <dd>{money(loaderData.owedCents)}</dd>
        </div>
        <div>
          <dt>{f.credit}</dt>
          <dd>{money(loaderData.creditCents)}</dd>
        </div>
      </dl>

      <section className="regie-section" aria-labelledby="factures">
        <h2 id="factures">{f.openInvoices}</h2>
        {loaderData.openInvoices.length === 0 ? (
          <p>{f.noOpenInvoices}</p>
        ) : (
          <div className="table-wrapper" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{f.openInvoices}</caption>
              <thead>
                <tr>
                  <th scope="col">{f.invoiceColumns.reference}</th>
                  <th scope="col">{f.invoiceColumns.month}</th>
                  <th scope="col">{f.invoiceColumns.total}</th>
                  <th scope="col">{f.invoiceColumns.remaining}</th>
                  <th scope="col">{f.invoiceColumns.due}</th>
                </tr>
              </thead>
              <tbody>
                {loaderData.openInvoices.map((invoice) => (
                  <tr key={invoice.id}>
                    <th scope="row">{invoice.reference}</th>
                    <td>{invoice.month}</td>
                    <td className="num">{money(invoice.totalCents)}</td>
                    <td className="num">{money(invoice.openCents)}</td>
                    <td>{invoice.dueDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PaymentForm
        today={loaderData.today}
        payerName={family.payerName}
        invoices={loaderData.openInvoices}
        errors={actionData?.intent === 'pay' ? errors : undefined}
        values={actionData?.intent === 'pay' ? actionData.values : undefined}
      />
      <RegiePayments payments={loaderData.payments} errors={actionData?.intent === 'cancel' ? errors : undefined} />
      <MandatePanel
        mandates={loaderData.mandates}
        today={loaderData.today}
        payerName={family.payerName}
        errors={actionData?.intent === 'mandate' ? errors : undefined}
        values={actionData?.intent === 'mandate' ? actionData.values : undefined}
      />
    </>
  );
}
