/**
 * Invoice and credit-note numbers: continuous per régie, series and year, with no gap. The number comes from a counter
 * row incremented in the transaction that issues the document, so a rollback gives it back and two issuers never share
 * one (see the repository's `nextNumber`).
 */
export type Series = 'F' | 'A';

export const SERIES_LABEL: Record<Series, string> = { F: 'facture', A: 'avoir' };

export function counterName(regie: string, series: Series, year: number): string {
  return `invoice:${regie}:${series}:${year}`;
}

/** « F2026-000123 » (invoices), « A2026-000004 » (credit notes). */
export function formatReference(series: Series, year: number, number: number): string {
  return `${series}${year}-${String(number).padStart(6, '0')}`;
}
