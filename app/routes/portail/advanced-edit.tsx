/**
 * Modification avancée: the same weekly pattern (e.g. Cantine lundi, mardi, jeudi, vendredi) over a date range, for
 * one or several children at once. « Prévisualiser » shows the additions, the cancellations and the skipped days
 * with their reasons; « Ajouter au récapitulatif » stores exactly what was previewed in the basket.
 */
import { useEffect, useRef } from 'react';
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/advanced-edit';
import type { AdvancedEditInput, AdvancedEditPreview } from '../../../core/booking/service';
import type { ChildPlanning } from '../../../core/booking/model';
import { addDays, diffDays, isPlainDate, weekday, type PlainDate } from '../../../core/calendar/plain-date';
import { schoolYearById, schoolYearIncludingSummer } from '../../../core/calendar/school-year';
import { ErrorSummary } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { RECAP_PATH } from '../../components/planning/basket-banner';
import { longDay, shortDate } from '../../components/planning/format';
import { cleanId } from '../../components/planning/params';
import { catalogFor, useT } from '../../i18n';
import { requireFamily } from '../../web/guards';

interface ActivityChoice {
  id: string;
  name: string;
  siteName: string;
  weekdays: number[];
  childIds: string[];
}

interface FormValues {
  children: string[];
  days: Record<string, number[]>;
  cancel: string[];
  from: string;
  to: string;
}

const MAX_RANGE_DAYS = 400;

/** The activity's weekdays: what the row says when the contract gives them, else the weekdays of its open days. */
function weekdaysOf(row: ChildPlanning['rows'][number], more: ChildPlanning['rows'][number][]): Set<number> {
  const declared = (row.activity as { weekdays?: unknown }).weekdays;
  if (Array.isArray(declared) && declared.every((d) => typeof d === 'number')) return new Set(declared as number[]);
  const days = new Set<number>();
  for (const r of [row, ...more]) for (const cell of r.cells) if (cell.open) days.add(weekday(cell.day));
  return days;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const { familyId } = await requireFamily(request, context);
  const booking = context.services.booking;
  const first = await booking.planning({ familyId, childId: null, view: 'month', date: null });
  if (!first.ok) return { children: [], activities: [], defaults: null };
  const { period } = first.value;
  const plannings = await Promise.all(
    first.value.children.flatMap((child) =>
      [period.today, period.next].map((date) => booking.planning({ familyId, childId: child.id, view: 'month', date })),
    ),
  );
  const activities = new Map<string, ActivityChoice & { rows: ChildPlanning['rows'][number][] }>();
  let schoolYearEnd: PlainDate | null = null;
  for (const result of plannings) {
    if (!result.ok) continue;
    for (const row of result.value.rows) {
      const entry = activities.get(row.activity.id) ?? {
        id: row.activity.id,
        name: row.activity.name,
        siteName: row.activity.siteName,
        weekdays: [],
        childIds: [],
        rows: [],
      };
      entry.rows.push(row);
      if (!entry.childIds.includes(result.value.child.id)) entry.childIds.push(result.value.child.id);
      activities.set(row.activity.id, entry);
      const end = schoolYearById(row.activity.schoolYearId)?.endsOn;
      if (end && end >= period.today && (!schoolYearEnd || end > schoolYearEnd)) schoolYearEnd = end;
    }
  }
  const list: ActivityChoice[] = [...activities.values()].map(({ rows, ...a }) => {
    const days = weekdaysOf(rows[0], rows.slice(1));
    return { ...a, weekdays: days.size > 0 ? [...days].sort() : [1, 2, 3, 4, 5] };
  });
  const fallbackEnd = schoolYearIncludingSummer(period.today).endsOn;
  return {
    children: first.value.children,
    activities: list,
    defaults: {
      from: period.today,
      to: schoolYearEnd ?? (fallbackEnd >= period.today ? fallbackEnd : schoolYearIncludingSummer(addDays(period.today, 90)).endsOn),
    },
  };
}

/** 'YYYY-MM-DD' (date inputs) or 'JJ/MM/AAAA' (typed by hand where the browser has no date picker). */
function readDay(value: FormDataEntryValue | null): PlainDate | null {
  const text = typeof value === 'string' ? value.trim() : '';
  if (isPlainDate(text)) return text;
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!match) return null;
  const day = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return isPlainDate(day) ? day : null;
}

