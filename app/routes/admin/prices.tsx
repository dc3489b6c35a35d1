/**
 * Staff: price grids (reached from the referential's activity pages). /admin/tarifs lists the
 * activities and their grid versions; ?activite=<id>[&grille=<id>] edits one: effective date, 3 to 10 QF brackets
 * (from – to, unit price, PAI price), non-resident and maximum prices, sibling reduction, tarif majoré, PAI and
 * absence penalty. Gaps and overlaps between brackets, unreadable amounts (-1, 1e309, 12,505) are refused with the
 * RGAA error pattern; examples show the rule each price comes from (core/pricing explain). A version that would price
 * booked days shows how many (and whose) before it is saved; none may start on a day already invoiced.
 */
import { data, Form, Link, redirect } from 'react-router';
import type { Route } from './+types/prices';
import { isPlainDate } from '../../../core/calendar/plain-date';
import { explain, MAX_BRACKETS, parseEuros, priceDay, type Adjustment, type PriceGrid, type PriceRules } from '../../../core/pricing';
import type { GridActivity, StoredGrid } from '../../../core/pricing/grid-editor';
import { DataTable } from '../../components/data-table';
import { ErrorSummary, Notice, SelectField, TextField } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { catalogFor, useT, type Catalog } from '../../i18n';
import paymentStyles from '../../styles/payments.css?url';
import { actorOf, requirePermission } from '../../web/guards';

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: paymentStyles }];

const PATH = '/admin/tarifs';
const ROWS = Array.from({ length: MAX_BRACKETS }, (_, i) => i + 1);

type Values = Record<string, string>;

const euros = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '' : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

function valuesOf(grid: StoredGrid | null, activity: GridActivity): Values {
  const values: Values = { effectiveFrom: grid?.effectiveFrom ?? activity.schoolYearStartsOn, source: grid?.source ?? '' };
  if (!grid) return values;
  for (const b of grid.brackets) {
    values[`qfMin-${b.rank}`] = String(b.qfMin);
    values[`qfTo-${b.rank}`] = b.qfMax === null ? '' : String(b.qfMax - 1);
    values[`price-${b.rank}`] = euros(b.unitPriceCents);
    values[`pai-${b.rank}`] = euros(b.paiCents);
  }
  values.nonResident = euros(grid.nonResidentCents);
  values.missingQf = euros(grid.missingQfCents);
  const rules = grid.rules ?? {};
  values.siblingFrom = rules.sibling ? String(rules.sibling.fromRank) : 'none';
  values.siblingKind = rules.sibling?.kind ?? 'percent';
  values.siblingValue = rules.sibling ? (rules.sibling.kind === 'percent' ? String(rules.sibling.value) : euros(rules.sibling.value)) : '';
  for (const [key, adjustment] of [
    ['late', rules.lateBooking],
    ['unbooked', rules.unbookedAttendance],
  ] as const) {
    values[`${key}Kind`] = adjustment?.kind ?? 'none';
    values[`${key}Value`] = !adjustment ? '' : adjustment.kind === 'percent' ? String(adjustment.percent) : euros(adjustment.cents);
  }
  values.pai = euros(rules.paiCents);
  values.absencePenalty = euros(rules.absencePenaltyCents);
  return values;
}

export async function loader({ request, context }: Route.LoaderArgs) {
  await requirePermission(request, context, 'admin.prices');
  const params = new URL(request.url).searchParams;
  const activityId = params.get('activite');
  if (!activityId) return { mode: 'list' as const, activities: await context.services.prices.activities() };
  const activity = /^[\w-]{1,64}$/.test(activityId) ? await context.services.prices.activity(activityId) : null;
  if (!activity) throw new Response('Not Found', { status: 404 });
  const gridId = params.get('grille');
  const grid = activity.grids.find((g) => g.id === gridId) ?? activity.grids.at(-1) ?? null;
  return { mode: 'edit' as const, activity, grid, values: valuesOf(grid, activity), saved: params.get('ok') === '1' };
}

