/**
 * The planning of one child for one period (tutorial steps 3–7), in read mode or in edit mode (« Modifier »).
 *
 * A native <table>: caption naming the child and the period, one row header per activity, one column header per
 * day (full date for screen readers). In edit mode every open day holds a checkbox named after child, activity and
 * full date; a locked day's checkbox is disabled and points to its reason with aria-describedby. The whole form works
 * without JavaScript (« Tout le mois » is applied by the server); with JavaScript, « Tout le mois » ticks the row's
 * boxes at once and a role="status" region says how many.
 *
 * On phones (< 40rem) the same table is restacked by CSS (planning.css): each activity becomes a card and each day
 * a tile showing its weekday, number and state in words. One rendering only, so a form never holds two sets of
 * checkboxes, and screen readers keep the table (explicit roles guard against browsers that drop table semantics
 * when the display changes).
 */
import { useEffect, useId, useState } from 'react';
import { Form, Link } from 'react-router';
import type { ChildPlanning, DayCell, PlanningRow, PlanningViewKind } from '../../../core/booking/model';
import { weekday } from '../../../core/calendar/plain-date';
import { useT, type Catalog } from '../../i18n';
import { dayList, dayMonth, longDay, parisInstant, periodLabel, weekdayInitial } from './format';
import { planningHref } from './params';

type P = Catalog['planning'];

export interface PlanningSubmitted {
  checked: string[];
  all: string[];
}

export interface PlanningViewProps {
  planning: ChildPlanning;
  /** '/portail/planning' or '/admin/plannings'. */
  base: string;
  edit: boolean;
  /** Links shown next to the view switch: « Modifier », « Récapitulatif (N) » (parents only). */
  toolbarLinks?: React.ReactNode;
  /** The edit form's buttons. */
  actions?: React.ReactNode;
  /** Extra hidden inputs of the edit form. */
  hidden?: Record<string, string>;
  /** Values of a refused submission, so the parent's ticks are not lost. */
  submitted?: PlanningSubmitted | null;
  /** Staff may see edit mode on every child tab. */
  alwaysEdit?: boolean;
  /** The period title is the page's h1 for parents, an h2 under the back-office page title. */
  headingLevel?: 1 | 2;
  /** The sentence above the edit form (parents: how Valider and Terminer work). */
  intro?: string;
}

export const cellKey = (activityId: string, day: string) => `${activityId}:${day}`;

/** The box is ticked when the day is (or will be, once the basket is confirmed) booked or on the waiting list. */
export function initiallyChecked(cell: DayCell): boolean {
  if (cell.pending === 'add' || cell.pending === 'wait') return true;
  if (cell.pending === 'cancel') return false;
  return cell.booked || cell.waiting;
}

export function lockText(p: P, lock: NonNullable<DayCell['lock']>, lang: string): string {
  if (lock.reason === 'deadline_passed' && lock.deadline) return p.lockDeadline(parisInstant(p, lock.deadline, lang));
  const base = p.lock[lock.reason] ?? p.lock.not_open;
  return lock.detail ? `${base.replace(/\.$/, '')} (${lock.detail}).` : base;
}

function stateText(p: P, cell: DayCell): string {
  if (cell.pending === 'add') return p.state.pendingAdd;
  if (cell.pending === 'cancel') return p.state.pendingCancel;
  if (cell.pending === 'wait') return p.state.pendingWait;
  if (!cell.open) return p.state.closed;
  if (cell.waiting) return p.state.waiting(cell.waitingPosition);
  if (cell.booked) return p.state.booked;
  return cell.full ? `${p.state.notBooked} – ${p.state.full}` : p.state.notBooked;
}

function stateMark(p: P, cell: DayCell): { mark: string; tone: string } {
  if (cell.pending === 'add') return { mark: p.marks.pendingAdd, tone: 'pending' };
  if (cell.pending === 'cancel') return { mark: p.marks.pendingCancel, tone: 'pending' };
  if (cell.pending === 'wait') return { mark: p.marks.pendingWait, tone: 'pending' };
  if (!cell.open) return { mark: p.marks.closed, tone: 'off' };
  if (cell.waiting) return { mark: `${p.marks.waiting}${cell.waitingPosition ?? ''}`, tone: 'waiting' };
  if (cell.booked) return { mark: p.marks.booked, tone: 'booked' };
  return { mark: p.marks.notBooked, tone: 'free' };
}

/** Days that are simply not served (week-ends, Wednesdays for the canteen): hidden on phones, they say nothing. */
function isQuietDay(cell: DayCell): boolean {
  return !cell.open && (cell.lock === null || cell.lock.reason === 'not_open') && !cell.booked && !cell.waiting && cell.pending === null;
}

