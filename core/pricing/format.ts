/**
 * French money formatting, computed by hand so that results never depend on the host's Intl/ICU data.
 * Every space that must not break (thousands, before « € », before « : ») is U+00A0 NO-BREAK SPACE, never a plain
 * space nor U+202F: one character everywhere, so the web layer and the e-mails compare and wrap the same way.
 */
export const NBSP = '\u00A0';

/** 235 → '2,35 €', 123456 → '1 234,56 €', -490 → '-4,90 €' (U+00A0 spaces, ASCII hyphen-minus). */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Invalid amount in cents: ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${groupThousands(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}${NBSP}€`;
}

/** 1900 → '1 900' with a U+00A0 separator. */
export function groupThousands(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`Invalid integer: ${value}`);
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}