function readForm(form: FormData): FormValues {
  const days: Record<string, number[]> = {};
  for (const [name, value] of form.entries()) {
    if (!name.startsWith('jours-') || typeof value !== 'string') continue;
    const activityId = cleanId(name.slice('jours-'.length));
    const day = Number(value);
    if (!activityId || !Number.isInteger(day) || day < 1 || day > 7) continue;
    if (Object.keys(days).length >= 50 && !days[activityId]) continue;
    days[activityId] = [...new Set([...(days[activityId] ?? []), day])].sort();
  }
  return {
    children: form.getAll('enfant').map(String).slice(0, 20).map((id) => id.slice(0, 80)),
    days,
    cancel: form.getAll('annuler').map(String).slice(0, 50).map((id) => id.slice(0, 80)),
    from: String(form.get('du') ?? '').slice(0, 20),
    to: String(form.get('au') ?? '').slice(0, 20),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { session, familyId } = await requireFamily(request, context);
  const p = catalogFor(context.lang).planning;
  const e = p.adv.errors;
  const form = await request.formData();
  const intent = form.get('intent');
  if (intent !== 'preview' && intent !== 'apply') throw new Response('Bad Request', { status: 400 });
  const values = readForm(form);
  const errors: Record<string, string> = {};
  const from = readDay(values.from);
  const to = readDay(values.to);
  if (values.children.length === 0) errors.enfants = e.children;
  const pattern = [
    ...Object.entries(values.days)
      .filter(([activityId]) => !values.cancel.includes(activityId))
      .map(([activityId, weekdays]) => ({ activityId, weekdays })),
    ...values.cancel.map((activityId) => ({ activityId, weekdays: [] as number[] })),
  ];
  if (pattern.length === 0) errors.activites = e.activities;
  if (!from) errors.du = e.from;
  if (!to || (from && to < from)) errors.au = e.to;
  else if (from && diffDays(from, to) > MAX_RANGE_DAYS) errors.au = e.range;
  if (Object.keys(errors).length > 0 || !from || !to) return data({ errors, values, preview: null }, { status: 400 });

  const input: AdvancedEditInput = {
    familyId,
    childIds: values.children,
    pattern,
    from,
    to,
    actor: { userId: session.user.id, label: session.user.username, ip: context.ip, staff: false },
  };
  const booking = context.services.booking;
  if (intent === 'apply') {
    const result = await booking.applyAdvancedEdit(input);
    if (!result.ok) return data({ errors: { form: p.errors[result.error] ?? p.errors.bad_request } as Record<string, string>, values, preview: null }, { status: 400 });
    return redirect(RECAP_PATH);
  }
  const result = await booking.previewAdvancedEdit(input);
  if (!result.ok) return data({ errors: { form: p.errors[result.error] ?? p.errors.bad_request } as Record<string, string>, values, preview: null }, { status: 400 });
  return { errors: null, values: { ...values, from, to }, preview: result.value };
}

export default function AdvancedEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const p = t.planning;
  const a = p.adv;
  const { children, activities, defaults } = loaderData;
  const errors: Record<string, string> | undefined = actionData?.errors ?? undefined;
  const values: FormValues | null = actionData?.values ?? null;
  const preview = actionData?.preview ?? null;
  const hasErrors = Boolean(errors && Object.keys(errors).length > 0);

  if (!defaults || activities.length === 0) {
    return (
      <>
        <PageTitle title={a.title} />
        <h1>{a.title}</h1>
        <p className="notice notice--info">{defaults ? a.noActivities : p.noChildren}</p>
        <p>
          <Link to="/portail/planning">{a.back}</Link>
        </p>
      </>
    );
  }

  const childName = (id: string) => children.find((c) => c.id === id)?.firstName ?? '';
  return (
    <>
      <PageTitle title={a.title} hasErrors={hasErrors} />
      <h1>{a.title}</h1>
      <ErrorSummary errors={errors ?? undefined} labels={{ enfants: a.children, activites: a.activities, du: a.from, au: a.to }} />
      {preview && values ? <PreviewSection preview={preview} values={values} /> : null}
      <p>{a.intro}</p>
      <Form method="post" className="advanced-form" noValidate>
        <fieldset className={`field-group${errors?.enfants ? ' field--error' : ''}`} aria-describedby={errors?.enfants ? 'enfants-error' : undefined}>
          <legend>{a.children}</legend>
          {errors?.enfants ? (
            <p className="field__error" id="enfants-error">
              {errors.enfants}
            </p>
          ) : null}
          <div className="checkbox-row">
            {children.map((child, index) => (
              <div className="field--checkbox" key={child.id}>
                <input
                  type="checkbox"
                  name="enfant"
                  value={child.id}
                  id={index === 0 ? 'enfants' : `enfant-${child.id}`}
                  defaultChecked={values ? values.children.includes(child.id) : true}
                />
                <label htmlFor={index === 0 ? 'enfants' : `enfant-${child.id}`}>{child.firstName}</label>
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset className={`field-group${errors?.activites ? ' field--error' : ''}`} aria-describedby={`activites-hint${errors?.activites ? ' activites-error' : ''}`}>
          <legend>{a.activities}</legend>
          <p className="field__hint" id="activites-hint">
            {a.activitiesHint}
          </p>
          {errors?.activites ? (
            <p className="field__error" id="activites-error">
              {errors.activites}
            </p>
          ) : null}
          {activities.map((activity, activityIndex) => (
            <fieldset key={activity.id} className="advanced-activity">
              <legend>
                {activity.name}{' '}
                <span className="activity-meta">
                  ({activity.siteName} – {activity.childIds.map(childName).join(', ')})
                </span>
              </legend>
              <div className="checkbox-row">
                {activity.weekdays.map((day, dayIndex) => {
                  const id = activityIndex === 0 && dayIndex === 0 ? 'activites' : `jours-${activity.id}-${day}`;
                  return (
                    <div className="field--checkbox" key={day}>
                      <input
                        type="checkbox"
                        name={`jours-${activity.id}`}
                        value={day}
                        id={id}
                        defaultChecked={values ? (values.days[activity.id] ?? []).includes(day) : false}
                      />
                      <label htmlFor={id}>{p.weekdays[day - 1]}</label>
                    </div>
                  );
                })}
              </div>
              <div className="field--checkbox">
                <input
                  type="checkbox"
                  name="annuler"
                  value={activity.id}
                  id={`annuler-${activity.id}`}
                  defaultChecked={values ? values.cancel.includes(activity.id) : false}
                />
                <label htmlFor={`annuler-${activity.id}`}>
                  {a.cancelAll}
                  <span className="visually-hidden">{` – ${activity.name}`}</span>
                </label>
              </div>
            </fieldset>
          ))}
        </fieldset>

        <div className="advanced-dates">
          <DateField name="du" label={a.from} hint={a.fromHint} value={values?.from ?? defaults.from} error={errors?.du} />
          <DateField name="au" label={a.to} hint={a.toHint} value={values?.to ?? defaults.to} error={errors?.au} />
        </div>
        <div className="actions">
          <Link className="button button--secondary" to="/portail/planning">
            {a.back}
          </Link>
          <button type="submit" name="intent" value="preview" className="button">
            {a.preview}
          </button>
        </div>
      </Form>
    </>
  );
}

function DateField({ name, label, hint, value, error }: { name: string; label: string; hint: string; value: string; error?: string }) {
  const described = [`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={name}>{label}</label>
      <p className="field__hint" id={`${name}-hint`}>
        {hint}
      </p>
      {error ? (
        <p className="field__error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
      <input type="date" id={name} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={described} />
    </div>
  );
}

function PreviewSection({ preview, values }: { preview: AdvancedEditPreview; values: FormValues }) {
  const t = useT();
  const p = t.planning;
  const a = p.adv;
  const c = a.columns;
  const nothing = preview.additions.length === 0 && preview.cancellations.length === 0;
  const heading = useRef<HTMLHeadingElement>(null);
  // After « Prévisualiser » (with JavaScript the page does not reload): take the reader to the result.
  useEffect(() => heading.current?.focus(), [preview]);
  return (
    <section aria-labelledby="previsualisation" className="advanced-preview">
      <h2 id="previsualisation" tabIndex={-1} ref={heading}>
        {a.previewTitle}
      </h2>
      <p role="status">{nothing ? a.nothing : a.previewNote}</p>
      <PreviewTable
        caption={a.additions(preview.additions.length)}
        headers={[c.date, c.child, c.activity, c.price]}
        rows={preview.additions.map((x) => [x.day, x.childFirstName, x.activityName, p.money(x.unitPriceCents)])}
      />
      <PreviewTable
        caption={a.cancellations(preview.cancellations.length)}
        headers={[c.date, c.child, c.activity]}
        rows={preview.cancellations.map((x) => [x.day, x.childFirstName, x.activityName])}
      />
      <PreviewTable
        caption={a.skipped(preview.skipped.length)}
        headers={[c.date, c.child, c.activity, c.reason]}
        rows={preview.skipped.map((x) => [x.day, x.childFirstName, x.activityName, skippedReason(p, x.reason)])}
      />
      {nothing ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="apply" />
          {values.children.map((id) => (
            <input key={id} type="hidden" name="enfant" value={id} />
          ))}
          {Object.entries(values.days).flatMap(([activityId, days]) =>
            days.map((day) => <input key={`${activityId}-${day}`} type="hidden" name={`jours-${activityId}`} value={day} />),
          )}
          {values.cancel.map((id) => (
            <input key={id} type="hidden" name="annuler" value={id} />
          ))}
          <input type="hidden" name="du" value={values.from} />
          <input type="hidden" name="au" value={values.to} />
          <button type="submit" className="button">
            {a.apply}
          </button>
        </Form>
      )}
    </section>
  );
}

function skippedReason(p: ReturnType<typeof useT>['planning'], reason: string): string {
  return p.lock[reason] ?? p.confirmation.reasons[reason] ?? reason;
}

function PreviewTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: string[][] }) {
  const t = useT();
  const p = t.planning;
  if (rows.length === 0) return null;
  return (
    <div className="table-wrapper" tabIndex={0}>
      <table className="stack-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([day, ...rest]) => (
            <tr key={`${day}-${rest.join('-')}`}>
              <td data-label={headers[0]}>
                <time dateTime={day} title={longDay(p, day)}>
                  {shortDate(day)}
                </time>
              </td>
              {rest.map((cell, i) => (
                <td key={i} data-label={headers[i + 1]}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