export function PlanningView(props: PlanningViewProps) {
  const t = useT();
  const p = t.planning;
  const lang = t.lang.code;
  const { planning, base, edit } = props;
  const { child, period } = planning;
  const label = periodLabel(p, period, lang);
  const Heading = props.headingLevel === 2 ? 'h2' : 'h1';
  const link = (over: { childId?: string; view?: PlanningViewKind; date?: string }) =>
    planningHref(base, {
      childId: over.childId ?? child.id,
      view: over.view ?? period.kind,
      date: over.date ?? period.start,
      edit: edit && !props.alwaysEdit,
    });

  return (
    <div className="planning">
      <Heading className="planning__title">{p.periodTitle(child.firstName, label)}</Heading>

      {planning.children.length > 1 ? (
        <nav aria-label={p.children} className="planning-tabs">
          <ul>
            {planning.children.map((c) => (
              <li key={c.id}>
                <Link to={link({ childId: c.id })} aria-current={c.id === child.id ? 'page' : undefined}>
                  {c.firstName}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      <div className="planning-toolbar">
        <nav aria-label={p.periodNav} className="planning-toolbar__group">
          <Link className="button button--secondary planning-arrow" to={link({ date: period.previous })}>
            <span aria-hidden="true">‹</span>
            <span className="visually-hidden">{p.previous[period.kind]}</span>
          </Link>
          <Link className="button button--secondary" to={link({ date: period.today })}>
            {p.today}
          </Link>
          <Link className="button button--secondary planning-arrow" to={link({ date: period.next })}>
            <span aria-hidden="true">›</span>
            <span className="visually-hidden">{p.next[period.kind]}</span>
          </Link>
        </nav>
        <nav aria-label={p.viewsLabel} className="planning-toolbar__group">
          {(['month', 'fortnight', 'week'] as const).map((kind) => (
            <Link
              key={kind}
              className={`button ${kind === period.kind ? '' : 'button--secondary'}`}
              to={link({ view: kind })}
              aria-current={kind === period.kind ? 'page' : undefined}
            >
              {p.views[kind]}
            </Link>
          ))}
        </nav>
        {props.toolbarLinks ? <div className="planning-toolbar__group">{props.toolbarLinks}</div> : null}
      </div>

      <ul className="planning-figures">
        <li>{p.periodCost(p.money(planning.periodCostCents))}</li>
        <li>{p.balance(p.money(planning.balanceCents))}</li>
      </ul>
      {props.alwaysEdit ? null : (
        <p className="planning-deadline">
          {planning.nextDeadline
          ? p.nextDeadline(
                dayMonth(p, planning.nextDeadline.weekStart),
                parisInstant(p, planning.nextDeadline.deadline, lang),
                planning.nextDeadline.activityName,
              )
            : p.noDeadline}
        </p>
      )}

      {planning.rows.length === 0 ? (
        <p className="notice notice--info">{p.noActivities(child.firstName)}</p>
      ) : edit ? (
        <EditForm {...props} label={label} key={`${child.id}-${period.kind}-${period.start}`} />
      ) : (
        <>
          <PlanningTable planning={planning} edit={false} label={label} />
          <Legend />
          <LockedDays planning={planning} />
        </>
      )}
    </div>
  );
}

function EditForm(props: PlanningViewProps & { label: string }) {
  const t = useT();
  const p = t.planning;
  const { planning } = props;
  const [status, setStatus] = useState('');
  const formId = useId();

  // Progressive enhancement: once hydrated, each « Tout le mois » box reflects its row (ticked when every open day
  // is, « mixed » when some are). Without JavaScript it starts unticked and means « book every day » on submit.
  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    for (const row of planning.rows) syncWhole(form, row.activity.id);
  }, [formId, planning]);

  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const target = event.target as HTMLInputElement;
    if (target.type !== 'checkbox') return;
    const form = event.currentTarget;
    const row = target.dataset.row;
    if (!row) return;
    if (target.name === 'all') {
      const boxes = rowBoxes(form, row);
      for (const box of boxes) box.checked = target.checked;
      target.indeterminate = false;
      const name = target.dataset.activity ?? '';
      setStatus(target.checked ? p.checkedCount(name, boxes.length) : p.uncheckedCount(name, boxes.length));
    } else {
      syncWhole(form, row);
      setStatus('');
    }
  }

  return (
    <Form method="post" id={formId} className="planning-form" onChange={onChange}>
      <input type="hidden" name="enfant" value={planning.child.id} />
      <input type="hidden" name="vue" value={{ month: 'mois', fortnight: 'quinzaine', week: 'semaine' }[planning.period.kind]} />
      <input type="hidden" name="date" value={planning.period.start} />
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="planning-help">{props.intro ?? p.editIntro}</p>
      <PlanningTable planning={planning} edit label={props.label} submitted={props.submitted ?? null} />
      <p role="status" className="planning-status">
        {status}
      </p>
      <div className="actions planning-actions">{props.actions}</div>
      <Legend />
      <LockedDays planning={planning} />
    </Form>
  );
}

function rowBoxes(form: HTMLFormElement, row: string): HTMLInputElement[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>('input[name="c"]')).filter((box) => box.dataset.row === row && !box.disabled);
}

function syncWhole(form: HTMLFormElement, row: string) {
  const whole = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="all"]')).find((box) => box.value === row);
  if (!whole || whole.disabled) return;
  const boxes = rowBoxes(form, row);
  const ticked = boxes.filter((box) => box.checked).length;
  whole.checked = boxes.length > 0 && ticked === boxes.length;
  whole.indeterminate = ticked > 0 && ticked < boxes.length;
}

