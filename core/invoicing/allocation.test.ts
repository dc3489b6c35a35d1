import { describe, expect, it } from 'vitest';
import { allocate } from './allocation';

const invoices = [
  { id: 'b', reference: 'F2026-000002', dueDate: '2026-12-31', openCents: 5000 },
  { id: 'a', reference: 'F2026-000001', dueDate: '2026-11-30', openCents: 3000 },
  { id: 'c', reference: 'F2026-000003', dueDate: '2026-12-31', openCents: 1000 },
];

describe('allocate', () => {
  it('pays the oldest invoice first, then the next, by due date then number', () => {
    expect(allocate(4000, invoices)).toEqual({
      allocations: [
        { invoiceId: 'a', reference: 'F2026-000001', amountCents: 3000 },
        { invoiceId: 'b', reference: 'F2026-000002', amountCents: 1000 },
      ],
      surplusCents: 0,
    });
  });

  it('keeps what exceeds every open amount as a surplus (the family credit)', () => {
    const plan = allocate(10_000, invoices);
    expect(plan.allocations.map((a) => a.amountCents)).toEqual([3000, 5000, 1000]);
    expect(plan.surplusCents).toBe(1000);
  });

  it('follows the invoices the payer chose, in their order, ignoring unknown ids', () => {
    const plan = allocate(1500, invoices, ['c', 'zzz', 'a']);
    expect(plan.allocations).toEqual([
      { invoiceId: 'c', reference: 'F2026-000003', amountCents: 1000 },
      { invoiceId: 'a', reference: 'F2026-000001', amountCents: 500 },
    ]);
    expect(plan.surplusCents).toBe(0);
  });

  it('allocates nothing from nothing', () => {
    expect(allocate(0, invoices)).toEqual({ allocations: [], surplusCents: 0 });
  });
});
