/** Stable French date wording for deadlines ("jeudi 3 décembre à 10:00"), independent of the host's Intl data. */
import { instantToParis } from './paris-time';
import { toParts, weekday, type PlainDate } from './plain-date';
import type { WallClockTime } from './wall-clock-time';

const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
const MONTHS = [
  '', 'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
] as const;

export type FrenchFormatOptions = { withYear?: boolean };

/** "jeudi 3 décembre", "mardi 1er septembre 2026" with the year. */
export function formatDayFr(day: PlainDate, options: FrenchFormatOptions = {}): string {
  const { year, month, day: dayOfMonth } = toParts(day);
  const text = `${WEEKDAYS[weekday(day)]} ${dayOfMonth === 1 ? '1er' : dayOfMonth} ${MONTHS[month]}`;
  return options.withYear ? `${text} ${year}` : text;
}

/** '2026-12-01' → '1er décembre 2026' (no weekday): dates printed on invoices and attestations. */
export function formatDateFr(day: PlainDate): string {
  const { year, month, day: dayOfMonth } = toParts(day);
  return `${dayOfMonth === 1 ? '1er' : dayOfMonth} ${MONTHS[month]} ${year}`;
}

/** '2026-11' → 'novembre 2026'. */
export function formatMonthFr(month: string): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`Invalid month: ${JSON.stringify(month)}`);
  return `${MONTHS[Number(match[2])]} ${match[1]}`;
}

export function formatDayTimeFr(day: PlainDate, time: WallClockTime, options: FrenchFormatOptions = {}): string {
  return `${formatDayFr(day, options)} à ${time}`;
}

/** An instant as read on a Paris clock: "jeudi 3 décembre à 10:00". */
export function formatDeadlineFr(instant: Date, options: FrenchFormatOptions = {}): string {
  const { day, time } = instantToParis(instant);
  return formatDayTimeFr(day, time, options);
}