type FieldErrors = Record<string, string>;

/** The form's text → a grid, or French errors per field (amounts through core/pricing parseEuros). */
function parseForm(form: FormData, c: Catalog['payments']['prices']): { values: Values; grid: PriceGrid | null; errors: FieldErrors } {
  const values: Values = {};
  for (const [key, value] of form.entries()) if (typeof value === 'string') values[key] = value.slice(0, 200);
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] = errors[field] ? `${errors[field]} ${message}` : message);
  const money = (field: string, optional = false): number | null => {
    const text = (values[field] ?? '').trim();
    if (optional && text === '') return null;
    const parsed = parseEuros(text);
    if (!parsed.ok) {
      add(field, c.moneyErrors[parsed.error] ?? c.moneyErrors.format);
      return null;
    }
    return parsed.cents;
  };
  const integer = (field: string, message: string): number | null => {
    const text = (values[field] ?? '').trim();
    if (!/^\d{1,6}$/.test(text)) {
      add(field, message);
      return null;
    }
    return Number(text);
  };
  const brackets: PriceGrid['brackets'][number][] = [];
  const used = ROWS.filter((rank) => ['qfMin', 'qfTo', 'price', 'pai'].some((k) => (values[`${k}-${rank}`] ?? '').trim() !== ''));
  used.forEach((rank, index) => {
    const qfMin = integer(`qfMin-${rank}`, c.qfError);
    const last = index === used.length - 1;
    const toText = (values[`qfTo-${rank}`] ?? '').trim();
    const qfTo = last && toText === '' ? null : integer(`qfTo-${rank}`, c.qfError);
    const price = money(`price-${rank}`);
    const pai = money(`pai-${rank}`, true);
    if (qfMin !== null && price !== null && (qfTo !== null || (last && toText === ''))) {
      brackets.push({ rank: index + 1, qfMin, qfMax: qfTo === null ? null : qfTo + 1, unitPriceCents: price, paiCents: pai });
    }
  });
  const nonResidentCents = money('nonResident');
  const missingQfCents = money('missingQf');
  const rules: Partial<PriceRules> = {
    sibling: null,
    lateBooking: null,
    unbookedAttendance: null,
    paiCents: money('pai', true),
    absencePenaltyCents: money('absencePenalty', true),
  };
  if (values.siblingFrom === '2' || values.siblingFrom === '3') {
    const kind = values.siblingKind === 'amount' ? 'amount' : 'percent';
    const value = kind === 'percent' ? integer('siblingValue', c.percentError) : money('siblingValue');
    if (value !== null) rules.sibling = { fromRank: values.siblingFrom === '2' ? 2 : 3, kind, value };
  }
  for (const [key, rule] of [
    ['late', 'lateBooking'],
    ['unbooked', 'unbookedAttendance'],
  ] as const) {
    const kind = values[`${key}Kind`];
    if (kind !== 'amount' && kind !== 'percent' && kind !== 'fixed') continue;
    let adjustment: Adjustment | null = null;
    if (kind === 'percent') {
      const percent = integer(`${key}Value`, c.percentError);
      if (percent !== null) adjustment = { kind, percent };
    } else {
      const cents = money(`${key}Value`);
      if (cents !== null) adjustment = { kind, cents };
    }
    rules[rule] = adjustment;
  }
  if (Object.keys(errors).length > 0 || nonResidentCents === null || missingQfCents === null) return { values, grid: null, errors };
  return { values, grid: { brackets, nonResidentCents, missingQfCents, rules }, errors };
}

const ISSUE_FIELDS: Record<string, string> = {
  brackets: 'qfMin-1',
  nonResident: 'nonResident',
  missingQf: 'missingQf',
  sibling: 'siblingValue',
  lateBooking: 'lateValue',
  unbookedAttendance: 'unbookedValue',
  pai: 'pai',
  absencePenalty: 'absencePenalty',
  effectiveFrom: 'effectiveFrom',
  activity: 'effectiveFrom',
};

