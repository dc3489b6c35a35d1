/**
 * « Modifier mes coordonnées »: phones change at once; a new e-mail address is confirmed by a link; the address, the
 * quotient familial, each child's diet / allergies / PAI and the authorised persons are requests staff validate,
 * with the proof attached (a new file or a document already uploaded). Every id posted (guardian, child, document)
 * is checked against the family: another family's id is « not found », as an unknown one.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/coordonnees';
import { parisToday } from '../../../core/calendar';
import { DIETS } from '../../../core/families/model';
import { checkAddress, checkAuthorisedPersons, checkEmail, checkHealth, checkNote, checkPhone, checkQf, LIMITS } from '../../../core/families/validation';
import { cleanUuid } from '../../../core/requests/outcome';
import type { ChangeRequest } from '../../../core/requests/submit';
import { DossierNav, fileErrorText, FILE_PROBLEMS, noticeFrom, postedFile, ProofFields } from '../../components/dossier/parts';
import { CheckboxField, ErrorSummary, Notice, SelectField, TextAreaField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT, type Catalog } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

const PERSON_ROWS = LIMITS.authorisedPersons;
const notFound = () => new Response('Not Found', { status: 404 });

export async function loader({ request, context }: Route.LoaderArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const { store, config } = context.services;
  const [file, requests, documents] = await Promise.all([
    store.familyFile.file(familyId),
    store.requests.list(familyId, 200),
    store.familyDocuments.list(familyId),
  ]);
  if (!file) throw new Response('Forbidden', { status: 403 });
  const open = requests.filter((r) => r.status === 'submitted');
  const pendingOf = (kind: string, subject = '') => {
    const found = open.find((r) => r.kind === kind && r.subject === subject);
    return found ? { id: found.id, createdAt: found.createdAt } : null;
  };
  return {
    file,
    accountEmail: session.user.email,
    pending: {
      address: pendingOf('address'),
      qf: pendingOf('qf'),
      persons: pendingOf('authorised_persons'),
      health: Object.fromEntries(file.children.map((c) => [c.id, pendingOf('child_health', c.id)])),
    },
    documents: documents.filter((d) => d.status !== 'refused').map((d) => ({ id: d.id, kind: d.kind, fileName: d.fileName })),
    maxBytes: config.uploadMaxBytes,
    today: parisToday(context.services.clock.now()),
    notice: noticeFrom(request, fr.dossier.notices),
  };
}

type Errors = Record<string, string>;
type FormName = 'phones' | 'email' | 'address' | 'qf' | 'health' | 'persons';

function fail(form: FormName, errors: Errors, values: Record<string, string>, status = 400, childId: string | null = null) {
  return data({ form, childId, errors, values }, { status });
}

/** Text fields as posted, to fill the form again after an error (files are never echoed). */
function textValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string' && key !== 'intent') values[key] = value.slice(0, 2000);
  return values;
}

