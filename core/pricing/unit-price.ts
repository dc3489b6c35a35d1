/**
 * The unit price a family pays for one day of an activity, and the rule that produced it (shown to parents in the
 * recap and to staff everywhere). The prices-and-payment issue extends the rules (sibling rank, surcharges, PAI…)
 * behind this one function: callers only ever see `{ cents, label, rule }`.
 */
import type { PlainDate } from '../calendar';
import { formatEuros, groupThousands, NBSP } from './format';

export interface PriceBracket {
  rank: number;
  /** Inclusive lower bound of the bracket's quotient familial (€). */
  qfMin: number;
  /** Exclusive upper bound (the next bracket's qfMin); null for the last, open-ended bracket. */
  qfMax: number | null;
  unitPriceCents: number;
}

export interface PriceGrid {
  brackets: readonly PriceBracket[];
  nonResidentCents: number;
  /** The maximum price, applied when the QF proof is missing or expired. */
  missingQfCents: number;
}

export interface FamilyPricing {
  resident: boolean;
  qf: number | null;
  /** Last day the QF attestation is valid (inclusive); null = no attestation. */
  qfValidUntil: PlainDate | null;
}

export type PriceRule = 'qf_bracket' | 'non_resident' | 'missing_qf';

export interface UnitPrice {
  cents: number;
  /** « Tarif QF 3 (640–859 €) : 2,35 € » (U+00A0 before « € » and « : », see format.ts). */
  label: string;
  rule: PriceRule;
}

/** Which bracket a QF falls in: qfMin ≤ qf < qfMax. */
export function bracketFor(brackets: readonly PriceBracket[], qf: number): PriceBracket | undefined {
  return [...brackets]
    .sort((a, b) => a.rank - b.rank)
    .find((bracket) => qf >= bracket.qfMin && (bracket.qfMax === null || qf < bracket.qfMax));
}

function bracketRange(bracket: PriceBracket): string {
  return bracket.qfMax === null
    ? `${groupThousands(bracket.qfMin)}${NBSP}€ et plus`
    : `${groupThousands(bracket.qfMin)}–${groupThousands(bracket.qfMax - 1)}${NBSP}€`;
}

/**
 * Non-resident families pay the non-resident price; residents without a QF valid on that day pay the maximum price;
 * the others pay their bracket's price. A QF matching no bracket (a gap in a badly typed grid) is priced as missing,
 * never below what the commune published.
 */
export function unitPrice(input: { grid: PriceGrid; family: FamilyPricing; day: PlainDate }): UnitPrice {
  const { grid, family, day } = input;
  if (!family.resident) {
    return { cents: grid.nonResidentCents, label: `Tarif hors commune${NBSP}: ${formatEuros(grid.nonResidentCents)}`, rule: 'non_resident' };
  }
  const bracket =
    family.qf !== null && family.qfValidUntil !== null && day <= family.qfValidUntil ? bracketFor(grid.brackets, family.qf) : undefined;
  if (!bracket) {
    return {
      cents: grid.missingQfCents,
      label: `Tarif maximum (quotient familial absent ou expiré)${NBSP}: ${formatEuros(grid.missingQfCents)}`,
      rule: 'missing_qf',
    };
  }
  return {
    cents: bracket.unitPriceCents,
    label: `Tarif QF ${bracket.rank} (${bracketRange(bracket)})${NBSP}: ${formatEuros(bracket.unitPriceCents)}`,
    rule: 'qf_bracket',
  };
}

/** The grid in force on a day: the latest effective on or before it, else the earliest (a day before any grid). */
export function gridInForce<G extends { effectiveFrom: PlainDate }>(grids: readonly G[], day: PlainDate): G | undefined {
  const sorted = [...grids].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  let found: G | undefined;
  for (const grid of sorted) if (grid.effectiveFrom <= day) found = grid;
  return found ?? sorted[0];
}
