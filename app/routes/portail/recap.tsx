/**
 * Récapitulatif — « Validation des modifications » (tutorial steps 8–9): the basket's lines grouped by billing mode,
 * the total, and Tout supprimer / Retour / Terminer (Payer for prepaid lines). Terminer and Tout supprimer carry the
 * basket's id and version: a replayed or stale form changes nothing. After Terminer, ?confirmation=<id> shows what
 * was booked and what failed, and why. « Payer » (prepaid lines) starts an online payment (core/payments): the lines
 * leave the basket while their places are held, the parent goes to the bank's page, and the payment's result page
 * says what was booked; a running payment is shown here until it ends.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/recap';
import type { BasketLine, ConfirmationReport } from '../../../core/booking/model';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { RECAP_PATH } from '../../components/planning/basket-banner';
import { BasketLinesTable, ReportLinesTable } from '../../components/planning/basket-lines';
import { parisInstant } from '../../components/planning/format';
import { cleanId } from '../../components/planning/params';
import { catalogFor, useT } from '../../i18n';
import { formatParisDateTime } from '../../web/format';
import paymentStyles from '../../styles/payments.css?url';
import { requireFamily } from '../../web/guards';

const NOTICES = ['vide', 'ligne-supprimee'] as const;

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: paymentStyles }];
type NoticeKey = (typeof NOTICES)[number];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const params = new URL(request.url).searchParams;
  const confirmationId = cleanId(params.get('confirmation'));
  const [basket, confirmation, running, balanceCents] = await Promise.all([
    context.services.booking.basket(familyId),
    confirmationId ? context.services.booking.confirmation({ familyId, confirmationId }) : Promise.resolve(null),
    context.services.payments.running(familyId),
    context.services.payments.balance(familyId),
  ]);
  if (confirmationId && !confirmation) throw new Response('Not Found', { status: 404 });
  const ok = params.get('ok');
  return {
    basket: basket && basket.lines.length > 0 ? basket : null,
    confirmation,
    notice: (NOTICES as readonly string[]).includes(ok ?? '') ? (ok as NoticeKey) : null,
    payment: {
      running: running.map((tx) => ({ id: tx.id, amountCents: tx.amountCents, expiresAt: tx.expiresAt, redirectUrl: tx.redirectUrl, provider: tx.provider })),
      balanceCents,
      holdMinutes: context.services.config.payment.holdMinutes,
    },
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const p = catalogFor(context.lang).planning;
  const form = await request.formData();
  const intent = form.get('intent');
  const basketId = cleanId(form.get('basketId'));
  const version = Number(form.get('version'));
  const refuse = (message: string, status = 400) => data({ errors: { form: message } }, { status });
  if (intent !== 'confirm' && intent !== 'clear' && intent !== 'remove' && intent !== 'pay') throw new Response('Bad Request', { status: 400 });
  if (!basketId || !Number.isSafeInteger(version)) return refuse(p.errors.bad_request);
  const actor = { userId: session.user.id, label: session.user.username, ip: context.ip, staff: false };
  if (intent === 'pay') {
    const pay = catalogFor(context.lang).payments;
    const result = await context.services.payments.payBasket({ familyId, basketId, version, actor, email: session.user.email ?? null });
    if (!result.ok) {
      let message = pay.errors[result.error] ?? pay.errors.bad_request;
      const [reason, child, activity, day] = (result.detail ?? '').split(':');
      if (result.error === 'line_unavailable' && day) message = `${message} (${pay.unavailableLine(pay.unavailableReasons[reason] ?? reason, child, activity, day.split('-').reverse().join('/'))})`;
      if (result.error === 'provider_refused' && result.detail) message = `${message} (${result.detail})`;
      return refuse(message, result.error === 'stale_basket' || result.error === 'payment_running' ? 409 : 400);
    }
    return redirect(result.value.kind === 'redirect' ? result.value.url : `/portail/paiement/${result.value.transactionId}`, 303);
  }
  const booking = context.services.booking;
  const failed = (error: string) => refuse(p.errors[error] ?? p.errors.bad_request, error === 'stale_basket' ? 409 : error === 'not_found' ? 404 : 400);

  if (intent === 'confirm') {
    const result = await booking.confirm({ familyId, basketId, version, actor });
    if (!result.ok) return failed(result.error);
    return redirect(`${RECAP_PATH}?confirmation=${encodeURIComponent(result.value.id)}`);
  }
  if (intent === 'clear') {
    const result = await booking.clearBasket({ familyId, basketId, version, actor });
    if (!result.ok) return failed(result.error);
    return redirect(`${RECAP_PATH}?ok=vide`);
  }
  const lineId = cleanId(form.get('lineId'));
  if (!lineId) return refuse(p.errors.bad_request);
  const result = await booking.removeLine({ familyId, basketId, version, lineId, actor });
  if (!result.ok) return failed(result.error);
  return redirect(`${RECAP_PATH}?ok=ligne-supprimee`);
}

export default function Recap({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const p = t.planning;
  const r = p.recap;
  const { basket, confirmation, notice, payment } = loaderData;
  const errors = actionData?.errors;
  const title = confirmation ? confirmationTitle(p, confirmation) : r.title;
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(errors)} />
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={{}} />
      {notice === 'vide' && !errors ? <Notice tone="success">{r.cleared}</Notice> : null}
      {notice === 'ligne-supprimee' && !errors ? <Notice tone="success">{r.lineRemoved}</Notice> : null}
      {payment.running.length > 0 ? <RunningPayments running={payment.running} /> : null}
      {confirmation ? <ConfirmationSummary report={confirmation} /> : null}
      {basket ? (
        <BasketSection basket={basket} balanceCents={payment.balanceCents} holdMinutes={payment.holdMinutes} />
      ) : confirmation || payment.running.length > 0 ? null : (
        <div className="card">
          <p>{r.empty}</p>
          <p>
            <Link to="/portail/planning">{r.emptyLink}</Link>
          </p>
        </div>
      )}
    </>
  );
}

function confirmationTitle(p: ReturnType<typeof useT>['planning'], report: ConfirmationReport): string {
  if (report.failed.length === 0) return p.confirmation.title;
  return report.applied.length === 0 ? p.confirmation.titleNone : p.confirmation.titlePartial;
}

function ConfirmationSummary({ report }: { report: ConfirmationReport }) {
  const t = useT();
  const c = t.planning.confirmation;
  return (
    <section aria-labelledby="rapport" className="recap-report">
      <h2 id="rapport" className="visually-hidden">
        {c.appliedCaption}
      </h2>
      <div className={`notice ${report.failed.length === 0 ? 'notice--success' : 'notice--warning'}`} role="status">
        <p>
          {c.at(formatParisDateTime(report.confirmedAt))} {c.applied(report.applied.length)}.
          {report.failed.length > 0 ? ` ${c.failed(report.failed.length)}.` : ''}
        </p>
        {report.applied.length > 0 ? <p>{c.mailNote}</p> : null}
        {report.remaining > 0 ? <p>{c.remaining(report.remaining)}</p> : null}
      </div>
      {report.applied.length > 0 ? <ReportLinesTable caption={c.appliedCaption} lines={report.applied} /> : null}
      {report.failed.length > 0 ? <ReportLinesTable caption={c.failedCaption} lines={report.failed} /> : null}
      <p>
        <Link to="/portail/planning">{c.backToPlanning}</Link>
      </p>
    </section>
  );
}

/** A payment under way: its places are held; the parent may go back to the bank's page. */
function RunningPayments({ running }: { running: Route.ComponentProps['loaderData']['payment']['running'] }) {
  const t = useT();
  const pay = t.payments.recap;
  return (
    <section className="card payment-running" aria-labelledby="paiement-en-cours">
      <h2 id="paiement-en-cours">{pay.runningTitle}</h2>
      {running.map((tx) => (
        <div key={tx.id}>
          <p>{tx.provider === 'credit' ? pay.runningCredit : pay.running(t.planning.money(tx.amountCents), formatParisDateTime(tx.expiresAt))}</p>
          <p className="actions">
            {tx.redirectUrl ? (
              <a className="button" href={tx.redirectUrl}>
                {pay.resume}
              </a>
            ) : null}
            <Link className="button button--secondary" to={`/portail/paiement/${tx.id}`}>
              {pay.details}
            </Link>
          </p>
        </div>
      ))}
    </section>
  );
}