function fieldError(t: Catalog, code: string): string {
  return t.dossier.fieldErrors[code] ?? t.dossier.fieldErrors.invalid;
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const t = catalogFor(context.lang);
  const { services } = context;
  const actor = actorOf(session, context);
  const form = await request.formData();
  const intent = form.get('intent');
  const values = textValues(form);
  const limits = { maxBytes: services.config.uploadMaxBytes, quotaBytes: services.config.familyQuotaBytes };

  if (intent === 'phones') {
    const errors: Errors = {};
    const phone = checkPhone(form.get('phone'), { required: true });
    if (!phone.ok) errors.phone = fieldError(t, phone.error);
    const guardians: { id: string; phone: string | null }[] = [];
    for (const [key, value] of form.entries()) {
      if (!key.startsWith('guardian-')) continue;
      const id = cleanUuid(key.slice('guardian-'.length));
      if (!id) throw notFound();
      const checked = checkPhone(value, { required: false });
      if (!checked.ok) errors[key] = fieldError(t, checked.error);
      else guardians.push({ id, phone: checked.value });
    }
    if (Object.keys(errors).length > 0 || !phone.ok) return fail('phones', errors, values);
    const result = await services.dossier.updatePhones({ familyId, phone: phone.value, guardians, actor });
    if (!result.ok) throw notFound();
    return redirect(`/portail/dossier/coordonnees?ok=${result.value.changed ? 'telephones' : 'telephones-inchanges'}`);
  }

  if (intent === 'email') {
    const email = checkEmail(form.get('email'));
    if (!email.ok) return fail('email', { email: fieldError(t, email.error) }, values);
    const budget = await services.limits.emailChanges.consume(session.user.id);
    if (!budget.allowed) return fail('email', { email: t.dossier.tooManyEmails(Math.ceil(budget.retryAfterSeconds / 60)) }, values, 429);
    const commune = (await services.store.organisation.get())?.communeName ?? 'Tartine';
    const result = await services.dossier.requestEmailChange({ user: session.user, newEmail: email.value, commune, actor });
    if (!result.ok) return fail('email', { email: t.dossier.errors.same_email }, values);
    return redirect('/portail/dossier/coordonnees?ok=lien-envoye');
  }

  // The requests staff validate.
  let change: ChangeRequest;
  let prefix: string;
  let name: FormName;
  let childId: string | null = null;
  const errors: Errors = {};
  if (intent === 'address') {
    name = 'address';
    prefix = 'address';
    const checked = checkAddress({ addressLine: form.get('addressLine'), postalCode: form.get('postalCode'), city: form.get('city') });
    if (!checked.ok) for (const [field, code] of Object.entries(checked.errors)) errors[field] = fieldError(t, code);
    change = { kind: 'address', address: checked.ok ? checked.value : { addressLine: '', postalCode: '', city: '' } };
  } else if (intent === 'qf') {
    name = 'qf';
    prefix = 'qf';
    const checked = checkQf({ qf: form.get('qf'), validUntil: form.get('qfValidUntil') }, parisToday(services.clock.now()));
    if (!checked.ok) for (const [field, code] of Object.entries(checked.errors)) errors[field === 'validUntil' ? 'qfValidUntil' : field] = fieldError(t, code);
    change = { kind: 'qf', qf: checked.ok ? checked.value.qf : 0, validUntil: checked.ok ? checked.value.validUntil : '' };
  } else if (intent === 'health') {
    name = 'health';
    childId = cleanUuid(form.get('childId'));
    if (!childId) throw notFound();
    prefix = `health-${childId}`;
    const checked = checkHealth({ diet: form.get(`diet-${childId}`), allergies: form.get(`allergies-${childId}`), hasPai: form.get(`pai-${childId}`) });
    if (!checked.ok) for (const [field, code] of Object.entries(checked.errors)) errors[`${field}-${childId}`] = fieldError(t, code);
    change = { kind: 'child_health', childId, health: checked.ok ? checked.value : { diet: 'standard', allergies: '', hasPai: false } };
  } else if (intent === 'persons') {
    name = 'persons';
    prefix = 'persons';
    const rows = Array.from({ length: PERSON_ROWS }, (_, i) => ({
      fullName: form.get(`person${i}-fullName`),
      relationship: form.get(`person${i}-relationship`),
      phone: form.get(`person${i}-phone`),
    }));
    const checked = checkAuthorisedPersons(rows);
    if (!checked.ok) for (const [field, code] of Object.entries(checked.errors)) errors[field] = fieldError(t, code as string);
    change = { kind: 'authorised_persons', persons: checked.ok ? checked.value : [] };
  } else {
    throw new Response('Bad Request', { status: 400 });
  }
  const note = checkNote(form.get(`${prefix}-note`));
  if (!note.ok) errors[`${prefix}-note`] = fieldError(t, note.error);
  const existingRaw = form.get(`${prefix}-existing`);
  const existingId = typeof existingRaw === 'string' && existingRaw !== '' ? cleanUuid(existingRaw) : null;
  if (typeof existingRaw === 'string' && existingRaw !== '' && !existingId) throw notFound();
  if (Object.keys(errors).length > 0) return fail(name, errors, values, 400, childId);

  const file = postedFile(form.get(`${prefix}-file`));
  if (file) {
    const budget = await services.limits.uploads.consume(session.user.id);
    if (!budget.allowed) return fail(name, { form: t.dossier.tooManyUploads(Math.ceil(budget.retryAfterSeconds / 60)) }, values, 429, childId);
  }
  const result = await services.dossier.submitChange({ familyId, change, note: note.ok ? note.value : '', proof: { existingId, file }, actor });
  if (result.ok) return redirect('/portail/dossier?ok=demande-envoyee');
  if (result.error === 'not_found') throw notFound();
  if (FILE_PROBLEMS.has(result.error)) {
    const status = result.error === 'too_large' ? 413 : 400;
    return fail(name, { [`${prefix}-file`]: fileErrorText(t, result.error, limits) }, values, status, childId);
  }
  return fail(name, { form: t.dossier.errors[result.error] ?? t.errors.badRequestText }, values, 409, childId);
}

