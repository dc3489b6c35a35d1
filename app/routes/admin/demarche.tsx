/**
 * One démarche for staff: the family, what is in the file today and what is asked, the proofs (downloaded as
 * attachments), the family's message, and the decision: accept (the change is applied), refuse with a message, or —
 * for an enrolment — the waiting list. The family gets the decision by e-mail.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/demarche';
import { parisToday } from '../../../core/calendar';
import { cleanUuid } from '../../../core/requests/outcome';
import { requestSummary, StatusBadge } from '../../components/dossier/parts';
import { CheckboxField, ErrorSummary, Notice, TextAreaField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

const notFound = () => new Response('Not Found', { status: 404 });

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.requests');
  const { store, clock } = context.services;
  const id = cleanUuid(params.requestId);
  const found = id ? await store.requests.findAny(id) : null;
  if (!found) throw notFound();
  const [file, futureBookings] = await Promise.all([
    store.familyFile.file(found.familyId),
    found.kind === 'erasure' ? store.familyFile.futureBookings(found.familyId, parisToday(clock.now())) : Promise.resolve(0),
  ]);
  if (!file) throw notFound();
  return { request: found, file, futureBookings };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.requests');
  const t = catalogFor(context.lang);
  const id = cleanUuid(params.requestId);
  if (!id) throw notFound();
  const form = await request.formData();
  const decision = form.get('decision');
  if (decision !== 'accept' && decision !== 'refuse' && decision !== 'waiting') throw new Response('Bad Request', { status: 400 });
  const values = { message: String(form.get('message') ?? '').slice(0, 2000), validUntil: String(form.get('validUntil') ?? '').slice(0, 20) };
  const result = await context.services.dossier.decide({
    requestId: id,
    decision,
    message: form.get('message'),
    validUntil: form.get('validUntil'),
    resident: form.has('residentShown') ? form.get('resident') === '1' : null,
    actor: actorOf(session, context),
  });
  if (result.ok) return redirect(`/admin/demarches?ok=${result.value.outcome === 'accepted' ? 'acceptee' : result.value.outcome === 'refused' ? 'refusee' : 'attente'}`);
  if (result.error === 'not_found') throw notFound();
  const a = t.dossier.admin;
  if (result.error === 'already_decided') return data({ errors: { form: a.alreadyDecided } as Record<string, string>, values }, { status: 409 });
  const field = result.error === 'invalid_date' ? 'validUntil' : result.error === 'not_enrolment' ? 'form' : 'message';
  return data({ errors: { [field]: a.errors[result.error] } as Record<string, string>, values }, { status: 400 });
}

export default function Demarche({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const a = t.dossier.admin;
  const d = t.dossier.dossier;
  const { request, file, futureBookings } = loaderData;
  const errors = actionData?.errors;
  const kind = t.dossier.requestKinds[request.kind] ?? request.kind;
  const familyName = a.familyName(request.familyName, request.fileNumber);
  const title = a.detailTitle(kind, familyName);
  const child = request.childId ? file.children.find((c) => c.id === request.childId) : null;
  const payload = request.payload;
  const current = (() => {
    switch (payload.kind) {
      case 'address':
        return t.dossier.summaries.address(file.addressLine, file.postalCode, file.city) + ` – ${d.resident} : ${file.resident ? t.common.yes : t.common.no}`;
      case 'qf':
        return file.qf !== null && file.qfValidUntil ? t.dossier.summaries.qf(file.qf, file.qfValidUntil) : d.qfMissing;
      case 'child_health':
        return child ? t.dossier.summaries.health(child.firstName, t.dossier.diets[child.diet] ?? child.diet, child.allergies, child.hasPai) : '';
      case 'authorised_persons':
        return t.dossier.summaries.persons(file.authorisedPersons.map((p) => t.dossier.summaries.person(p.fullName, p.relationship, p.phone)));
      default:
        return null;
    }
  })();
  const pendingDocuments = request.documents.some((doc) => doc.status === 'pending' && !doc.deleted);
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(errors)} />
      <p>
        <Link to="/admin/demarches">{a.back}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={{ message: a.message, validUntil: a.validUntil }} />
      <dl className="facts card">
        <dt>{a.familyTitle}</dt>
        <dd>{`${familyName} – ${file.addressLine}, ${file.postalCode} ${file.city}`}</dd>
        <dt>{a.columns.date}</dt>
        <dd>
          <time dateTime={request.createdAt}>{formatParisDateTime(request.createdAt)}</time>
        </dd>
        <dt>{t.dossier.request.status}</dt>
        <dd>
          <StatusBadge tone={request.status}>{t.dossier.requestStatuses[request.status] ?? request.status}</StatusBadge>
        </dd>
        {current !== null ? (
          <>
            <dt>{a.current}</dt>
            <dd>{current}</dd>
          </>
        ) : null}
        <dt>{a.asked}</dt>
        <dd>{requestSummary(t, request)}</dd>
        {request.familyNote ? (
          <>
            <dt>{a.familyNote}</dt>
            <dd className="pre-line">{request.familyNote}</dd>
          </>
        ) : null}
        {request.message ? (
          <>
            <dt>{t.dossier.request.message}</dt>
            <dd className="pre-line">{request.message}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="justificatifs">
        <h2 id="justificatifs">{a.documents}</h2>
        {request.documents.length === 0 ? (
          <p>{a.noDocuments}</p>
        ) : (
          <ul>
            {request.documents.map((doc) => (
              <li key={doc.id}>
                {doc.deleted ? (
                  `${t.dossier.documentKinds[doc.kind] ?? doc.kind} – ${doc.fileName} (${t.dossier.request.deleted})`
                ) : (
                  <a href={`/admin/demarches/documents/${doc.id}`} download>
                    {`${a.download} : ${t.dossier.documentKinds[doc.kind] ?? doc.kind} – ${doc.fileName}`}
                  </a>
                )}{' '}
                <StatusBadge tone={doc.status}>{t.dossier.documentStatuses[doc.status]}</StatusBadge>
              </li>
            ))}
          </ul>
        )}
      </section>
      {request.kind === 'erasure' ? (
        <Notice>
          {a.erasureEffect} {a.futureBookings(futureBookings)}
        </Notice>
      ) : null}
      {request.status === 'submitted' ? (
        <section aria-labelledby="decision" className="card">
          <h2 id="decision">{a.decisionTitle}</h2>
          <Form method="post" noValidate>
            <TextAreaField name="message" label={a.message} hint={a.messageHint} rows={3} maxLength={1000} defaultValue={actionData?.values.message ?? ''} error={errors?.message} />
            {pendingDocuments ? (
              <TextField name="validUntil" type="date" label={a.validUntil} hint={a.validUntilHint} defaultValue={actionData?.values.validUntil ?? ''} error={errors?.validUntil} />
            ) : null}
            {request.kind === 'address' ? (
              <>
                <input type="hidden" name="residentShown" value="1" />
                <CheckboxField name="resident" value="1" label={a.resident} defaultChecked={file.resident} />
              </>
            ) : null}
            <div className="form-actions">
              <button type="submit" name="decision" value="accept" className="button">
                {a.accept}
              </button>
              {request.kind === 'enrolment' ? (
                <button type="submit" name="decision" value="waiting" className="button button--secondary">
                  {a.waiting}
                </button>
              ) : null}
              <button type="submit" name="decision" value="refuse" className="button button--danger">
                {a.refuse}
              </button>
            </div>
          </Form>
        </section>
      ) : request.decidedAt ? (
        <p>{a.decidedBy(t.dossier.requestStatuses[request.status] ?? request.status, request.decidedByLabel ?? '', formatParisDateTime(request.decidedAt))}</p>
      ) : null}
    </>
  );
}
