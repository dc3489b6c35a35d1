/**
 * Staff (régie): payment results that match nothing expected — an unknown reference, another amount, a success after
 * the transaction ended. No booking comes of them; staff check with the provider, refund or record the payment, then
 * mark the anomaly handled (audited). ?traitees=1 lists the handled ones.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/payment-anomalies';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import paymentStyles from '../../styles/payments.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: paymentStyles }];

const PATH = '/admin/paiements/anomalies';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.payments');
  const params = new URL(request.url).searchParams;
  const resolved = params.get('traitees') === '1';
  const anomalies = await context.services.payments.anomalies({ resolved, limit: 200 });
  return { resolved, done: params.get('ok') === '1', anomalies };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.payments');
  const a = catalogFor(context.lang).payments.anomalies;
  const form = await request.formData();
  const id = String(form.get('id') ?? '');
  const resolution = String(form.get('resolution') ?? '').trim();
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Response('Bad Request', { status: 400 });
  if (!resolution) return data({ errors: { [`resolution-${id}`]: a.resolutionRequired } }, { status: 400 });
  const done = await context.services.payments.resolveAnomaly({ id, actor: actorOf(session, context), resolution });
  if (!done) throw new Response('Not Found', { status: 404 });
  return redirect(`${PATH}?ok=1`, 303);
}

export default function PaymentAnomalies({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const a = t.payments.anomalies;
  const money = t.planning.money;
  const { anomalies, resolved, done } = loaderData;
  const errors = actionData?.errors;
  const columns = [a.columns.date, a.columns.kind, a.columns.provider, a.columns.reference, a.columns.family, a.columns.amount, a.columns.expected, a.columns.details, a.columns.action];
  return (
    <>
      <PageTitle title={a.title} hasErrors={Boolean(errors)} />
      <h1>{a.title}</h1>
      <ErrorSummary errors={errors} labels={Object.fromEntries(anomalies.map((x) => [`resolution-${x.id}`, a.resolution(x.reference ?? x.id)]))} />
      {done && !errors ? <Notice tone="success">{a.resolved}</Notice> : null}
      <p>{a.intro}</p>
      <p>
        <Link to={resolved ? PATH : `${PATH}?traitees=1`}>{resolved ? a.showOpen : a.showResolved}</Link>
      </p>
      {anomalies.length === 0 ? (
        <p>{a.empty}</p>
      ) : (
        <DataTable caption={resolved ? a.captionResolved : a.caption} columns={columns}>
          {anomalies.map((x) => {
            const field = `resolution-${x.id}`;
            const error = errors?.[field as keyof typeof errors];
            return (
              <tr key={x.id}>
                <td>
                  <time dateTime={x.createdAt}>{formatParisDateTime(x.createdAt)}</time>
                </td>
                <th scope="row">{a.kinds[x.kind] ?? x.kind}</th>
                <td>{x.provider}</td>
                <td>{x.reference ?? '—'}</td>
                <td>{x.familyName ?? '—'}</td>
                <td className="num">{x.amountCents === null ? '—' : money(x.amountCents)}</td>
                <td className="num">{x.expectedCents === null ? '—' : money(x.expectedCents)}</td>
                <td className="anomaly-details">
                  <code>{JSON.stringify(x.details)}</code>
                </td>
                <td>
                  {x.resolvedAt ? (
                    a.resolvedBy(x.resolvedBy ?? '', x.resolution ?? '')
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="id" value={x.id} />
                      <div className={`field${error ? ' field--error' : ''}`}>
                        <label htmlFor={field}>{a.resolution(x.reference ?? x.id.slice(0, 8))}</label>
                        <p className="field__hint" id={`${field}-hint`}>
                          {a.resolutionHint}
                        </p>
                        {error ? (
                          <p className="field__error" id={`${field}-error`}>
                            {error}
                          </p>
                        ) : null}
                        <textarea
                          id={field}
                          name="resolution"
                          rows={2}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${field}-hint ${field}-error` : `${field}-hint`}
                        />
                      </div>
                      <button type="submit" className="button button--secondary">
                        {a.resolve}
                        <span className="visually-hidden">{t.admin.named(x.reference ?? x.id.slice(0, 8))}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
