/**
 * Attendance (pointage), phone first: /admin/pointage?date=YYYY-MM-DD lists the activities open that day on the
 * viewer's sites; &activite=<id> shows the booked children to tap present or absent, adds a child present without
 * a booking, justifies an absence with a certificate. Every form works without JavaScript (post, then back to the
 * list); with JavaScript the marks are queued on the device and survive a lost connection (AttendanceRoster).
 */
import { Link, redirect } from 'react-router';
import type { Route } from './+types/attendance';
import { isAttendanceDay } from '../../../core/backoffice/attendance';
import { fromWebFile } from '../../../core/content/documents';
import { addDays } from '../../../core/calendar/plain-date';
import { parisToday } from '../../../core/calendar/paris-time';
import { AttendanceRoster } from '../../components/attendance-roster';
import { ErrorSummary, Notice } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { longDay } from '../../components/planning/format';
import { useT } from '../../i18n';
import backofficeStyles from '../../styles/backoffice.css?url';
import { dayParam, idParam, viewerOf } from '../../web/back-office';
import { requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: backofficeStyles }];

const NOTICES = ['marked', 'added', 'justified'] as const;
const ERRORS = ['invalid', 'not_found', 'bad_day', 'not_booked', 'not_absent', 'required', 'empty', 'too_large', 'type_not_allowed', 'chooseChild'] as const;

function href(date: string, activityId: string | null, extra = '') {
  return `/admin/pointage?date=${date}${activityId ? `&activite=${encodeURIComponent(activityId)}` : ''}${extra}`;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const session = await requirePermission(request, context, 'admin.attendance');
  const viewer = viewerOf(session, context);
  const params = new URL(request.url).searchParams;
  const bo = context.services.backOffice;
  const today = parisToday(context.services.clock.now());
  const parsed = dayParam(params.get('date'), today);
  const day = parsed ?? today;
  const activityId = idParam(params.get('activite'));
  const [activities, scope] = await Promise.all([bo.activitiesOn(day, viewer), bo.scope(viewer)]);
  let sheet = null;
  if (activityId) {
    sheet = await bo.attendanceSheet({ day, activityId, viewer });
    if (!sheet) throw new Response('Not Found', { status: 404 });
  }
  const keys: Record<string, string> = {};
  if (sheet) {
    for (const row of sheet.rows) for (const status of ['present', 'absent']) keys[`${row.childId}:${status}`] = crypto.randomUUID();
    keys.add = crypto.randomUUID();
  }
  const ok = params.get('ok');
  const error = params.get('erreur');
  return {
    day,
    today,
    badDate: parsed === null,
    activities,
    sheet,
    keys,
    markable: isAttendanceDay(day, today),
    noSite: scope.kind === 'sites' && scope.siteIds.length === 0,
    notice: NOTICES.find((n) => n === ok) ?? null,
    error: ERRORS.find((e) => e === error) ?? null,
    maxBytes: context.services.config.uploadMaxBytes,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.attendance');
  const viewer = viewerOf(session, context);
  const params = new URL(request.url).searchParams;
  const today = parisToday(context.services.clock.now());
  const day = dayParam(params.get('date'), today) ?? today;
  const activityId = idParam(params.get('activite'));
  const bo = context.services.backOffice;
  const form = await request.formData();
  const intent = form.get('intent');
  const back = (query: string, anchor = '') => redirect(`${href(day, activityId, query)}${anchor}`);

  if (intent === 'justify') {
    const attendanceId = idParam(form.get('attendanceId'));
    const file = form.get('file');
    const result = attendanceId
      ? await bo.justifyAbsence({ attendanceId, file: typeof file === 'object' && file !== null ? fromWebFile(file) : null, viewer })
      : ({ ok: false, error: 'not_found' } as const);
    return back(result.ok ? '&ok=justified' : `&erreur=${result.error}`);
  }
  if (intent !== 'mark' && intent !== 'add') throw new Response('Bad Request', { status: 400 });
  if (!activityId) return back('&erreur=not_found');
  const childId = idParam(form.get('childId'));
  if (!childId) return back(intent === 'add' ? '&erreur=chooseChild' : '&erreur=invalid');
  const key = String(form.get('key') ?? '') || crypto.randomUUID();
  const status = intent === 'add' ? 'present_unbooked' : String(form.get('status') ?? '');
  const [result] = await bo.applyMarks({ viewer, marks: [{ key, childId, activityId, day, status, markedAt: null }] });
  if (result.outcome === 'rejected') return back(`&erreur=${result.reason ?? 'invalid'}`, `#enfant-${childId}`);
  return back(intent === 'add' ? '&ok=added' : '&ok=marked', `#enfant-${childId}`);
}

export default function Attendance({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const a = t.backoffice.attendance;
  const p = t.planning;
  const { day, today, badDate, activities, sheet, keys, markable, noSite, notice, error, maxBytes } = loaderData;
  const activityId = sheet?.activity.id ?? null;
  const errorText = error ? (error === 'too_large' ? a.errors.too_large(t.common.bytes(maxBytes)) : a.errors[error]) : null;
  const title = sheet ? a.sheetTitle(sheet.activity.name, longDay(p, day)) : a.title;
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(errorText) || badDate} />
      <h1>{title}</h1>
      <ErrorSummary errors={errorText ? { form: errorText } : badDate ? { form: t.backoffice.common.badDate } : undefined} labels={{}} />
      {notice ? <Notice tone="success">{a.notices[notice]}</Notice> : null}
      {noSite ? <p className="notice notice--info">{a.noSite}</p> : null}

      <nav aria-label={a.chooseDay} className="actions-bar no-print">
        <Link className="button button--secondary" to={href(addDays(day, -1), activityId)}>
          <span aria-hidden="true">‹ </span>
          {a.previousDay}
        </Link>
        {day !== today ? (
          <Link className="button button--secondary" to={href(today, null)}>
            {a.today}
          </Link>
        ) : null}
        {day < today ? (
          <Link className="button button--secondary" to={href(addDays(day, 1), activityId)}>
            {a.nextDay}
            <span aria-hidden="true"> ›</span>
          </Link>
        ) : null}
        {sheet ? (
          <Link className="button button--secondary" to={href(day, null)}>
            {a.back}
          </Link>
        ) : null}
      </nav>

      {sheet ? (
        <>
          <p>{sheet.activity.siteName}</p>
          <AttendanceRoster day={day} activityId={sheet.activity.id} rows={sheet.rows} candidates={sheet.candidates} keys={keys} markable={markable} maxBytes={maxBytes} />
          {!markable ? <p className="notice notice--info">{a.errors.bad_day}</p> : null}
        </>
      ) : (
        <section aria-labelledby="activites">
          <h2 id="activites">{a.activities(longDay(p, day))}</h2>
          <p>{a.intro}</p>
          {activities.length === 0 ? (
            <p>{a.noActivity}</p>
          ) : (
            <ul className="activity-list">
              {activities.map((activity) => (
                <li key={activity.id}>
                  <Link to={href(day, activity.id)}>
                    {activity.name}
                    <span>{activity.siteName}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
