import { describe, expect, it } from 'vitest';
import { basketTotals, lineAmount, sortBasketLines } from './basket-lines';

describe('lineAmount', () => {
  it('charges additions, nothing for a waiting list, credits prepaid cancellations, and nothing for invoiced ones', () => {
    expect(lineAmount('add', 'invoice', 235)).toBe(235);
    expect(lineAmount('add', 'prepaid', 540)).toBe(540);
    expect(lineAmount('wait', 'prepaid', 540)).toBe(0);
    expect(lineAmount('cancel', 'prepaid', 540)).toBe(-540);
    expect(lineAmount('cancel', 'invoice', 235)).toBe(0);
  });
});

describe('basketTotals', () => {
  it('sums per billing mode', () => {
    const lines = [
      { action: 'add' as const, billingMode: 'invoice' as const, unitPriceCents: 235, amountCents: 235 },
      { action: 'add' as const, billingMode: 'invoice' as const, unitPriceCents: 235, amountCents: 235 },
      { action: 'cancel' as const, billingMode: 'invoice' as const, unitPriceCents: 235, amountCents: 0 },
      { action: 'add' as const, billingMode: 'prepaid' as const, unitPriceCents: 540, amountCents: 540 },
      { action: 'cancel' as const, billingMode: 'prepaid' as const, unitPriceCents: 540, amountCents: -540 },
      { action: 'cancel' as const, billingMode: 'prepaid' as const, unitPriceCents: 540 }, // amount computed when absent
    ];
    expect(basketTotals(lines)).toEqual({ prepaidCents: -540, invoiceCents: 470 });
  });
});

describe('sortBasketLines', () => {
  it('puts Paiement immédiat first, then by date, child and activity', () => {
    const line = (billingMode: 'prepaid' | 'invoice', day: string, childFirstName: string) => ({ billingMode, day, childFirstName, activityName: 'Cantine' });
    const sorted = sortBasketLines([line('invoice', '2026-12-01', 'Sarah'), line('prepaid', '2026-12-09', 'Sarah'), line('invoice', '2026-12-01', 'Chloé')]);
    expect(sorted.map((l) => `${l.billingMode} ${l.day} ${l.childFirstName}`)).toEqual([
      'prepaid 2026-12-09 Sarah', 'invoice 2026-12-01 Chloé', 'invoice 2026-12-01 Sarah',
    ]);
  });
});
