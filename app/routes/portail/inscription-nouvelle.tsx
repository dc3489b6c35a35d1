/**
 * « Inscrire les enfants à de nouvelles activités »: choose the school year and the activity (its rules and this
 * family's price shown), then the children and the documents the activity requires. Accepted at once when the
 * activity is configured so, otherwise a request to staff. Works without JavaScript: the choices are links and
 * plain forms. Every id posted (activity, child, document) is checked; another family's is « not found ».
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/inscription-nouvelle';
import { parisToday } from '../../../core/calendar';
import { DOCUMENT_KINDS } from '../../../core/documents/kinds';
import type { EnrolInput } from '../../../core/enrolments/service';
import { checkNote, LIMITS } from '../../../core/families/validation';
import { cleanUuid } from '../../../core/requests/outcome';
import { ActivityRules, OfferPrice } from '../../components/dossier/activity-rules';
import { fileErrorText, FILE_PROBLEMS, postedFile, ProofFields } from '../../components/dossier/parts';
import { ErrorSummary, SelectField, TextAreaField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import dossierStyles from '../../styles/dossier.css?url';
import { actorOf, requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

const notFound = () => new Response('Not Found', { status: 404 });
const LIVE = new Set(['requested', 'waiting', 'accepted']);

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const { dossier, store, config, clock } = context.services;
  const params = new URL(request.url).searchParams;
  const { years, current } = await dossier.enrolments.years();
  const year = years.find((y) => y.id === params.get('annee'))?.id ?? current;
  const rawActivity = params.get('activite');
  const limits = { maxBytes: config.uploadMaxBytes };
  if (!rawActivity) {
    const offers = year ? ((await dossier.enrolments.offers(familyId, year)) ?? []) : [];
    return { step: 'choose' as const, years, year, offers, offer: null, children: [], documents: [], ...limits };
  }
  const activityId = cleanUuid(rawActivity);
  const offer = activityId ? await dossier.enrolments.offer(familyId, activityId) : null;
  if (!offer) throw notFound();
  const file = await store.familyFile.file(familyId);
  if (!file) throw new Response('Forbidden', { status: 403 });
  const enrolments = await store.enrolments.forChildren(file.children.map((c) => c.id));
  const today = parisToday(clock.now());
  const documents = (await store.familyDocuments.list(familyId)).filter(
    (d) => offer.requiredDocuments.includes(d.kind) && d.status !== 'refused' && (d.validUntil === null || d.validUntil >= today),
  );
  return {
    step: 'enrol' as const,
    years,
    year: offer.activity.schoolYearId,
    offers: [],
    offer,
    children: file.children.map((c) => ({
      id: c.id,
      firstName: c.firstName,
      status: enrolments.find((e) => e.childId === c.id && e.activityId === offer.activity.id && LIVE.has(e.status))?.status ?? null,
    })),
    documents: documents.map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName })),
    ...limits,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const t = catalogFor(context.lang);
  const { services } = context;
  const form = await request.formData();
  if (form.get('intent') !== 'enrol') throw new Response('Bad Request', { status: 400 });
  const activityId = cleanUuid(form.get('activityId'));
  if (!activityId) throw notFound();
  const childIds: string[] = [];
  for (const value of form.getAll('children')) {
    const id = cleanUuid(value);
    if (!id) throw notFound();
    childIds.push(id);
  }
  const documents: EnrolInput['documents'] = {};
  let hasFile = false;
  for (const kind of DOCUMENT_KINDS) {
    const existingRaw = form.get(`doc-${kind}-existing`);
    const existingId = typeof existingRaw === 'string' && existingRaw !== '' ? cleanUuid(existingRaw) : null;
    if (typeof existingRaw === 'string' && existingRaw !== '' && !existingId) throw notFound();
    const file = postedFile(form.get(`doc-${kind}-file`));
    hasFile ||= file !== null;
    if (existingId || file) documents[kind] = { existingId, file };
  }
  const values = { children: childIds, note: String(form.get('note') ?? '').slice(0, 2000) };
  const note = checkNote(form.get('note'));
  if (!note.ok) return data({ errors: { note: t.dossier.fieldErrors[note.error] } as Record<string, string>, values }, { status: 400 });
  if (hasFile) {
    const budget = await services.limits.uploads.consume(session.user.id);
    if (!budget.allowed) return data({ errors: { form: t.dossier.tooManyUploads(Math.ceil(budget.retryAfterSeconds / 60)) } as Record<string, string>, values }, { status: 429 });
  }
  const result = await services.dossier.enrol({ familyId, activityId, childIds, documents, note: note.ok ? note.value : '', actor: actorOf(session, context) });
  if (result.ok) {
    const year = (await services.store.enrolments.settings(activityId))?.schoolYearId;
    return redirect(`/portail/inscriptions?${year ? `annee=${year}&` : ''}ok=${result.value.automatic ? 'inscription-acceptee' : 'inscription-demandee'}`);
  }
  if (result.error === 'not_found') throw notFound();
  const e = t.dossier.enrol.errors;
  const limits = { maxBytes: services.config.uploadMaxBytes, quotaBytes: services.config.familyQuotaBytes };
  const errors: Record<string, string> = {};
  if (result.error === 'no_child') errors.children = e.no_child;
  else if (result.error === 'already_enrolled') errors.children = e.already_enrolled(result.fields?.children ?? '');
  else if (result.fields) {
    for (const [field, code] of Object.entries(result.fields)) errors[`doc-${field.replace(/^document-/, '')}-file`] = fileErrorText(t, code, limits);
  } else if (FILE_PROBLEMS.has(result.error)) errors.form = fileErrorText(t, result.error, limits);
  else errors.form = t.errors.badRequestText;
  return data({ errors, values }, { status: result.error === 'too_large' ? 413 : result.error === 'already_enrolled' ? 409 : 400 });
}

export default function InscriptionNouvelle({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const n = t.dossier.enrol;
  const { step, years, year, offers, offer, children, documents, maxBytes } = loaderData;
  const errors = actionData?.errors;
  const chosen = new Set(actionData?.values.children ?? []);

  if (step === 'choose' || !offer) {
    return (
      <>
        <PageTitle title={n.title} />
        <h1>{n.title}</h1>
        <p>{n.intro}</p>
        {years.length > 1 ? (
          <Form method="get" className="inline-controls">
            <SelectField name="annee" label={t.dossier.inscriptions.yearLabel} defaultValue={year ?? ''}>
              {years.map((y) => (
                <option key={y.id} value={y.id}>
                  {t.dossier.inscriptions.yearName(y.id)}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button button--secondary">
              {n.chooseYear}
            </button>
          </Form>
        ) : null}
        {!year ? (
          <p>{t.dossier.inscriptions.noYear}</p>
        ) : (
          <section aria-labelledby="activites">
            <h2 id="activites">{n.activitiesTitle(year)}</h2>
            <ul className="offer-list">
              {offers.map((o) => (
                <li key={o.activity.id} className="card">
                  <h3>{o.activity.name}</h3>
                  <ActivityRules offer={o} showMode />
                  <p>
                    <OfferPrice offer={o} />
                  </p>
                  <Link to={`/portail/inscriptions/nouvelle?annee=${year}&activite=${o.activity.id}`} className="button button--secondary">
                    {n.choose}
                    <span className="visually-hidden">{n.chooseNamed(o.activity.name)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        )}
      </>
    );
  }

  const available = children.filter((c) => c.status === null);
  const automatic = offer.enrolmentMode === 'automatic';
  const labels: Record<string, string> = { children: t.dossier.fields.children, note: t.dossier.note };
  for (const kind of offer.requiredDocuments) labels[`doc-${kind}-file`] = t.dossier.documentKinds[kind] ?? kind;
  return (
    <>
      <PageTitle title={`${n.title} – ${offer.activity.name}`} hasErrors={Boolean(errors)} />
      <p>
        <Link to={`/portail/inscriptions/nouvelle?annee=${offer.activity.schoolYearId}`}>{n.back}</Link>
      </p>
      <h1>{offer.activity.name}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      <p>{t.dossier.inscriptions.yearName(offer.activity.schoolYearId)}</p>
      <ActivityRules offer={offer} showMode />
      <p>
        <OfferPrice offer={offer} />
      </p>
      <Form method="post" encType="multipart/form-data" noValidate className="card">
        <input type="hidden" name="intent" value="enrol" />
        <input type="hidden" name="activityId" value={offer.activity.id} />
        <fieldset className="fieldset" id="children" tabIndex={-1} aria-describedby={errors?.children ? 'children-error' : undefined}>
          <legend>{n.childrenLegend}</legend>
          {errors?.children ? (
            <p className="field__error" id="children-error">
              {errors.children}
            </p>
          ) : null}
          {available.length === 0 ? <p>{n.noChildLeft}</p> : null}
          {children.map((c) => (
            <div key={c.id} className="field field--checkbox">
              <input
                type="checkbox"
                id={`child-${c.id}`}
                name="children"
                value={c.id}
                disabled={c.status !== null}
                defaultChecked={chosen.has(c.id) || (available.length === 1 && available[0].id === c.id)}
              />
              <label htmlFor={`child-${c.id}`}>
                {c.status === null
                  ? c.firstName
                  : n.childStatus(c.firstName, c.status === 'waiting' ? t.dossier.inscriptions.statuses.waiting(null) : t.dossier.inscriptions.statuses[c.status as 'accepted' | 'requested'])}
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{n.documentsLegend}</legend>
          {offer.requiredDocuments.length === 0 ? <p>{n.noDocuments}</p> : null}
          {offer.requiredDocuments.map((kind) => (
            <section key={kind} aria-labelledby={`doc-${kind}-title`} className="subsection">
              <h2 id={`doc-${kind}-title`} className="h3">
                {t.dossier.documentKinds[kind] ?? kind}
              </h2>
              <ProofFields prefix={`doc-${kind}`} documents={documents.filter((d) => d.kind === kind)} maxBytes={maxBytes} required errors={errors} />
            </section>
          ))}
        </fieldset>
        <TextAreaField name="note" label={t.dossier.note} rows={2} maxLength={LIMITS.note} defaultValue={actionData?.values.note ?? ''} error={errors?.note} />
        <button type="submit" className="button" disabled={available.length === 0}>
          {automatic ? n.submitAutomatic : n.submitManual}
        </button>
      </Form>
    </>
  );
}
