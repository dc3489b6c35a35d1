/**
 * Staff: find a child, open its planning and book or cancel on the family's behalf. Changes apply at once
 * (services.booking.applyNow, no basket), past the deadlines if needed (closed days and capacity still hold), and
 * leave an audit event.
 */
import { data, Form, Link } from 'react-router';
import type { Route } from './+types/plannings';
import type { ConfirmationReport, PlanningViewKind } from '../../../core/booking/model';
import { isPlainDate } from '../../../core/calendar/plain-date';
import { ErrorSummary, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { ReportLinesTable } from '../../components/planning/basket-lines';
import { cleanId, parsePlanningQuery, planningHref, viewFromWord } from '../../components/planning/params';
import { PlanningView, type PlanningSubmitted } from '../../components/planning/planning-view';
import { catalogFor, useT } from '../../i18n';
import planningStyles from '../../styles/planning.css?url';
import { requirePermission } from '../../web/guards';
import { lockedDayMessage } from '../../components/planning/format';

const BASE = '/admin/plannings';
const MAX_VALUES = 2_000;

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: planningStyles }];

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.plannings');
  const params = new URL(request.url).searchParams;
  const query = (params.get('q') ?? '').trim().slice(0, 100);
  const planningQuery = parsePlanningQuery(params);
  const store = context.services.store;
  const results = query.length >= 2 ? await store.childSearch.search(query) : [];
  let child = null;
  let planning = null;
  if (planningQuery.childId) {
    child = await store.childSearch.findChild(planningQuery.childId);
    if (!child) throw new Response('Not Found', { status: 404 });
    const result = await context.services.booking.planning({
      familyId: child.familyId,
      childId: child.childId,
      view: planningQuery.view,
      date: planningQuery.date,
      staff: true,
    });
    if (!result.ok) throw new Response('Not Found', { status: 404 });
    planning = result.value;
  }
  return { query, tooShort: query.length === 1, results, child, planning };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.plannings');
  const p = catalogFor(context.lang).planning;
  const form = await request.formData();
  if (form.get('intent') !== 'apply') throw new Response('Bad Request', { status: 400 });
  const childId = cleanId(form.get('enfant'));
  const view: PlanningViewKind = viewFromWord(String(form.get('vue') ?? '')) ?? 'month';
  const date = String(form.get('date') ?? '');
  const checked = form.getAll('c').map(String);
  const all = form.getAll('all').map(String);
  const submitted: PlanningSubmitted = { checked: checked.slice(0, MAX_VALUES), all: all.slice(0, MAX_VALUES) };
  const refuse = (message: string, status = 400) => data({ errors: { form: message }, submitted, report: null }, { status });
  const child = childId ? await context.services.store.childSearch.findChild(childId) : null;
  if (!child) throw new Response('Not Found', { status: 404 });
  if (!isPlainDate(date)) return refuse(p.errors.invalid_date);
  if (checked.length > MAX_VALUES || all.length > MAX_VALUES) return refuse(p.errors.bad_request);
  const result = await context.services.booking.applyNow({
    familyId: child.familyId,
    childId: child.childId,
    view,
    date,
    checked,
    wholePeriod: all,
    actor: { userId: session.user.id, label: session.user.username, ip: context.ip, staff: true },
  });
  if (!result.ok) {
    if (result.error === 'not_found') throw new Response('Not Found', { status: 404 });
    if (result.error === 'locked_day' && result.detail) return refuse(lockedDayMessage(p, result.detail));
    return refuse(p.errors[result.error] ?? p.errors.bad_request);
  }
  // No redirect: the report is shown once, above the refreshed planning. Re-sending the form asks for the same
  // target state, which changes nothing more.
  return { errors: null, submitted: null, report: result.value };
}

export default function StaffPlannings({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const p = t.planning;
  const s = p.admin;
  const { query, tooShort, results, child, planning } = loaderData;
  const errors = actionData?.errors ?? undefined;
  const report = (actionData?.report ?? null) as ConfirmationReport | null;
  return (
    <>
      <PageTitle title={child ? `${s.title} – ${child.firstName} ${child.lastName}` : s.title} hasErrors={Boolean(errors)} />
      <h1>{s.title}</h1>
      <ErrorSummary errors={errors} labels={{ q: s.search }} />
      {child && planning ? null : <p>{s.intro}</p>}

      <Form method="get" className="staff-search" role="search">
        <TextField
          name="q"
          label={s.search}
          hint={s.searchHint}
          defaultValue={query}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          error={tooShort ? s.tooShort : undefined}
        />
        <button type="submit" className="button">
          {s.searchButton}
        </button>
      </Form>

      {query.length >= 2 ? (
        results.length === 0 ? (
          <p role="status">{s.noResults(query)}</p>
        ) : (
          <div className="table-wrapper" tabIndex={0}>
            <table className="stack-table">
              <caption>{s.resultsCaption(query)}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.columns.child}</th>
                  <th scope="col">{s.columns.family}</th>
                  <th scope="col">{s.columns.file}</th>
                  <th scope="col">{s.columns.open}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((hit) => (
                  <tr key={hit.childId}>
                    <th scope="row">
                      {hit.firstName} {hit.lastName}
                    </th>
                    <td data-label={s.columns.family}>{hit.familyName}</td>
                    <td data-label={s.columns.file}>{hit.fileNumber}</td>
                    <td data-label={s.columns.open}>
                      <Link to={planningHref(BASE, { childId: hit.childId })}>{s.openPlanning(`${hit.firstName} ${hit.lastName}`)}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}

      {child && planning ? (
        <section aria-labelledby="famille" className="staff-planning">
          <p id="famille" className="staff-planning__family">
            <strong>{s.family(child.familyName, child.fileNumber)}</strong>
          </p>
          {report ? (
            <div className="recap-report">
              <div className={`notice ${report.failed.length === 0 ? 'notice--success' : 'notice--warning'}`} role="status">
                <p>
                  <strong>{s.reportTitle} : </strong>
                  {p.confirmation.applied(report.applied.length)}.{report.failed.length > 0 ? ` ${p.confirmation.failed(report.failed.length)}.` : ''}
                </p>
              </div>
              {report.applied.length > 0 ? <ReportLinesTable caption={p.confirmation.appliedCaption} lines={report.applied} /> : null}
              {report.failed.length > 0 ? <ReportLinesTable caption={p.confirmation.failedCaption} lines={report.failed} /> : null}
            </div>
          ) : null}
          <PlanningView
            planning={planning}
            base={BASE}
            edit
            alwaysEdit
            headingLevel={2}
            intro={s.applyNote}
            submitted={actionData?.submitted ?? null}
            hidden={{ intent: 'apply' }}
            actions={
              <>
                <Link className="button button--secondary" to={BASE}>
                  {s.backToSearch}
                </Link>
                <button type="submit" className="button">
                  {s.apply}
                </button>
              </>
            }
          />
        </section>
      ) : null}
    </>
  );
}
