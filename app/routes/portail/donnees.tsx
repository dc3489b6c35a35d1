/** « Mes données » (RGPD): download everything stored about the family (JSON or a readable page), ask for erasure. */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/donnees';
import { checkNote, LIMITS } from '../../../core/families/validation';
import { DossierNav, noticeFrom } from '../../components/dossier/parts';
import { CheckboxField, ErrorSummary, Notice, TextAreaField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { fr } from '../../i18n/fr';
import dossierStyles from '../../styles/dossier.css?url';
import { formatParisDateTime } from '../../web/format';
import { actorOf, requireFamily } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: dossierStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const pending = await context.services.store.requests.findOpen(familyId, 'erasure', '');
  return { pending: pending ? { id: pending.id, createdAt: pending.createdAt } : null, notice: noticeFrom(request, fr.dossier.notices) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const t = catalogFor(context.lang);
  const form = await request.formData();
  if (form.get('intent') !== 'erasure') throw new Response('Bad Request', { status: 400 });
  const errors: Record<string, string> = {};
  if (form.get('confirm') !== '1') errors.confirm = t.dossier.data.confirmRequired;
  const note = checkNote(form.get('note'));
  if (!note.ok) errors.note = t.dossier.fieldErrors[note.error];
  if (Object.keys(errors).length > 0) return data({ errors }, { status: 400 });
  const result = await context.services.dossier.submitChange({
    familyId,
    change: { kind: 'erasure' },
    note: note.ok ? note.value : '',
    proof: { existingId: null, file: null },
    actor: actorOf(session, context),
  });
  if (!result.ok) return data({ errors: { form: t.dossier.errors[result.error] ?? t.errors.badRequestText } as Record<string, string> }, { status: 409 });
  return redirect('/portail/dossier/donnees?ok=effacement-demande');
}

export default function Donnees({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = t.dossier.data;
  const { pending, notice } = loaderData;
  const errors = actionData?.errors;
  return (
    <>
      <PageTitle title={d.title} hasErrors={Boolean(errors)} />
      <h1>{d.title}</h1>
      <DossierNav />
      <ErrorSummary errors={errors} labels={{ confirm: t.dossier.fields.erasure, note: t.dossier.note }} />
      {notice && !actionData ? <Notice tone="success">{t.dossier.notices[notice]}</Notice> : null}
      <p>{d.intro}</p>

      <section aria-labelledby="telecharger" className="card">
        <h2 id="telecharger">{d.exportTitle}</h2>
        <ul>
          <li>
            <a href="/portail/dossier/donnees/export/json" download>
              {d.exportJson}
            </a>
          </li>
          <li>
            <a href="/portail/dossier/donnees/export/html" download>
              {d.exportHtml}
            </a>
          </li>
        </ul>
        <p>
          {d.exportNote} <Link to="/portail/dossier/documents">{t.dossier.documents.title}</Link>
        </p>
      </section>

      <section aria-labelledby="effacement" className="card">
        <h2 id="effacement">{d.erasureTitle}</h2>
        <p>{d.erasureText}</p>
        <h3>{d.keptTitle}</h3>
        <ul>
          {d.kept.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        {pending ? (
          <Notice>
            {d.pending(formatParisDateTime(pending.createdAt))}{' '}
            <Link to={`/portail/dossier/demarches/${pending.id}`}>{t.dossier.contact.seeRequest}</Link>
          </Notice>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="erasure" />
            <TextAreaField name="note" label={t.dossier.note} rows={2} maxLength={LIMITS.note} error={errors?.note} />
            <CheckboxField name="confirm" value="1" label={d.confirm} aria-invalid={errors?.confirm ? true : undefined} aria-describedby={errors?.confirm ? 'confirm-error' : undefined} />
            {errors?.confirm ? (
              <p className="field__error" id="confirm-error">
                {errors.confirm}
              </p>
            ) : null}
            <button type="submit" className="button button--danger">
              {d.submit}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}
