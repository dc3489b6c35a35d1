/**
 * Money as integer cents: what a staff member or a provider may type or send, checked before anything is stored.
 * Never a float in between: « 12,50 » is read digit by digit, a percentage of cents is rounded half up per line.
 */

/** The largest price a grid may hold (10,000.00 €): far above any real unit price, far below any overflow. */
export const MAX_PRICE_CENTS = 1_000_000;

export type MoneyError = 'empty' | 'format' | 'negative' | 'too_many_decimals' | 'too_large';

/**
 * « 2,85 », « 2.85 », « 2 », « 1 234,50 », « 1 234,50 € » → cents. Refuses « -1 », « NaN », « 1e309 », « Infinity »,
 * « 12,505 » (a third decimal is never silently rounded), and anything above `max`.
 */
export function parseEuros(input: unknown, max = MAX_PRICE_CENTS): { ok: true; cents: number } | { ok: false; error: MoneyError } {
  if (typeof input !== 'string' && typeof input !== 'number') return { ok: false, error: 'format' };
  const text = String(input)
    .trim()
    .replace(/\s*€$/, '')
    .replace(/[\s\u00A0\u202F]/g, '');
  if (text === '') return { ok: false, error: 'empty' };
  if (/^-/.test(text)) return { ok: false, error: 'negative' };
  const match = /^(\d{1,12})(?:[.,](\d+))?$/.exec(text);
  if (!match) return { ok: false, error: 'format' };
  const decimals = match[2] ?? '';
  if (decimals.length > 2) return { ok: false, error: 'too_many_decimals' };
  const cents = Number(match[1]) * 100 + Number(decimals.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents) || cents > max) return { ok: false, error: 'too_large' };
  return { ok: true, cents };
}

/** A non-negative safe integer number of cents (what every stored amount must be). */
export function isCents(value: unknown, max = Number.MAX_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;
}

/** `value × numerator / denominator`, rounded half up (0.5 cent → 1 cent), for non-negative integers. */
export function mulDivHalfUp(value: number, numerator: number, denominator: number): number {
  if (![value, numerator, denominator].every((n) => Number.isSafeInteger(n) && n >= 0) || denominator === 0) {
    throw new RangeError(`Invalid rounding input: ${value} × ${numerator} / ${denominator}`);
  }
  const product = BigInt(value) * BigInt(numerator);
  const d = BigInt(denominator);
  return Number((product * 2n + d) / (2n * d));
}

/** A percentage of an amount in cents, rounded half up: percentOf(285, 10) = 29 (28,5 → 29). */
export function percentOf(cents: number, percent: number): number {
  return mulDivHalfUp(cents, percent, 100);
}
