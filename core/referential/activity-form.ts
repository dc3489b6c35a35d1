/** The activity form's text → ActivitySettings, or a French message per field (nothing is guessed). */
import { isWallClockTime, type DeadlineRule } from '../calendar';
import type { ActivityKind, BillingMode } from '../booking/model';
import { isDocumentKind } from '../documents/kinds';
import type { EnrolmentMode } from '../enrolments/model';
import { errorsFr } from './messages-fr';
import { ACTIVITY_KINDS, ACTIVITY_PERIODS, BILLING_MODES, DEADLINE_KINDS, ENROLMENT_MODES, type ActivitySettings } from './model';

export const MAX_CAPACITY = 2000;

export interface ActivityForm {
  /** Single-valued fields, by input name. */
  values: Record<string, string>;
  weekdays: readonly string[];
  requiredDocuments: readonly string[];
}

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  (list as readonly string[]).includes(value ?? '');

function deadline(prefix: 'add' | 'cancel', values: Record<string, string>, errors: Record<string, string>): DeadlineRule | null {
  const kind = values[`${prefix}Kind`];
  const time = (values[`${prefix}Time`] ?? '').trim();
  const before = Object.keys(errors).length;
  if (!oneOf(DEADLINE_KINDS, kind)) {
    errors[`${prefix}Kind`] = errorsFr.deadlineKind;
    return null;
  }
  if (!isWallClockTime(time)) errors[`${prefix}Time`] = errorsFr.deadlineTime;
  if (kind === 'weekday_of_previous_week') {
    const weekday = Number(values[`${prefix}Weekday`]);
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) errors[`${prefix}Weekday`] = errorsFr.deadlineWeekday;
    return Object.keys(errors).length > before ? null : ({ kind, weekday, time } as DeadlineRule);
  }
  const daysText = (values[`${prefix}Days`] ?? '').trim();
  const days = Number(daysText);
  if (!/^\d{1,3}$/.test(daysText) || days > 366) errors[`${prefix}Days`] = errorsFr.deadlineDays;
  const workingDaysOnly = values[`${prefix}WorkingDays`] === '1';
  return Object.keys(errors).length > before ? null : ({ kind, days, time, workingDaysOnly } as DeadlineRule);
}

export function parseActivityForm(
  form: ActivityForm,
): { ok: true; settings: ActivitySettings } | { ok: false; errors: Record<string, string> } {
  const v = form.values;
  const errors: Record<string, string> = {};
  const name = (v.name ?? '').trim().replace(/\s+/g, ' ');
  if (name === '' || name.length > 120) errors.name = errorsFr.activityName;
  if (!oneOf(ACTIVITY_KINDS, v.kind)) errors.kind = errorsFr.activityKind;
  if (!/^[\w-]{1,64}$/.test(v.siteId ?? '')) errors.siteId = errorsFr.activitySite;
  if (!/^[\w-]{1,64}$/.test(v.schoolYearId ?? '')) errors.schoolYearId = errorsFr.activityYear;
  const weekdays = [...new Set(form.weekdays.map(Number))].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort();
  if (weekdays.length === 0 || weekdays.length !== new Set(form.weekdays).size) errors.weekdays = errorsFr.weekdays;
  if (!oneOf(ACTIVITY_PERIODS, v.period)) errors.period = errorsFr.period;
  const capacityText = (v.capacity ?? '').trim();
  const capacity = Number(capacityText);
  if (!/^\d{1,4}$/.test(capacityText) || capacity < 1 || capacity > MAX_CAPACITY) errors.capacity = errorsFr.capacity;
  if (!oneOf(BILLING_MODES, v.billingMode)) errors.billingMode = errorsFr.billingMode;
  if (!oneOf(ENROLMENT_MODES, v.enrolmentMode)) errors.enrolmentMode = errorsFr.enrolmentMode;
  const addDeadline = deadline('add', v, errors);
  const cancelDeadline = deadline('cancel', v, errors);
  if (Object.keys(errors).length > 0 || !addDeadline || !cancelDeadline) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      name,
      kind: v.kind as ActivityKind,
      siteId: v.siteId,
      schoolYearId: v.schoolYearId,
      weekdays,
      period: v.period as ActivitySettings['period'],
      capacity,
      addDeadline,
      cancelDeadline,
      billingMode: v.billingMode as BillingMode,
      waitingList: v.waitingList === '1',
      enrolmentMode: v.enrolmentMode as EnrolmentMode,
      requiredDocuments: [...new Set(form.requiredDocuments.filter(isDocumentKind))],
    },
  };
}

/** The form's values for a stored activity (the edit page starts from them). */
export function formOf(settings: ActivitySettings): ActivityForm {
  const values: Record<string, string> = {
    name: settings.name,
    kind: settings.kind,
    siteId: settings.siteId,
    schoolYearId: settings.schoolYearId,
    period: settings.period,
    capacity: String(settings.capacity),
    billingMode: settings.billingMode,
    enrolmentMode: settings.enrolmentMode,
    waitingList: settings.waitingList ? '1' : '',
  };
  for (const [prefix, rule] of [
    ['add', settings.addDeadline],
    ['cancel', settings.cancelDeadline],
  ] as const) {
    values[`${prefix}Kind`] = rule.kind;
    values[`${prefix}Time`] = rule.time;
    if (rule.kind === 'weekday_of_previous_week') values[`${prefix}Weekday`] = String(rule.weekday);
    else {
      values[`${prefix}Days`] = String(rule.days);
      values[`${prefix}WorkingDays`] = rule.workingDaysOnly ? '1' : '';
    }
  }
  return { values, weekdays: settings.weekdays.map(String), requiredDocuments: settings.requiredDocuments };
}
