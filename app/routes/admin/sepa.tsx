/**
 * Prélèvements SEPA (régie): the commune's creditor settings (régie name, ICS, IBAN, BIC), the batches, « Créer un
 * lot de prélèvements » for a collection date, and the import of a bank's reject report (pain.002, XML only, size
 * limited; a report naming an unknown transaction is refused whole and changes nothing).
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/sepa';
import { addDays, parisToday } from '../../../core/calendar';
import { ErrorSummary, Notice, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import regieStyles from '../../styles/regie.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';
import { REJECT_FILE_MAX_BYTES, shortDate } from '../../web/regie';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: regieStyles }];

const PATH = '/admin/sepa';

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.regie');
  const query = new URL(request.url).searchParams;
  const [creditor, batches] = await Promise.all([context.services.sepaSettings.creditor(), context.services.invoicing.batches()]);
  const rejects = /^(\d+)-(\d+)-(\d+)$/.exec(query.get('rejets') ?? '');
  return {
    creditor,
    batches,
    tomorrow: addDays(parisToday(new Date()), 1),
    saved: query.get('ok') === 'creancier',
    rejects: rejects ? { rejected: Number(rejects[1]), already: Number(rejects[2]), reopenedCents: Number(rejects[3]) } : null,
  };
}

type Errors = Record<string, string>;
const refuse = (intent: string, errors: Errors, values: Record<string, string> = {}, status = 400) =>
  data({ intent, errors, values }, { status });

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.regie');
  const t = catalogFor(context.lang).regie.sepa;
  const actor = actorOf(session, context);
  // Refused on the announced size before the body is read.
  if (Number(request.headers.get('content-length') ?? 0) > REJECT_FILE_MAX_BYTES + 64 * 1024) {
    return refuse('import', { file: t.fileTooLarge(catalogFor(context.lang).common.bytes(REJECT_FILE_MAX_BYTES)) }, {}, 413);
  }
  const form = await request.formData();
  const intent = String(form.get('intent') ?? '');
  const text = (name: string) => String(form.get(name) ?? '');

  if (intent === 'creditor') {
    const values = { name: text('name'), creditorId: text('creditorId'), iban: text('iban'), bic: text('bic') };
    const result = await context.services.sepaSettings.saveCreditor({ ...values, actor });
    if (!result.ok) return refuse(intent, result.errors as Errors, values);
    return redirect(`${PATH}?ok=creancier`, 303);
  }
  if (intent === 'batch') {
    const values = { collectionDate: text('collectionDate') };
    const result = await context.services.invoicing.createBatch({ ...values, actor });
    if (!result.ok) return refuse(intent, result.errors as Errors, values);
    return redirect(`${PATH}/lots/${result.value.id}?cree=1`, 303);
  }
  if (intent === 'import') {
    const file = form.get('file');
    if (!file || typeof file === 'string' || file.size === 0) return refuse(intent, { file: t.fileRequired });
    if (file.size > REJECT_FILE_MAX_BYTES)
      return refuse(intent, { file: t.fileTooLarge(catalogFor(context.lang).common.bytes(REJECT_FILE_MAX_BYTES)) }, {}, 413);
    const xml = new TextDecoder('utf-8', { fatal: false }).decode(await file.arrayBuffer());
    const looksXml = /\.xml$/i.test(file.name) && /^\uFEFF?\s*</.test(xml);
    if (!looksXml) return refuse(intent, { file: t.fileNotXml });
    const result = await context.services.invoicing.importRejects({ xml, actor });
    if (!result.ok) return refuse(intent, { file: t.rejectsRefused(result.detail) });
    const { rejected, alreadyRejected, reopenedCents } = result.value;
    return redirect(`${PATH}?rejets=${rejected}-${alreadyRejected}-${reopenedCents}`, 303);
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function Sepa({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const s = t.regie.sepa;
  const money = t.planning.money;
  const { creditor, batches, rejects } = loaderData;
  const errors = actionData?.errors;
  const values = (intent: string) => (actionData?.intent === intent ? actionData.values : undefined);
  const creditorValues = values('creditor');
  const errorFor = (intent: string, name: string) => (actionData?.intent === intent ? errors?.[name] : undefined);
  const labels: Record<string, string> = {
    ...s.fields,
    collectionDate: s.collectionDate,
    creditor: s.creditorTitle,
    debits: s.createTitle,
    file: s.file,
  };
  return (
    <>
      <PageTitle title={s.title} hasErrors={Boolean(errors)} />
      <h1>{s.title}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      {loaderData.saved ? <Notice tone="success">{s.creditorSaved}</Notice> : null}
      {rejects ? <Notice tone="success">{s.rejectsApplied(rejects.rejected, rejects.already, money(rejects.reopenedCents))}</Notice> : null}

      <section className="regie-section" aria-labelledby="lots">
        <h2 id="lots">{s.batchesTitle}</h2>
        {batches.length === 0 ? (
          <p>{s.noBatches}</p>
        ) : (
          <div className="table-wrapper" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">{s.batchesCaption}</caption>
              <thead>
                <tr>
                  {Object.values(s.batchColumns).map((label) => (
                    <th scope="col" key={label}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {batches.map((batch) => (
                  <tr key={batch.id}>
                    <th scope="row">
                      <Link to={`${PATH}/lots/${batch.id}`}>{batch.messageId}</Link>
                    </th>
                    <td>{shortDate(batch.collectionDate)}</td>
                    <td className="num">{batch.debitCount}</td>
                    <td className="num">{money(batch.totalCents)}</td>
                    <td>{formatParisDateTime(batch.createdAt)}</td>
                    <td>{batch.createdBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="regie-section" aria-labelledby="creer">
        <h2 id="creer">{s.createTitle}</h2>
        {errorFor('batch', 'creditor') ? (
          <p className="field__error" id="creditor">
            {errorFor('batch', 'creditor')}
          </p>
        ) : null}
        {errorFor('batch', 'debits') ? (
          <p className="field__error" id="debits">
            {errorFor('batch', 'debits')}
          </p>
        ) : null}
        <Form method="post" className="regie-form" noValidate>
          <input type="hidden" name="intent" value="batch" />
          <TextField
            name="collectionDate"
            type="date"
            label={s.collectionDate}
            hint={s.collectionHint}
            error={errorFor('batch', 'collectionDate')}
            defaultValue={values('batch')?.collectionDate ?? ''}
            min={loaderData.tomorrow}
            required
          />
          <button type="submit" className="button">
            {s.createBatch}
          </button>
        </Form>
      </section>

      <section className="regie-section" aria-labelledby="rejets">
        <h2 id="rejets">{s.importTitle}</h2>
        <Form method="post" encType="multipart/form-data" className="regie-form" noValidate>
          <input type="hidden" name="intent" value="import" />
          <TextField
            name="file"
            type="file"
            accept=".xml,application/xml,text/xml"
            label={s.file}
            hint={s.fileHint(t.common.bytes(REJECT_FILE_MAX_BYTES))}
            error={errorFor('import', 'file')}
            required
          />
          <button type="submit" className="button">
            {s.importSubmit}
          </button>
        </Form>
      </section>

      <section className="regie-section" aria-labelledby="creancier">
        <h2 id="creancier">{s.creditorTitle}</h2>
        <p>{s.creditorIntro}</p>
        {errorFor('creditor', 'form') ? <p className="field__error">{errorFor('creditor', 'form')}</p> : null}
        <Form method="post" className="regie-form" noValidate>
          <input type="hidden" name="intent" value="creditor" />
          <TextField
            name="name"
            label={s.fields.name}
            error={errorFor('creditor', 'name')}
            defaultValue={creditorValues?.name ?? creditor?.name ?? ''}
            maxLength={140}
            required
          />
          <TextField
            name="creditorId"
            label={s.fields.creditorId}
            hint={s.creditorIdHint}
            error={errorFor('creditor', 'creditorId')}
            defaultValue={creditorValues?.creditorId ?? creditor?.creditorId ?? ''}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <TextField
            name="iban"
            label={s.fields.iban}
            error={errorFor('creditor', 'iban')}
            defaultValue={creditorValues?.iban ?? creditor?.iban ?? ''}
            autoComplete="off"
            spellCheck={false}
            required
          />
          <TextField
            name="bic"
            label={s.fields.bic}
            error={errorFor('creditor', 'bic')}
            defaultValue={creditorValues?.bic ?? creditor?.bic ?? ''}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button">
            {s.saveCreditor}
          </button>
        </Form>
      </section>
    </>
  );
}
