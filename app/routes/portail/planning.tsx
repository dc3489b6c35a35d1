/**
 * Planning (tutorial steps 3–7): /portail/planning?enfant=…&vue=mois|quinzaine|semaine&date=YYYY-MM-DD[&mode=modifier].
 * /portail/planning/reservations (« Effectuer de nouvelles réservations ») opens the same page in edit mode.
 * « Valider » stores this child's changes in the family's basket and opens the next child; « Valider et terminer »
 * stores them and opens the Récapitulatif. Nothing is booked before « Terminer ».
 */
import { data, Link, redirect, useLoaderData } from 'react-router';
import type { Route } from './+types/planning';
import type { PlanningViewKind } from '../../../core/booking/model';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { RECAP_PATH } from '../../components/planning/basket-banner';
import { lockedDayMessage, periodLabel } from '../../components/planning/format';
import { cleanId, parsePlanningQuery, planningHref, viewFromWord } from '../../components/planning/params';
import { PlanningView, type PlanningSubmitted } from '../../components/planning/planning-view';
import { catalogFor, useT } from '../../i18n';
import { requireFamily } from '../../web/guards';
import { isPlainDate } from '../../../core/calendar/plain-date';

const BASE = '/portail/planning';
/** A month has at most 31 days × a handful of activities: anything far beyond is not a form from this page. */
const MAX_VALUES = 2_000;

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const url = new URL(request.url);
  const query = parsePlanningQuery(url.searchParams);
  const edit = query.edit || url.pathname.endsWith('/reservations');
  const result = await context.services.booking.planning({ familyId, childId: query.childId, view: query.view, date: query.date });
  if (!result.ok) {
    if (result.error === 'not_found') throw new Response('Not Found', { status: 404 });
    return { planning: null, edit, badDate: query.badDate, validated: false };
  }
  return { planning: result.value, edit, badDate: query.badDate, validated: url.searchParams.get('ok') === 'valide' };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const p = catalogFor(context.lang).planning;
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent !== 'valider' && intent !== 'terminer') throw new Response('Bad Request', { status: 400 });
  const childId = cleanId(form.get('enfant'));
  const view: PlanningViewKind = viewFromWord(String(form.get('vue') ?? '')) ?? 'month';
  const date = String(form.get('date') ?? '');
  const checked = form.getAll('c').map(String);
  const all = form.getAll('all').map(String);
  const submitted: PlanningSubmitted = { checked: checked.slice(0, MAX_VALUES), all: all.slice(0, MAX_VALUES) };
  const refuse = (message: string, status = 400) => data({ errors: { form: message }, submitted }, { status });
  if (!childId) throw new Response('Not Found', { status: 404 });
  if (!isPlainDate(date)) return refuse(p.errors.invalid_date);
  if (checked.length > MAX_VALUES || all.length > MAX_VALUES) return refuse(p.errors.bad_request);

  const result = await context.services.booking.saveChanges({
    familyId,
    childId,
    view,
    date,
    checked,
    wholePeriod: all,
    actor: { userId: session.user.id, label: session.user.username, ip: context.ip, staff: false },
  });
  if (!result.ok) {
    if (result.error === 'not_found') throw new Response('Not Found', { status: 404 });
    if (result.error === 'locked_day' && result.detail) return refuse(lockedDayMessage(p, result.detail));
    return refuse(p.errors[result.error] ?? p.errors.bad_request, result.error === 'stale_basket' ? 409 : 400);
  }
  if (intent === 'terminer' || result.value.nextChildId === null) return redirect(RECAP_PATH);
  return redirect(planningHref(BASE, { childId: result.value.nextChildId, view, date, edit: true, extra: { ok: 'valide' } }));
}

export default function Planning({ actionData }: Route.ComponentProps) {
  const t = useT();
  const p = t.planning;
  const { planning, edit, badDate, validated } = useLoaderData<typeof loader>();
  const errors = actionData?.errors;
  if (!planning) {
    return (
      <>
        <PageTitle title={p.title} />
        <h1>{p.title}</h1>
        <p className="notice notice--info">{p.noChildren}</p>
      </>
    );
  }
  const label = periodLabel(p, planning.period, t.lang.code);
  const here = { childId: planning.child.id, view: planning.period.kind, date: planning.period.start };
  return (
    <>
      <PageTitle title={`${edit ? p.editTitle : p.title} – ${p.periodTitle(planning.child.firstName, label)}`} hasErrors={Boolean(errors)} />
      <ErrorSummary errors={errors} labels={{}} />
      {badDate ? <Notice>{p.badDate}</Notice> : null}
      {validated && !errors ? <Notice tone="success">{p.validated}</Notice> : null}
      <PlanningView
        planning={planning}
        base={BASE}
        edit={edit}
        submitted={actionData?.submitted ?? null}
        toolbarLinks={
          <>
            {edit ? null : (
              <Link className="button" to={planningHref(BASE, { ...here, edit: true })}>
                {p.modify}
              </Link>
            )}
            <Link className="button button--secondary" to={RECAP_PATH}>
              {p.recapLink(planning.basketLineCount)}
            </Link>
          </>
        }
        actions={
          <>
            <Link className="button button--secondary" to={planningHref(BASE, here)}>
              {p.quit}
            </Link>
            <Link className="button button--secondary" to="/portail/planning/modification-avancee">
              {p.advanced}
            </Link>
            <button type="submit" name="intent" value="valider" className="button">
              {p.validate}
            </button>
            <button type="submit" name="intent" value="terminer" className="button">
              {p.validateAndFinish}
            </button>
          </>
        }
      />
      {edit ? null : (
        <p>
          <Link to="/portail/planning/modification-avancee">{p.advanced}</Link>
        </p>
      )}
    </>
  );
}
