/**
 * Dates, periods and amounts of the planning pages, from the catalog and plain 'YYYY-MM-DD' strings (no Date, no
 * Intl), so the server and the browser print exactly the same text.
 */
import type { Catalog } from '../../i18n';
import { isPlainDate, toParts, weekday, type PlainDate } from '../../../core/calendar/plain-date';
import { instantToParis } from '../../../core/calendar/paris-time';

type P = Catalog['planning'];

/** « lundi 7 décembre 2026 » */
export function longDay(p: P, day: PlainDate): string {
  const { year, month, day: d } = toParts(day);
  return p.longDay(p.weekdays[weekday(day) - 1], d, p.months[month - 1], year);
}

/** « 07/12/2026 » */
export function shortDate(day: PlainDate): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** « 7 décembre » */
export function dayMonth(p: P, day: PlainDate): string {
  const { month, day: d } = toParts(day);
  return p.dayMonth(d, p.months[month - 1]);
}

/** « Lu » */
export function weekdayInitial(p: P, day: PlainDate): string {
  return p.weekdayInitials[weekday(day) - 1];
}

/** « Décembre 2026 » for a month, « du 7 au 20 décembre 2026 » otherwise. */
export function periodLabel(p: P, period: { kind: string; start: PlainDate; end: PlainDate }, lang: string): string {
  const start = toParts(period.start);
  const end = toParts(period.end);
  if (period.kind === 'month') return p.monthTitle(p.months[start.month - 1], start.year);
  const to = `${p.dayMonth(end.day, p.months[end.month - 1])} ${end.year}`;
  const from =
    start.year !== end.year
      ? `${p.dayMonth(start.day, p.months[start.month - 1])} ${start.year}`
      : start.month !== end.month
        ? p.dayMonth(start.day, p.months[start.month - 1])
        : start.day === 1 && lang !== 'en'
          ? '1er'
          : String(start.day);
  return p.rangeTitle(from, to);
}

/** An ISO instant as read on a Paris clock: « jeudi 3 décembre à 10:00 » (the year when it is not the given one). */
export function parisInstant(p: P, iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { day, time } = instantToParis(date);
  const { month, day: d } = toParts(day);
  const text = `${p.weekdays[weekday(day) - 1]} ${p.dayMonth(d, p.months[month - 1])}`;
  return lang === 'en' ? `${text} at ${time}` : `${text} à ${time}`;
}

export function parseDay(value: FormDataEntryValue | string | null | undefined): PlainDate | null {
  return typeof value === 'string' && isPlainDate(value) ? value : null;
}

/** Lists days compactly: « 7, 8, 10 et 11 décembre » style, grouped by month (« 30 novembre, 1er et 2 décembre »). */
export function dayList(p: P, days: PlainDate[], lang: string): string {
  const groups: { month: number; year: number; days: number[] }[] = [];
  for (const day of days) {
    const { year, month, day: d } = toParts(day);
    const last = groups[groups.length - 1];
    if (last && last.month === month && last.year === year) last.days.push(d);
    else groups.push({ month, year, days: [d] });
  }
  const and = lang === 'en' ? ' and ' : ' et ';
  return groups
    .map((g) => {
      const items = g.days.map((d) => (d === 1 && lang !== 'en' ? '1er' : String(d)));
      const joined = items.length > 1 ? `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}` : items[0];
      return `${joined} ${p.months[g.month - 1]}`;
    })
    .join(', ');
}

/** The service names a refused cell `activityId:day`: parents get the day in words, never the id. */
export function lockedDayMessage(p: P, detail: string): string {
  const day = parseDay(detail.slice(-10));
  return day ? p.lockedDayDetail(longDay(p, day)) : p.errors.locked_day;
}
