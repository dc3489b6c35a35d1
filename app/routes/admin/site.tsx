/**
 * Staff: one site — its name, type and address, its classes, its closure days. Closing a day that has bookings shows
 * how many bookings and families it touches and asks what becomes of them (core/referential/closures.ts).
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/site';
import { formatDayFr, isPlainDate } from '../../../core/calendar';
import type { ClosureImpact } from '../../../core/referential/closures';
import { SCHOOL_LEVELS, SITE_KINDS } from '../../../core/referential/model';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, Notice, SelectField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT } from '../../i18n';
import { actorOf, requirePermission } from '../../web/guards';
import { frenchDate, textValues } from '../../web/referential';

const NOTICES = ['ok', 'ferme', 'rouvert'] as const;

export async function loader({ request, context, params }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.referential');
  const site = /^[\w-]{1,64}$/.test(params.siteId) ? await context.services.referential.site(params.siteId) : null;
  if (!site) throw new Response('Not Found', { status: 404 });
  const url = new URL(request.url);
  const notice = NOTICES.find((n) => url.searchParams.has(n)) ?? null;
  const counts = (url.searchParams.get('ferme') ?? '').split('-').map(Number);
  return {
    site,
    closures: await context.services.referential.closures(site.id),
    notice,
    cancelled: counts[0] || 0,
    families: counts[1] || 0,
  };
}

type ActionResult = { intent: string; values: Record<string, string>; errors?: Record<string, string>; impact?: ClosureImpact };

export async function action({ request, context, params }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.referential');
  const referential = context.services.referential;
  const actor = actorOf(session, context);
  const siteId = params.siteId;
  const values = textValues(await request.formData());
  const intent = values.intent ?? '';
  const back = (query: string) => redirect(`/admin/sites/${siteId}?${query}`, 303);
  const fail = (errors: Record<string, string>, extra: Partial<ActionResult> = {}) =>
    data<ActionResult>({ intent, values, errors, ...extra }, { status: 400 });
  switch (intent) {
    case 'site': {
      const saved = await referential.saveSite({
        siteId,
        name: values.name ?? '',
        kind: values.kind ?? '',
        address: values.address ?? '',
        actor,
      });
      return saved.ok ? back('ok=1') : fail(saved.errors);
    }
    case 'class-add': {
      const added = await referential.addClass({ siteId, name: values.className ?? '', level: values.classLevel ?? '', actor });
      return added.ok ? back('ok=1') : fail(added.errors);
    }
    case 'class-remove': {
      const removed = await referential.removeClass({ siteId, classId: values.classId ?? '', actor });
      return removed.ok ? back('ok=1') : fail(removed.errors);
    }
    case 'closure-add': {
      const choice = values.choice ?? null;
      const added = await referential.addClosure({ siteId, day: values.day ?? '', reason: values.reason ?? '', choice, actor });
      if (!added.ok) return fail(added.errors);
      if (added.value.status === 'choose') {
        // Confirmed without a choice: the same question again, with the message.
        if (values.confirming === '1')
          return fail({ choice: catalogFor(context.lang).referential.site.choiceMissing }, { impact: added.value.impact });
        return data<ActionResult>({ intent, values, impact: added.value.impact });
      }
      return back(`ferme=${added.value.cancelled}-${added.value.families}`);
    }
    case 'closure-remove': {
      const removed = await referential.removeClosure({ siteId, closureId: values.closureId ?? '', actor });
      return removed.ok ? back('rouvert=1') : fail(removed.errors);
    }
    default:
      return fail({ form: catalogFor(context.lang).referential.unknownForm });
  }
}

export default function SitePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = t.referential.site;
  const l = t.referential.sites;
  const { site, closures, notice } = loaderData;
  const result = actionData as ActionResult | undefined;
  const errorsOf = (intents: string[]) => (result && intents.includes(result.intent) ? result.errors : undefined);
  const valuesOf = (intents: string[]) => (result && intents.includes(result.intent) ? result.values : {});
  const siteValues = { name: site.name, kind: site.kind, address: site.address, ...valuesOf(['site']) };
  const closureValues = valuesOf(['closure-add']);
  const impact = result?.intent === 'closure-add' ? result.impact : undefined;
  const title = c.title(site.name);
  const day = (value: string) => (isPlainDate(value) ? formatDayFr(value, { withYear: true }) : value);
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(result?.errors)} />
      <p>
        <Link to="/admin/sites">{c.back}</Link>
      </p>
      <h1>{title}</h1>
      {notice === 'ok' && !result ? <Notice tone="success">{t.referential.saved}</Notice> : null}
      {notice === 'ferme' && !result ? <Notice tone="success">{c.closureAdded(loaderData.cancelled, loaderData.families)}</Notice> : null}
      {notice === 'rouvert' && !result ? <Notice tone="success">{c.closureRemoved}</Notice> : null}

      <section aria-labelledby="fermetures">
        <h2 id="fermetures">{c.closuresTitle}</h2>
        {impact ? (
          <div className="notice" role="alert">
            <h3>{c.chooseTitle(day(closureValues.day ?? ''))}</h3>
            <p>{c.impact(impact.reserved, impact.waiting, impact.families)}</p>
            <ul>
              {impact.activities.map((a) => (
                <li key={a.name}>{c.impactActivity(a.name, a.reserved, a.waiting)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <ErrorSummary
          errors={errorsOf(['closure-add', 'closure-remove'])}
          labels={{ day: c.closureDay, reason: c.closureReason, choice: c.choiceLegend }}
        />
        <Form method="post">
          <input type="hidden" name="intent" value="closure-add" />
          <TextField
            name="day"
            label={c.closureDay}
            type="date"
            defaultValue={closureValues.day ?? ''}
            error={errorsOf(['closure-add'])?.day}
            required
          />
          <TextField
            name="reason"
            label={c.closureReason}
            defaultValue={closureValues.reason ?? ''}
            error={errorsOf(['closure-add'])?.reason}
            maxLength={200}
            required
          />
          {impact || errorsOf(['closure-add'])?.choice ? (
            <fieldset id="choice">
              <legend>{c.choiceLegend}</legend>
              <input type="hidden" name="confirming" value="1" />
              {(['cancel', 'keep'] as const).map((choice) => (
                <div className="field field--radio" key={choice}>
                  <input type="radio" id={`choice-${choice}`} name="choice" value={choice} aria-describedby={`choice-${choice}-hint`} />
                  <label htmlFor={`choice-${choice}`}>{c.choices[choice]}</label>
                  <p className="field__hint" id={`choice-${choice}-hint`}>
                    {c.choiceHints[choice]}
                  </p>
                </div>
              ))}
            </fieldset>
          ) : null}
          <button type="submit" className="button">
            {impact ? c.confirmClosure : c.addClosure}
          </button>
        </Form>
        {closures.length === 0 ? (
          <p>{c.noClosure}</p>
        ) : (
          <DataTable
            caption={c.closuresCaption(site.name)}
            columns={[c.closureColumns.day, c.closureColumns.reason, c.closureColumns.remove]}
          >
            {closures.map((closure) => (
              <tr key={closure.id}>
                <th scope="row">{day(closure.day)}</th>
                <td>{closure.reason}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="closure-remove" />
                    <input type="hidden" name="closureId" value={closure.id} />
                    <button type="submit" className="button button--secondary">
                      {c.removeClosure(frenchDate(closure.day))}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="classes">
        <h2 id="classes">{c.classesTitle}</h2>
        {site.classes.length === 0 ? (
          <p>{c.noClass}</p>
        ) : (
          <DataTable caption={c.classesCaption(site.name)} columns={[c.classColumns.name, c.classColumns.level, c.classColumns.remove]}>
            {site.classes.map((siteClass) => (
              <tr key={siteClass.id}>
                <th scope="row">{siteClass.name}</th>
                <td>{siteClass.level}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="class-remove" />
                    <input type="hidden" name="classId" value={siteClass.id} />
                    <button type="submit" className="button button--secondary">
                      {c.removeClass(siteClass.name)}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <ErrorSummary errors={errorsOf(['class-add', 'class-remove'])} labels={{ className: c.className, classLevel: c.classLevel }} />
        <Form method="post">
          <input type="hidden" name="intent" value="class-add" />
          <TextField
            name="className"
            label={c.className}
            hint={c.classNameHint}
            defaultValue={valuesOf(['class-add']).className ?? ''}
            error={errorsOf(['class-add'])?.className}
            maxLength={60}
            required
          />
          <SelectField
            name="classLevel"
            label={c.classLevel}
            defaultValue={valuesOf(['class-add']).classLevel ?? 'CP'}
            error={errorsOf(['class-add'])?.classLevel}
          >
            {SCHOOL_LEVELS.map((level) => (
              <option key={level} value={level}>
                {level}
              </option>
            ))}
          </SelectField>
          <button type="submit" className="button">
            {c.addClass}
          </button>
        </Form>
      </section>

      <section aria-labelledby="details">
        <h2 id="details">{c.detailsTitle}</h2>
        <ErrorSummary errors={errorsOf(['site'])} labels={{ name: l.name, kind: l.kind, address: l.address }} />
        <Form method="post">
          <input type="hidden" name="intent" value="site" />
          <TextField name="name" label={l.name} defaultValue={siteValues.name} error={errorsOf(['site'])?.name} maxLength={120} required />
          <SelectField name="kind" label={l.kind} defaultValue={siteValues.kind} error={errorsOf(['site'])?.kind}>
            {SITE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t.referential.siteKinds[kind]}
              </option>
            ))}
          </SelectField>
          <TextField
            name="address"
            label={l.address}
            defaultValue={siteValues.address}
            error={errorsOf(['site'])?.address}
            maxLength={300}
            required
          />
          <button type="submit" className="button">
            {c.save}
          </button>
        </Form>
      </section>
    </>
  );
}
