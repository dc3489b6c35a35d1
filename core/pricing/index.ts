export { formatEuros, groupThousands, NBSP } from './format';
export { bracketFor, gridInForce, unitPrice } from './unit-price';
export type { FamilyPricing, PriceBracket, PriceGrid, PriceRule, UnitPrice } from './unit-price';
