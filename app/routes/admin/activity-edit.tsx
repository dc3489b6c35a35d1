/**
 * Staff: create an activity (/admin/activites/nouvelle) or edit one (/admin/activites/:activityId). An edit is shown
 * first with what it affects (upcoming bookings, families, capacity before → after) and saved on « Confirmer »; a
 * capacity below the bookings of a future day is refused naming the days. The price grid is /admin/tarifs.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/activity-edit';
import { DOCUMENT_KINDS } from '../../../core/documents/kinds';
import type { ActivityChangePreview } from '../../../core/referential/activities';
import { formOf, parseActivityForm, type ActivityForm } from '../../../core/referential/activity-form';
import { ACTIVITY_KINDS, ACTIVITY_PERIODS, BILLING_MODES, DEADLINE_KINDS, ENROLMENT_MODES } from '../../../core/referential/model';
import { ErrorSummary, Notice, SelectField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { useT, type Catalog } from '../../i18n';
import { actorOf, requirePermission } from '../../web/guards';
import { textValues } from '../../web/referential';

const NEW_FORM: ActivityForm = {
  values: {
    kind: 'cantine',
    period: 'school',
    capacity: '',
    billingMode: 'invoice',
    enrolmentMode: 'manual',
    waitingList: '1',
    addKind: 'days_before',
    addDays: '2',
    addTime: '12:00',
    addWorkingDays: '1',
    cancelKind: 'days_before',
    cancelDays: '2',
    cancelTime: '12:00',
    cancelWorkingDays: '1',
  },
  weekdays: ['1', '2', '4', '5'],
  requiredDocuments: [],
};

async function load(context: Route.LoaderArgs['context'], activityId: string | undefined) {
  if (activityId === undefined) return null;
  const activity = /^[\w-]{1,64}$/.test(activityId) ? await context.services.referential.activity(activityId) : null;
  if (!activity) throw new Response('Not Found', { status: 404 });
  return activity;
}

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.referential');
  const activity = await load(context, params.activityId);
  const [sites, years] = await Promise.all([context.services.referential.sites(), context.services.referential.schoolYears()]);
  const query = new URL(request.url).searchParams;
  return {
    activity: activity ? { id: activity.id, name: activity.name } : null,
    form: activity ? formOf(activity) : NEW_FORM,
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    years: years.map((y) => y.id),
    notice: query.has('cree') ? ('created' as const) : query.has('ok') ? ('saved' as const) : null,
  };
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.referential');
  const activity = await load(context, params.activityId);
  const formData = await request.formData();
  const values = textValues(formData, 200);
  const form: ActivityForm = {
    values,
    weekdays: formData
      .getAll('weekdays')
      .filter((v): v is string => typeof v === 'string')
      .slice(0, 7),
    requiredDocuments: formData
      .getAll('requiredDocuments')
      .filter((v): v is string => typeof v === 'string')
      .slice(0, 10),
  };
  const parsed = parseActivityForm(form);
  if (!parsed.ok) return data({ form, errors: parsed.errors, preview: null }, { status: 400 });
  const saved = await context.services.referential.saveActivity({
    activityId: activity?.id ?? null,
    settings: parsed.settings,
    confirmed: values.intent === 'confirm',
    actor: actorOf(session, context),
  });
  if (!saved.ok) return data({ form, errors: saved.errors, preview: null }, { status: 400 });
  if (saved.value.status === 'preview') return data({ form, errors: undefined, preview: saved.value.preview });
  return redirect(`/admin/activites/${saved.value.activityId}?${activity ? 'ok' : 'cree'}=1`, 303);
}

type C = Catalog['referential']['activity'];

function labelsOf(c: C): Record<string, string> {
  const labels: Record<string, string> = { ...c.fields };
  for (const [prefix, legend] of [
    ['add', c.fields.addDeadline],
    ['cancel', c.fields.cancelDeadline],
  ] as const) {
    labels[`${prefix}Kind`] = c.fieldLabel(legend, c.deadline.kind);
    labels[`${prefix}Days`] = c.fieldLabel(legend, c.deadline.days);
    labels[`${prefix}Weekday`] = c.fieldLabel(legend, c.deadline.weekday);
    labels[`${prefix}Time`] = c.fieldLabel(legend, c.deadline.time);
  }
  return labels;
}

function PreviewBox({ preview, c }: { preview: ActivityChangePreview; c: C }) {
  return (
    <section aria-labelledby="avant-enregistrement" className="notice" role="alert">
      <h2 id="avant-enregistrement">{c.previewTitle}</h2>
      {preview.changed.length === 0 ? (
        <p>{c.previewNothing}</p>
      ) : (
        <>
          <p>{c.previewChanged(preview.changed.map((field) => c.fields[field]).join(', '))}</p>
          <p>{c.previewBookings(preview.futureBookings, preview.families)}</p>
          {preview.capacity ? <p>{c.previewCapacity(preview.capacity.from, preview.capacity.to)}</p> : null}
          <p>{c.previewRules}</p>
        </>
      )}
    </section>
  );
}

export default function ActivityEdit({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const r = t.referential;
  const c = r.activity;
  const { activity, sites, years, notice } = loaderData;
  const form = actionData?.form ?? loaderData.form;
  const v = form.values;
  const errors = actionData?.errors;
  const preview = actionData?.preview ?? null;
  const title = activity ? c.editTitle(activity.name) : c.newTitle;
  const labels = labelsOf(c);
  const err = (field: string) => errors?.[field];
  const deadline = (prefix: 'add' | 'cancel') => (
    <fieldset id={`${prefix}Deadline`}>
      <legend>{prefix === 'add' ? c.fields.addDeadline : c.fields.cancelDeadline}</legend>
      <SelectField
        name={`${prefix}Kind`}
        label={c.deadline.kind}
        defaultValue={v[`${prefix}Kind`] ?? 'days_before'}
        error={err(`${prefix}Kind`)}
      >
        {DEADLINE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {r.deadlineKinds[kind]}
          </option>
        ))}
      </SelectField>
      <TextField
        name={`${prefix}Days`}
        label={c.deadline.days}
        defaultValue={v[`${prefix}Days`] ?? ''}
        error={err(`${prefix}Days`)}
        inputMode="numeric"
        size={4}
      />
      <SelectField
        name={`${prefix}Weekday`}
        label={c.deadline.weekday}
        defaultValue={v[`${prefix}Weekday`] ?? '4'}
        error={err(`${prefix}Weekday`)}
      >
        {r.weekdays.map((name, index) => (
          <option key={name} value={String(index + 1)}>
            {name}
          </option>
        ))}
      </SelectField>
      <TextField
        name={`${prefix}Time`}
        label={c.deadline.time}
        defaultValue={v[`${prefix}Time`] ?? ''}
        error={err(`${prefix}Time`)}
        inputMode="numeric"
        size={5}
        required
      />
      <div className="field field--checkbox">
        <input
          type="checkbox"
          id={`${prefix}WorkingDays`}
          name={`${prefix}WorkingDays`}
          value="1"
          defaultChecked={v[`${prefix}WorkingDays`] === '1'}
        />
        <label htmlFor={`${prefix}WorkingDays`}>{c.deadline.workingDays}</label>
      </div>
    </fieldset>
  );
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(errors)} />
      <p>
        <Link to="/admin/activites">{c.back}</Link>
      </p>
      <h1>{title}</h1>
      {notice === 'created' && !actionData ? <Notice tone="success">{c.created}</Notice> : null}
      {notice === 'saved' && !actionData ? <Notice tone="success">{r.saved}</Notice> : null}
      {activity ? (
        <p>
          <Link to={`/admin/tarifs?activite=${encodeURIComponent(activity.id)}`}>{c.pricesLink}</Link>
        </p>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      {preview ? <PreviewBox preview={preview} c={c} /> : null}
      <Form method="post" key={actionData ? 'posted' : 'loaded'}>
        <TextField name="name" label={c.fields.name} defaultValue={v.name ?? ''} error={err('name')} maxLength={120} required />
        <SelectField name="kind" label={c.fields.kind} defaultValue={v.kind} error={err('kind')}>
          {ACTIVITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t.planning.recap.kinds[kind]}
            </option>
          ))}
        </SelectField>
        <SelectField name="siteId" label={c.fields.siteId} defaultValue={v.siteId} error={err('siteId')}>
          {sites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="schoolYearId"
          label={c.fields.schoolYearId}
          defaultValue={v.schoolYearId ?? years.at(-1)}
          error={err('schoolYearId')}
        >
          {years.map((id) => (
            <option key={id} value={id}>
              {t.planning.schoolYear(id)}
            </option>
          ))}
        </SelectField>
        <fieldset id="weekdays" aria-describedby={err('weekdays') ? 'weekdays-error' : undefined}>
          <legend>{c.fields.weekdays}</legend>
          {err('weekdays') ? (
            <p className="field__error" id="weekdays-error">
              {err('weekdays')}
            </p>
          ) : null}
          {r.weekdays.map((name, index) => (
            <div className="field field--checkbox" key={name}>
              <input
                type="checkbox"
                id={`weekday-${index + 1}`}
                name="weekdays"
                value={String(index + 1)}
                defaultChecked={form.weekdays.includes(String(index + 1))}
              />
              <label htmlFor={`weekday-${index + 1}`}>{name}</label>
            </div>
          ))}
        </fieldset>
        <SelectField name="period" label={c.fields.period} defaultValue={v.period} error={err('period')}>
          {ACTIVITY_PERIODS.map((period) => (
            <option key={period} value={period}>
              {r.periods[period]}
            </option>
          ))}
        </SelectField>
        <TextField
          name="capacity"
          label={c.fields.capacity}
          defaultValue={v.capacity ?? ''}
          error={err('capacity')}
          inputMode="numeric"
          size={5}
          required
        />
        {deadline('add')}
        {deadline('cancel')}
        <SelectField name="billingMode" label={c.fields.billingMode} defaultValue={v.billingMode} error={err('billingMode')}>
          {BILLING_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {t.planning.billing[mode]}
            </option>
          ))}
        </SelectField>
        <div className="field field--checkbox">
          <input type="checkbox" id="waitingList" name="waitingList" value="1" defaultChecked={v.waitingList === '1'} />
          <label htmlFor="waitingList">{c.fields.waitingList}</label>
        </div>
        <SelectField name="enrolmentMode" label={c.fields.enrolmentMode} defaultValue={v.enrolmentMode} error={err('enrolmentMode')}>
          {ENROLMENT_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {r.enrolmentModes[mode]}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>{c.fields.requiredDocuments}</legend>
          {DOCUMENT_KINDS.map((kind) => (
            <div className="field field--checkbox" key={kind}>
              <input
                type="checkbox"
                id={`document-${kind}`}
                name="requiredDocuments"
                value={kind}
                defaultChecked={form.requiredDocuments.includes(kind)}
              />
              <label htmlFor={`document-${kind}`}>{t.dossier.documentKinds[kind]}</label>
            </div>
          ))}
        </fieldset>
        {activity ? (
          <p className="form-actions">
            <button type="submit" name="intent" value="preview" className={preview ? 'button button--secondary' : 'button'}>
              {c.preview}
            </button>{' '}
            {preview && preview.changed.length > 0 ? (
              <button type="submit" name="intent" value="confirm" className="button">
                {c.confirm}
              </button>
            ) : null}
          </p>
        ) : (
          <button type="submit" name="intent" value="create" className="button">
            {c.save}
          </button>
        )}
      </Form>
    </>
  );
}