export async function action({ request, context }: Route.ActionArgs) {
  const session = await requirePermission(request, context, 'admin.prices');
  const c = catalogFor(context.lang).payments.prices;
  const activityId = new URL(request.url).searchParams.get('activite') ?? '';
  const activity = /^[\w-]{1,64}$/.test(activityId) ? await context.services.prices.activity(activityId) : null;
  if (!activity) throw new Response('Not Found', { status: 404 });
  const form = await request.formData();
  const { values, grid, errors } = parseForm(form, c);
  const effectiveFrom = (values.effectiveFrom ?? '').trim();
  if (!isPlainDate(effectiveFrom)) errors.effectiveFrom = c.effectiveFromError;
  if (!grid || Object.keys(errors).length > 0) return data({ values, errors }, { status: 400 });
  const confirmation = form.get('confirmation');
  const saved = await context.services.prices.save({
    activityId: activity.id,
    effectiveFrom,
    grid,
    source: values.source?.trim() || undefined,
    confirmation: typeof confirmation === 'string' ? confirmation : undefined,
    actor: actorOf(session, context),
  });
  // Future bookings would be priced by it: show what it affects, save on confirmation.
  if (!saved.ok && 'impact' in saved) return data({ values, impact: saved.impact });
  if (!saved.ok) {
    const issueErrors: FieldErrors = {};
    for (const issue of saved.issues) {
      const field = issue.field.startsWith('bracket.') ? `qfMin-${issue.field.slice(8)}` : (ISSUE_FIELDS[issue.field] ?? 'effectiveFrom');
      issueErrors[field] = issueErrors[field] ? `${issueErrors[field]} ${issue.message}` : issue.message;
    }
    return data({ values, errors: issueErrors }, { status: 400 });
  }
  return redirect(`${PATH}?activite=${encodeURIComponent(activity.id)}&grille=${encodeURIComponent(saved.gridId)}&ok=1`, 303);
}

