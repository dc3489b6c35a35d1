/**
 * The unit price a family pays for one booked day of an activity, and the rule that produced it: the short form of
 * `priceDay` + `explain` (price.ts) that the planning and the basket store with each line. Callers only ever see
 * `{ cents, label, rule }`; every rule (sibling rank, surcharges, PAI, absences) lives behind `priceDay`.
 */
import type { PlainDate } from '../calendar';
import type { PriceGrid } from './grid';
import { explain, priceDay, type FamilyPricing, type Occasion, type PriceRule } from './price';

export type { PriceBracket, PriceGrid } from './grid';
export { bracketFor, gridInForce } from './grid';
export type { FamilyPricing, PriceRule } from './price';

export interface UnitPrice {
  cents: number;
  /** « Tarif QF 3 (640–859 €) : 2,35 € » (U+00A0 before « € » and « : », see format.ts). */
  label: string;
  rule: PriceRule;
}

/**
 * Non-resident families pay the non-resident price; residents without a QF valid on that day pay the maximum price;
 * the others pay their bracket's price — then the grid's rules for the child's rank and the occasion.
 */
export function unitPrice(input: {
  grid: PriceGrid;
  family: FamilyPricing;
  day: PlainDate;
  siblingRank?: number;
  pai?: boolean;
  occasion?: Occasion;
}): UnitPrice {
  const price = priceDay(input);
  return { cents: price.cents, label: explain(price), rule: price.base.rule };
}
