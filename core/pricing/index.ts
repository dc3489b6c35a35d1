export { formatEuros, groupThousands, NBSP } from './format';
export { isCents, MAX_PRICE_CENTS, mulDivHalfUp, parseEuros, percentOf, type MoneyError } from './money';
export {
  bracketFor, bracketRange, gridInForce, MAX_BRACKETS, MAX_QF, MIN_BRACKETS, NO_RULES, rulesOf, validateGrid,
} from './grid';
export type { Adjustment, GridIssue, PriceBracket, PriceGrid, PriceRules, SiblingReduction } from './grid';
export { explain, priceDay } from './price';
export type { FamilyPricing, Occasion, Price, PriceInput, PriceRule, PriceStep } from './price';
export { unitPrice } from './unit-price';
export type { UnitPrice } from './unit-price';