export default function Prices({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const c = t.payments.prices;
  if (loaderData.mode === 'list') {
    return (
      <>
        <PageTitle title={c.title} />
        <h1>{c.title}</h1>
        <p>{c.intro}</p>
        <DataTable
          caption={c.caption}
          columns={[c.columns.activity, c.columns.site, c.columns.year, c.columns.billing, c.columns.grids, c.columns.edit]}
        >
          {loaderData.activities.map((activity) => (
            <tr key={activity.id}>
              <th scope="row">{activity.name}</th>
              <td>{activity.siteName}</td>
              <td>{t.planning.schoolYear(activity.schoolYearId)}</td>
              <td>{t.planning.billing[activity.billingMode as 'prepaid' | 'invoice'] ?? activity.billingMode}</td>
              <td>
                {activity.grids.length === 0
                  ? c.noGrid
                  : activity.grids.map((g) => c.gridSummary(g.effectiveFrom.split('-').reverse().join('/'), g.brackets.length)).join(' ; ')}
              </td>
              <td>
                <Link to={`${PATH}?activite=${encodeURIComponent(activity.id)}`}>
                  {t.payments.menu.prices}
                  <span className="visually-hidden">{` – ${c.editLink(`${activity.name} ${t.planning.schoolYear(activity.schoolYearId)}`)}`}</span>
                </Link>
              </td>
            </tr>
          ))}
        </DataTable>
      </>
    );
  }
  const { activity, grid, saved } = loaderData;
  const values: Values = actionData?.values ?? loaderData.values;
  const errors: FieldErrors | undefined = actionData && 'errors' in actionData ? actionData.errors : undefined;
  const impact = actionData && 'impact' in actionData ? actionData.impact : undefined;
  const day = (d: string) => d.split('-').reverse().join('/');
  const title = c.editTitle(`${activity.name} (${t.planning.schoolYear(activity.schoolYearId)})`);
  const err = (field: string) => errors?.[field];
  const labels: Record<string, string> = {
    effectiveFrom: c.effectiveFrom,
    nonResident: c.nonResident,
    missingQf: c.missingQf,
    siblingValue: c.siblingValue,
    lateValue: c.lateValue,
    unbookedValue: c.unbookedValue,
    pai: c.pai,
    absencePenalty: c.absencePenalty,
    ...Object.fromEntries(
      ROWS.flatMap((rank) => [
        [`qfMin-${rank}`, c.qfMin(rank)],
        [`qfTo-${rank}`, c.qfTo(rank)],
        [`price-${rank}`, c.unitPrice(rank)],
        [`pai-${rank}`, c.paiPrice(rank)],
      ]),
    ),
  };
  const examples = grid && !actionData ? exampleLabels(grid) : [];
  return (
    <>
      <PageTitle title={title} hasErrors={Boolean(errors)} />
      <p>
        <Link to={PATH}>{c.back}</Link>
      </p>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} labels={labels} />
      {saved && !errors ? <Notice tone="success">{c.saved}</Notice> : null}
      {impact ? (
        <Notice>
          {c.impact(impact.bookings, impact.families, day(impact.from), impact.until ? day(impact.until) : null, impact.prepaid)}
        </Notice>
      ) : null}
      {activity.grids.length > 0 ? (
        <nav aria-label={c.versions} className="grid-versions">
          <h2>{c.versions}</h2>
          <ul>
            {activity.grids.map((g) => (
              <li key={g.id}>
                <Link
                  to={`${PATH}?activite=${encodeURIComponent(activity.id)}&grille=${encodeURIComponent(g.id)}`}
                  aria-current={g.id === grid?.id ? 'page' : undefined}
                >
                  {c.version(g.effectiveFrom.split('-').reverse().join('/'))}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {examples.length > 0 ? (
        <section aria-labelledby="exemples">
          <h2 id="exemples">{c.preview}</h2>
          <ul>
            {examples.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="post" className="grid-editor" key={`${grid?.id ?? 'new'}-${actionData ? 'posted' : 'loaded'}`}>
        <TextField
          name="effectiveFrom"
          label={c.effectiveFrom}
          hint={c.effectiveFromHint}
          type="date"
          defaultValue={values.effectiveFrom ?? ''}
          error={err('effectiveFrom')}
          required
        />
        <TextField name="source" label={c.source} defaultValue={values.source ?? ''} maxLength={200} />
        <fieldset>
          <legend>{c.bracketsLegend}</legend>
          <p className="field__hint">{c.bracketsHint}</p>
          <div className="table-wrapper" tabIndex={0}>
            <table className="grid-editor__brackets">
              <caption className="visually-hidden">{c.bracketsLegend}</caption>
              <thead>
                <tr>
                  <th scope="col">{c.bracketColumns.rank}</th>
                  <th scope="col">{c.bracketColumns.qfMin}</th>
                  <th scope="col">{c.bracketColumns.qfTo}</th>
                  <th scope="col">{c.bracketColumns.price}</th>
                  <th scope="col">{c.bracketColumns.pai}</th>
                </tr>
              </thead>
              <tbody>
                {ROWS.map((rank) => (
                  <tr key={rank}>
                    <th scope="row">{c.bracket(rank)}</th>
                    {(['qfMin', 'qfTo', 'price', 'pai'] as const).map((kind) => {
                      const name = `${kind}-${rank}`;
                      const error = err(name);
                      return (
                        <td key={kind}>
                          {error ? (
                            <p className="field__error" id={`${name}-error`}>
                              {error}
                            </p>
                          ) : null}
                          <input
                            id={name}
                            name={name}
                            defaultValue={values[name] ?? ''}
                            inputMode={kind.startsWith('qf') ? 'numeric' : 'decimal'}
                            aria-label={labels[name]}
                            aria-invalid={error ? true : undefined}
                            aria-describedby={error ? `${name}-error` : undefined}
                            size={8}
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TextField
            name="nonResident"
            label={c.nonResident}
            defaultValue={values.nonResident ?? ''}
            error={err('nonResident')}
            inputMode="decimal"
          />
          <TextField
            name="missingQf"
            label={c.missingQf}
            defaultValue={values.missingQf ?? ''}
            error={err('missingQf')}
            inputMode="decimal"
          />
        </fieldset>
        <fieldset>
          <legend>{c.rulesLegend}</legend>
          <div className="grid-editor__rules">
            <SelectField name="siblingFrom" label={c.siblingFrom} defaultValue={values.siblingFrom ?? 'none'}>
              {['none', '2', '3'].map((v) => (
                <option key={v} value={v}>
                  {c.siblingFromOptions[v]}
                </option>
              ))}
            </SelectField>
            <SelectField name="siblingKind" label={c.siblingKind} defaultValue={values.siblingKind ?? 'percent'}>
              {['percent', 'amount'].map((v) => (
                <option key={v} value={v}>
                  {c.reductionKinds[v]}
                </option>
              ))}
            </SelectField>
            <TextField
              name="siblingValue"
              label={c.siblingValue}
              defaultValue={values.siblingValue ?? ''}
              error={err('siblingValue')}
              inputMode="decimal"
            />
            {(['late', 'unbooked'] as const).map((key) => (
              <div key={key}>
                <SelectField
                  name={`${key}Kind`}
                  label={key === 'late' ? c.lateKind : c.unbookedKind}
                  defaultValue={values[`${key}Kind`] ?? 'none'}
                >
                  {['none', 'amount', 'percent', 'fixed'].map((v) => (
                    <option key={v} value={v}>
                      {c.adjustmentKinds[v]}
                    </option>
                  ))}
                </SelectField>
                <TextField
                  name={`${key}Value`}
                  label={key === 'late' ? c.lateValue : c.unbookedValue}
                  defaultValue={values[`${key}Value`] ?? ''}
                  error={err(`${key}Value`)}
                  inputMode="decimal"
                />
              </div>
            ))}
            <TextField name="pai" label={c.pai} defaultValue={values.pai ?? ''} error={err('pai')} inputMode="decimal" />
            <TextField
              name="absencePenalty"
              label={c.absencePenalty}
              defaultValue={values.absencePenalty ?? ''}
              error={err('absencePenalty')}
              inputMode="decimal"
            />
          </div>
        </fieldset>
        {impact ? <input type="hidden" name="confirmation" value={impact.confirmation} /> : null}
        <button type="submit" className="button">
          {impact ? c.confirmSave : c.save}
        </button>
      </Form>
    </>
  );
}

/** What the grid charges in a few typical cases, each with the rule that makes it (staff always see the rule). */
function exampleLabels(grid: PriceGrid & { effectiveFrom: string }): string[] {
  const day = grid.effectiveFrom;
  const valid = '9999-12-31';
  const labels = grid.brackets.map((b) => explain(priceDay({ grid, day, family: { resident: true, qf: b.qfMin, qfValidUntil: valid } })));
  const first = grid.brackets[0]?.qfMin ?? 0;
  labels.push(explain(priceDay({ grid, day, family: { resident: false, qf: first, qfValidUntil: valid } })));
  labels.push(explain(priceDay({ grid, day, family: { resident: true, qf: null, qfValidUntil: null } })));
  const family = { resident: true, qf: first, qfValidUntil: valid };
  if (grid.rules?.sibling) labels.push(explain(priceDay({ grid, day, family, siblingRank: grid.rules.sibling.fromRank })));
  if (grid.rules?.lateBooking) labels.push(explain(priceDay({ grid, day, family, occasion: 'late_booking' })));
  if (grid.rules?.unbookedAttendance) labels.push(explain(priceDay({ grid, day, family, occasion: 'unbooked_attendance' })));
  if (grid.rules?.paiCents !== null && grid.rules?.paiCents !== undefined) labels.push(explain(priceDay({ grid, day, family, pai: true })));
  labels.push(explain(priceDay({ grid, day, family, occasion: 'justified_absence' })));
  return [...new Set(labels)];
}
