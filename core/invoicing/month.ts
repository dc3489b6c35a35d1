/** Billing months as 'YYYY-MM' text, their first and last days, their French name. */
import { endOfMonth, fromParts, type PlainDate } from '../calendar';

export type Month = string & { readonly __month: unique symbol };

const MONTH_NAMES = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

export function isMonth(value: unknown): value is Month {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}$/.test(value)) return false;
  const month = Number(value.slice(5, 7));
  const year = Number(value.slice(0, 4));
  return month >= 1 && month <= 12 && year >= 2000 && year <= 2100;
}

export function monthRange(month: Month): { from: PlainDate; to: PlainDate } {
  const from = fromParts(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
  return { from, to: endOfMonth(from) };
}

export function monthOf(day: PlainDate): Month {
  return day.slice(0, 7) as Month;
}

/** « novembre 2026 » */
export function monthLabel(month: Month): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