function BasketSection({
  basket,
  balanceCents,
  holdMinutes,
}: {
  basket: NonNullable<Route.ComponentProps['loaderData']['basket']>;
  balanceCents: number;
  holdMinutes: number;
}) {
  const t = useT();
  const p = t.planning;
  const r = p.recap;
  const lines = basket.lines as BasketLine[];
  const prepaid = lines.filter((l) => l.billingMode === 'prepaid');
  const invoice = lines.filter((l) => l.billingMode === 'invoice');
  const stamp = { basketId: basket.id, version: basket.version };
  const total = basket.totals.prepaidCents + basket.totals.invoiceCents;
  const notice = invoice.length === 0 ? r.noticeOnlyPrepaid : prepaid.length > 0 ? r.noticePrepaid : r.notice;
  return (
    <section aria-labelledby="saisie" className="recap">
      <div className="notice recap-notice">
        <p>
          <span aria-hidden="true" className="recap-notice__icon">
            i
          </span>{' '}
          {notice}
        </p>
        <p>{r.clearWarning}</p>
      </div>
      <h2 id="saisie">{r.heading}</h2>
      {prepaid.length > 0 ? <BasketLinesTable mode="prepaid" lines={prepaid} totalCents={basket.totals.prepaidCents} removable={stamp} /> : null}
      {invoice.length > 0 ? <BasketLinesTable mode="invoice" lines={invoice} totalCents={basket.totals.invoiceCents} removable={stamp} /> : null}
      <p className="recap-total">
        <strong>{r.toPay(p.money(total))}</strong>
        {prepaid.length > 0 && invoice.length > 0 ? (
          <span className="recap-total__split"> ({r.split(p.money(basket.totals.prepaidCents), p.money(basket.totals.invoiceCents))})</span>
        ) : null}
      </p>
      {prepaid.length > 0 ? <PaymentInfo prepaidCents={basket.totals.prepaidCents} balanceCents={balanceCents} holdMinutes={holdMinutes} /> : null}
      {invoice.length > 0 ? <p className="recap-note">{r.invoiceNote}</p> : null}
      {basket.expiresAt ? <p className="recap-note">{r.expires(parisInstant(p, basket.expiresAt, t.lang.code))}</p> : null}
      <div className="actions recap-actions">
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="clear" />
          <input type="hidden" name="basketId" value={basket.id} />
          <input type="hidden" name="version" value={basket.version} />
          <button type="submit" className="button button--danger">
            {r.clear}
          </button>
        </Form>
        <Link className="button button--secondary" to="/portail/planning">
          {r.back}
        </Link>
        {invoice.length > 0 ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="basketId" value={basket.id} />
            <input type="hidden" name="version" value={basket.version} />
            <button type="submit" className="button">
              {r.finish}
            </button>
          </Form>
        ) : null}
        {prepaid.length > 0 ? (
          // A full page navigation: the answer sends the browser to the bank's page.
          <Form method="post" className="inline-form" reloadDocument>
            <input type="hidden" name="intent" value="pay" />
            <input type="hidden" name="basketId" value={basket.id} />
            <input type="hidden" name="version" value={basket.version} />
            <button type="submit" className="button">
              {r.pay}
            </button>
          </Form>
        ) : null}
      </div>
    </section>
  );
}

/** Credit used first, Restant dû added, what the card will be charged; and that the places are kept while paying. */
function PaymentInfo({ prepaidCents, balanceCents, holdMinutes }: { prepaidCents: number; balanceCents: number; holdMinutes: number }) {
  const t = useT();
  const pay = t.payments.recap;
  const money = t.planning.money;
  const toPay = Math.max(0, prepaidCents - balanceCents);
  return (
    <div className="payment-info">
      {balanceCents > 0 ? <p>{pay.creditAvailable(money(balanceCents))}</p> : null}
      {balanceCents < 0 ? <p>{pay.owed(money(-balanceCents))}</p> : null}
      {balanceCents !== 0 ? <p>{toPay > 0 ? <strong>{pay.cardToPay(money(toPay))}</strong> : pay.noCardNeeded}</p> : null}
      <p className="recap-note">{toPay > 0 ? pay.holdNote(holdMinutes) : null}</p>
    </div>
  );
}