export default function Coordonnees({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = t.dossier.contact;
  const { file, accountEmail, pending, documents, maxBytes, notice } = loaderData;
  const errorsFor = (form: FormName, childId: string | null = null) =>
    actionData && actionData.form === form && actionData.childId === childId ? (actionData.errors as Record<string, string>) : undefined;
  const valuesFor = (form: FormName, childId: string | null = null) =>
    actionData && actionData.form === form && actionData.childId === childId ? actionData.values : null;
  const allErrors = actionData?.errors as Record<string, string> | undefined;

  const labels: Record<string, string> = {
    phone: c.familyPhone,
    email: c.newEmail,
    addressLine: c.addressLine,
    postalCode: c.postalCode,
    city: c.city,
    'address-file': t.dossier.proof.file,
    qf: c.qf,
    qfValidUntil: c.qfValidUntil,
    'qf-file': t.dossier.proof.file,
    'persons-file': t.dossier.proof.file,
    'address-note': t.dossier.note,
    'qf-note': t.dossier.note,
    'persons-note': t.dossier.note,
  };
  for (const g of file.guardians) labels[`guardian-${g.id}`] = c.guardianPhone(`${g.firstName} ${g.lastName}`);
  for (const child of file.children) {
    labels[`diet-${child.id}`] = `${c.diet} (${child.firstName})`;
    labels[`allergies-${child.id}`] = `${c.allergies} (${child.firstName})`;
    labels[`health-${child.id}-file`] = `${t.dossier.proof.file} (${child.firstName})`;
    labels[`health-${child.id}-note`] = `${t.dossier.note} (${child.firstName})`;
  }
  for (let i = 0; i < PERSON_ROWS; i++) {
    labels[`person${i}-fullName`] = `${c.person(i + 1)} : ${c.personName}`;
    labels[`person${i}-relationship`] = `${c.person(i + 1)} : ${c.personRelationship}`;
    labels[`person${i}-phone`] = `${c.person(i + 1)} : ${c.personPhone}`;
  }

  const Pending = ({ request }: { request: { id: string; createdAt: string } }) => (
    <Notice>
      {c.pending(formatParisDateTime(request.createdAt))} <Link to={`/portail/dossier/demarches/${request.id}`}>{c.seeRequest}</Link>
    </Notice>
  );

  const phones = valuesFor('phones');
  const address = valuesFor('address');
  const qf = valuesFor('qf');
  const persons = valuesFor('persons');
  return (
    <>
      <PageTitle title={c.title} hasErrors={Boolean(allErrors)} />
      <h1>{c.title}</h1>
      <DossierNav />
      <ErrorSummary errors={allErrors} labels={labels} />
      {notice && !actionData ? <Notice tone="success">{t.dossier.notices[notice]}</Notice> : null}
      <p>{c.intro}</p>

      <section aria-labelledby="telephones" className="card">
        <h2 id="telephones">{c.phonesTitle}</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="phones" />
          <TextField name="phone" type="tel" autoComplete="tel" label={c.familyPhone} hint={c.phoneHint} defaultValue={phones?.phone ?? file.phone ?? ''} required error={errorsFor('phones')?.phone} />
          {file.guardians.map((g) => (
            <TextField
              key={g.id}
              name={`guardian-${g.id}`}
              type="tel"
              label={c.guardianPhone(`${g.firstName} ${g.lastName}`)}
              defaultValue={phones?.[`guardian-${g.id}`] ?? g.phone ?? ''}
              error={errorsFor('phones')?.[`guardian-${g.id}`]}
            />
          ))}
          <button type="submit" className="button">
            {c.savePhones}
          </button>
        </Form>
      </section>

      <section aria-labelledby="email-titre" className="card">
        <h2 id="email-titre">{c.emailTitle}</h2>
        <p>{accountEmail ? c.currentEmail(accountEmail) : c.noEmail}</p>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="email" />
          <TextField name="email" type="email" autoComplete="email" label={c.newEmail} hint={c.emailHint} defaultValue={valuesFor('email')?.email ?? ''} required maxLength={LIMITS.email} error={errorsFor('email')?.email} />
          <button type="submit" className="button">
            {c.sendLink}
          </button>
        </Form>
      </section>

      <section aria-labelledby="adresse" className="card">
        <h2 id="adresse">{c.addressTitle}</h2>
        {pending.address ? (
          <Pending request={pending.address} />
        ) : (
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="address" />
            <TextField name="addressLine" autoComplete="street-address" label={c.addressLine} defaultValue={address?.addressLine ?? file.addressLine} required maxLength={LIMITS.addressLine} error={errorsFor('address')?.addressLine} />
            <TextField name="postalCode" autoComplete="postal-code" inputMode="numeric" label={c.postalCode} defaultValue={address?.postalCode ?? file.postalCode} required maxLength={5} error={errorsFor('address')?.postalCode} />
            <TextField name="city" autoComplete="address-level2" label={c.city} defaultValue={address?.city ?? file.city} required maxLength={LIMITS.city} error={errorsFor('address')?.city} />
            <ProofFields prefix="address" documents={documents} maxBytes={maxBytes} hint={c.addressProofHint} required errors={errorsFor('address')} />
            <TextAreaField name="address-note" label={t.dossier.note} rows={2} maxLength={LIMITS.note} defaultValue={address?.['address-note'] ?? ''} error={errorsFor('address')?.['address-note']} />
            <button type="submit" className="button">
              {c.sendAddress}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="quotient" className="card">
        <h2 id="quotient">{c.qfTitle}</h2>
        {pending.qf ? (
          <Pending request={pending.qf} />
        ) : (
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="qf" />
            <TextField name="qf" inputMode="numeric" label={c.qf} hint={c.qfHint} defaultValue={qf?.qf ?? ''} required error={errorsFor('qf')?.qf} />
            <TextField name="qfValidUntil" type="date" label={c.qfValidUntil} hint={c.qfValidUntilHint} defaultValue={qf?.qfValidUntil ?? ''} required error={errorsFor('qf')?.qfValidUntil} />
            <ProofFields prefix="qf" documents={documents} maxBytes={maxBytes} required errors={errorsFor('qf')} />
            <TextAreaField name="qf-note" label={t.dossier.note} rows={2} maxLength={LIMITS.note} defaultValue={qf?.['qf-note'] ?? ''} error={errorsFor('qf')?.['qf-note']} />
            <button type="submit" className="button">
              {c.sendQf}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="sante" className="card">
        <h2 id="sante">{c.healthTitle}</h2>
        <p>{c.healthIntro}</p>
        {file.children.map((child) => {
          const open = pending.health[child.id];
          const errors = errorsFor('health', child.id);
          const values = valuesFor('health', child.id);
          return (
            <section key={child.id} aria-labelledby={`sante-${child.id}`} className="subsection">
              <h3 id={`sante-${child.id}`}>{c.healthChild(child.firstName)}</h3>
              {open ? (
                <Pending request={open} />
              ) : (
                <Form method="post" encType="multipart/form-data" noValidate>
                  <input type="hidden" name="intent" value="health" />
                  <input type="hidden" name="childId" value={child.id} />
                  <SelectField name={`diet-${child.id}`} label={c.diet} defaultValue={values?.[`diet-${child.id}`] ?? child.diet} error={errors?.[`diet-${child.id}`]}>
                    {DIETS.map((diet) => (
                      <option key={diet} value={diet}>
                        {t.dossier.diets[diet]}
                      </option>
                    ))}
                  </SelectField>
                  <TextAreaField
                    name={`allergies-${child.id}`}
                    label={c.allergies}
                    hint={c.allergiesHint}
                    rows={2}
                    maxLength={LIMITS.allergies}
                    defaultValue={values?.[`allergies-${child.id}`] ?? child.allergies}
                    error={errors?.[`allergies-${child.id}`]}
                  />
                  <CheckboxField name={`pai-${child.id}`} value="1" label={c.pai} defaultChecked={values ? values[`pai-${child.id}`] === '1' : child.hasPai} />
                  <ProofFields prefix={`health-${child.id}`} documents={documents} maxBytes={maxBytes} hint={c.healthProofHint} required={false} errors={errors} />
                  <TextAreaField
                    name={`health-${child.id}-note`}
                    label={t.dossier.note}
                    rows={2}
                    maxLength={LIMITS.note}
                    defaultValue={values?.[`health-${child.id}-note`] ?? ''}
                    error={errors?.[`health-${child.id}-note`]}
                  />
                  <button type="submit" className="button">
                    {c.sendHealth(child.firstName)}
                  </button>
                </Form>
              )}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="personnes" className="card">
        <h2 id="personnes">{c.personsTitle}</h2>
        {pending.persons ? (
          <Pending request={pending.persons} />
        ) : (
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="persons" />
            <p>{c.personsIntro}</p>
            {Array.from({ length: PERSON_ROWS }, (_, i) => {
              const current = file.authorisedPersons[i];
              const v = (field: string, fallback: string) => persons?.[`person${i}-${field}`] ?? fallback;
              return (
                <fieldset key={i} className="fieldset fieldset--row">
                  <legend>{c.person(i + 1)}</legend>
                  <TextField name={`person${i}-fullName`} label={c.personName} autoComplete="off" maxLength={LIMITS.personName} defaultValue={v('fullName', current?.fullName ?? '')} error={errorsFor('persons')?.[`person${i}-fullName`]} />
                  <TextField name={`person${i}-relationship`} label={c.personRelationship} autoComplete="off" maxLength={LIMITS.relationship} defaultValue={v('relationship', current?.relationship ?? '')} error={errorsFor('persons')?.[`person${i}-relationship`]} />
                  <TextField name={`person${i}-phone`} type="tel" label={c.personPhone} autoComplete="off" defaultValue={v('phone', current?.phone ?? '')} error={errorsFor('persons')?.[`person${i}-phone`]} />
                </fieldset>
              );
            })}
            <ProofFields prefix="persons" documents={documents} maxBytes={maxBytes} required={false} errors={errorsFor('persons')} />
            <TextAreaField name="persons-note" label={t.dossier.note} rows={2} maxLength={LIMITS.note} defaultValue={persons?.['persons-note'] ?? ''} error={errorsFor('persons')?.['persons-note']} />
            <button type="submit" className="button">
              {c.sendPersons}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}
