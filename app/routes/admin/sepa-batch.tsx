/**
 * One batch of direct debits: its debits (invoice, sequence, amount, rejected or not), the pain.008 download, and a
 * reject entered by hand (the debit, a reason code of the SEPA rulebook): the invoice is to pay again.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/sepa-batch';
import { SEPA_REASONS_FR } from '../../../core/invoicing/sepa-reasons-fr';
import { ErrorSummary, Notice, SelectField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import regieStyles from '../../styles/regie.css?url';
import { idParam } from '../../web/back-office';
import { actorOf, requirePermission } from '../../web/guards';
import { notFoundPage, shortDate } from '../../web/regie';
import { DataTable } from '../../components/data-table';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: regieStyles }];

async function loadBatch(context: Route.LoaderArgs['context'], rawId: string | undefined) {
  const batchId = idParam(rawId);
  const file = batchId ? await context.services.invoicing.batchXml(batchId) : null;
  if (!file) throw notFoundPage();
  return { batch: file.batch, debits: await context.services.invoicing.batchDebits(file.batch.id) };
}

export async function loader({ request, params, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.regie');
  const { batch, debits } = await loadBatch(context, params.batchId);
  const query = new URL(request.url).searchParams;
  const rejected = /^(\d+)$/.exec(query.get('rejet') ?? '');
  return {
    batch,
    debits,
    reasons: Object.entries(SEPA_REASONS_FR).map(([code, label]) => ({ code, label })),
    created: query.get('cree') === '1',
    reopenedCents: rejected ? Number(rejected[1]) : null,
  };
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.regie');
  const { batch, debits } = await loadBatch(context, params.batchId);
  const t = catalogFor(context.lang).regie.batch;
  const form = await request.formData();
  if (form.get('intent') !== 'reject') throw new Response('Bad Request', { status: 400 });
  const debit = debits.find((d) => d.endToEndId === String(form.get('debit') ?? ''));
  const code = String(form.get('reasonCode') ?? '');
  const errors: Record<string, string> = {};
  if (!debit) errors.debit = t.chooseDebit;
  if (!SEPA_REASONS_FR[code]) errors.reasonCode = t.chooseReason;
  if (!debit || Object.keys(errors).length > 0) return data({ errors }, { status: 400 });
  const result = await context.services.invoicing.rejectByHand({
    rejects: [{ endToEndId: debit.endToEndId, reasonCode: code, reasonLabel: SEPA_REASONS_FR[code] }],
    actor: actorOf(session, context),
  });
  if (!result.ok) return data({ errors: { debit: result.detail } as Record<string, string> }, { status: 400 });
  return redirect(`/admin/sepa/lots/${batch.id}?rejet=${result.value.reopenedCents}`, 303);
}

export default function SepaBatch({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const b = t.regie.batch;
  const money = t.planning.money;
  const { batch, debits, reasons } = loaderData;
  const errors = actionData?.errors;
  const open = debits.filter((d) => d.status === 'submitted');
  return (
    <>
      <PageTitle title={b.title(batch.messageId)} hasErrors={Boolean(errors)} />
      <p>
        <Link to="/admin/sepa">{b.back}</Link>
      </p>
      <h1>{b.title(batch.messageId)}</h1>
      <ErrorSummary errors={errors} labels={{ debit: b.debit, reasonCode: b.reason }} />
      {loaderData.created ? (
        <Notice tone="success">{t.regie.sepa.batchCreated(batch.messageId, batch.debitCount, money(batch.totalCents))}</Notice>
      ) : null}
      {loaderData.reopenedCents !== null ? (
        <Notice tone="success">{t.regie.sepa.rejectsApplied(1, 0, money(loaderData.reopenedCents))}</Notice>
      ) : null}
      <p>{b.summary(shortDate(batch.collectionDate), batch.debitCount, money(batch.totalCents))}</p>
      <p>
        <a className="button button--secondary" href={`/admin/sepa/lots/${batch.id}/xml`} download>
          {b.download}
        </a>
      </p>
      <DataTable caption={b.debitsCaption} columns={Object.values(b.columns)}>
        {debits.map((debit) => (
          <tr key={debit.id}>
            <th scope="row" className="mono">
              {debit.endToEndId}
            </th>
            <td>{debit.invoiceReference}</td>
            <td>{debit.sequence}</td>
            <td className="num">{money(debit.amountCents)}</td>
            <td>{debit.status === 'rejected' ? b.rejected(debit.rejectReason ?? '') : b.submitted}</td>
          </tr>
        ))}
      </DataTable>
      <section className="regie-section" aria-labelledby="rejet">
        <h2 id="rejet">{b.rejectTitle}</h2>
        {open.length === 0 ? (
          <p>{b.noneToReject}</p>
        ) : (
          <Form method="post" className="regie-form" noValidate>
            <p>{b.rejectIntro}</p>
            <input type="hidden" name="intent" value="reject" />
            <SelectField name="debit" label={b.debit} error={errors?.debit} defaultValue="">
              <option value="">{b.chooseDebit}</option>
              {open.map((debit) => (
                <option
                  key={debit.id}
                  value={debit.endToEndId}
                >{`${debit.endToEndId} – ${debit.invoiceReference} – ${money(debit.amountCents)}`}</option>
              ))}
            </SelectField>
            <SelectField name="reasonCode" label={b.reason} error={errors?.reasonCode} defaultValue="">
              <option value="">{b.chooseReason}</option>
              {reasons.map((reason) => (
                <option key={reason.code} value={reason.code}>{`${reason.code} – ${reason.label}`}</option>
              ))}
            </SelectField>
            <button type="submit" className="button">
              {b.rejectSubmit}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}