export function PlanningTable({
  planning,
  edit,
  label,
  submitted = null,
}: {
  planning: ChildPlanning;
  edit: boolean;
  label: string;
  submitted?: PlanningSubmitted | null;
}) {
  const t = useT();
  const p = t.planning;
  const captionId = useId();
  const { child, period } = planning;
  const wholeLabel = period.kind === 'month' ? p.wholeMonth : p.wholePeriod;
  return (
    <div className="planning-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className={`planning-table planning-table--${period.kind}${edit ? ' planning-table--edit' : ''}`} role="table">
        <caption id={captionId}>{edit ? p.captionEdit(child.firstName, label) : p.caption(child.firstName, label)}</caption>
        <thead role="rowgroup">
          <tr role="row">
            <th scope="col" role="columnheader" className="planning-table__corner">
              {p.activityColumn}
            </th>
            {edit ? (
              <th scope="col" role="columnheader" className="planning-table__whole">
                {wholeLabel}
              </th>
            ) : null}
            {planning.days.map((day) => (
              <th
                key={day}
                scope="col"
                role="columnheader"
                className={`planning-table__day${weekday(day) >= 6 ? ' is-weekend' : ''}${day === period.today ? ' is-today' : ''}`}
              >
                <span aria-hidden="true" className="day-head">
                  <span>{weekdayInitial(p, day)}</span>
                  <span>{day.slice(8)}</span>
                </span>
                <span className="visually-hidden">{longDay(p, day)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {planning.rows.map((row) => (
            <Row key={row.activity.id} row={row} planning={planning} edit={edit} submitted={submitted} wholeLabel={wholeLabel} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({
  row,
  planning,
  edit,
  submitted,
  wholeLabel,
}: {
  row: PlanningRow;
  planning: ChildPlanning;
  edit: boolean;
  submitted: PlanningSubmitted | null;
  wholeLabel: string;
}) {
  const t = useT();
  const p = t.planning;
  const lang = t.lang.code;
  const idBase = useId();
  const { activity } = row;
  const child = planning.child.firstName;
  const editable = row.cells.filter((c) => c.open && c.editable).length;
  return (
    <tr role="row">
      <th scope="row" role="rowheader" className="planning-table__activity">
        <span className="activity-name">{activity.name}</span>
        <span className="activity-meta">
          {activity.siteName} · {p.schoolYear(activity.schoolYearId)}
        </span>
        <span className="activity-meta">
          <span className={`billing billing--${activity.billingMode}`}>{p.billing[activity.billingMode]}</span> ·{' '}
          {/* The rule that makes the price (core/pricing explain), for parents and staff alike. */}
          {p.unitPrice(row.unitPrice.label || p.money(row.unitPrice.cents))}
        </span>
      </th>
      {edit ? (
        <td role="cell" className="cell-whole">
          <input
            type="checkbox"
            name="all"
            value={activity.id}
            id={`${idBase}-all`}
            data-row={activity.id}
            data-activity={activity.name}
            disabled={editable === 0}
            defaultChecked={submitted ? submitted.all.includes(activity.id) : false}
            aria-describedby={editable === 0 ? `${idBase}-all-why` : undefined}
          />
          <label htmlFor={`${idBase}-all`}>
            <span className="cell-whole__text">{wholeLabel}</span>
            <span className="visually-hidden">{` – ${child} – ${activity.name}`}</span>
          </label>
          {editable === 0 ? (
            <span id={`${idBase}-all-why`} className="visually-hidden">
              {p.wholeNone}
            </span>
          ) : null}
        </td>
      ) : null}
      {row.cells.map((cell) => (
        <Cell key={cell.day} cell={cell} row={row} child={child} edit={edit} submitted={submitted} today={planning.period.today} idBase={idBase} lang={lang} />
      ))}
    </tr>
  );
}

function Cell({
  cell,
  row,
  child,
  edit,
  submitted,
  today,
  idBase,
  lang,
}: {
  cell: DayCell;
  row: PlanningRow;
  child: string;
  edit: boolean;
  submitted: PlanningSubmitted | null;
  today: string;
  idBase: string;
  lang: string;
}) {
  const t = useT();
  const p = t.planning;
  const { activity } = row;
  const key = cellKey(activity.id, cell.day);
  const id = `${idBase}-${cell.day}`;
  const { mark, tone } = stateMark(p, cell);
  const state = stateText(p, cell);
  const reason = cell.lock && !isQuietDay(cell) ? lockText(p, cell.lock, lang) : null;
  const locked = cell.open && !cell.editable;
  const classes = [
    'cell',
    `cell--${tone}`,
    locked ? 'cell--locked' : '',
    isQuietDay(cell) ? 'cell--quiet' : '',
    weekday(cell.day) >= 6 ? 'is-weekend' : '',
    cell.day === today ? 'is-today' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const dayTag = (
    <span className="cell-day" aria-hidden="true">
      {weekdayInitial(p, cell.day)} {cell.day.slice(8).replace(/^0/, '')}
    </span>
  );
  const reasonNode = reason ? (
    <span className="cell-reason" id={`${id}-why`}>
      {reason}
    </span>
  ) : null;

  if (edit && cell.open) {
    const checked = submitted ? submitted.checked.includes(key) : initiallyChecked(cell);
    const fullNote = cell.full && !cell.booked && !cell.waiting ? ` – ${p.fullSuffix}` : '';
    // The state (pending, waiting position) and the lock reason describe the box; its name stays child – activity – date.
    const showState = cell.pending !== null || cell.waiting;
    const describedBy = [showState ? `${id}-state` : null, reason ? `${id}-why` : null].filter(Boolean).join(' ') || undefined;
    return (
      <td role="cell" className={classes} data-day={cell.day}>
        {dayTag}
        <input
          type="checkbox"
          name="c"
          value={key}
          id={id}
          data-row={activity.id}
          defaultChecked={checked}
          disabled={!cell.editable}
          aria-describedby={describedBy}
        />
        <label htmlFor={id} className="cell-label">
          <span className="visually-hidden">{p.checkboxName(child, activity.name, longDay(p, cell.day)) + fullNote}</span>
          {showState ? (
            <span className="cell-mark" aria-hidden="true">
              {mark}
            </span>
          ) : null}
          {fullNote ? (
            <span className="cell-full" aria-hidden="true">
              {p.state.full}
            </span>
          ) : null}
        </label>
        {showState ? (
          <span className="cell-text" id={`${id}-state`}>
            {state}
          </span>
        ) : null}
        {reasonNode}
      </td>
    );
  }

  return (
    <td role="cell" className={classes} data-day={cell.day}>
      {dayTag}
      <span className="cell-mark" aria-hidden="true">
        {locked && tone === 'free' ? p.marks.locked : mark}
      </span>
      <span className="cell-text">{state}</span>
      {reasonNode}
    </td>
  );
}

function Legend() {
  const t = useT();
  const p = t.planning;
  const items: [string, string, string][] = [
    ['booked', p.marks.booked, p.legend.booked],
    ['free', p.marks.notBooked, p.legend.notBooked],
    ['waiting', `${p.marks.waiting}1`, p.legend.waiting],
    ['pending', p.marks.pendingAdd, p.legend.pendingAdd],
    ['pending', p.marks.pendingCancel, p.legend.pendingCancel],
    ['off', p.marks.closed, p.legend.closed],
    ['locked', p.marks.locked, p.legend.locked],
  ];
  return (
    <div className="planning-legend">
      <h2 className="planning-legend__title">{p.legendTitle}</h2>
      <ul>
        {items.map(([tone, mark, text]) => (
          <li key={text}>
            <span className={`legend-mark cell--${tone}`} aria-hidden="true">
              {mark}
            </span>{' '}
            {text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Every locked day's reason in words, grouped: the same text the cells give on hover and to screen readers. */
function LockedDays({ planning }: { planning: ChildPlanning }) {
  const t = useT();
  const p = t.planning;
  const lang = t.lang.code;
  const items: string[] = [];
  for (const row of planning.rows) {
    const groups = new Map<string, string[]>();
    for (const cell of row.cells) {
      if (!cell.lock || isQuietDay(cell)) continue;
      const text = lockText(p, cell.lock, lang).replace(/\.$/, '');
      groups.set(text, [...(groups.get(text) ?? []), cell.day]);
    }
    for (const [text, days] of groups) items.push(p.lockedDaysItem(row.activity.name, text, dayList(p, days, lang)));
  }
  if (items.length === 0) return null;
  return (
    <details className="planning-locked">
      <summary>{p.lockedDaysTitle}</summary>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </details>
  );
}
