import { describe, expect, it } from 'vitest';
import type { PriceGridRecord } from '../booking/ports';
import { buildLedger } from './account';
import { computeInvoice, type BillableDay, type BillingActivity, type BillingFamily } from './compute';
import { bankingDayOnOrAfter, checkMonth, isIssuable } from './run';

const grid: PriceGridRecord = {
  id: 'g1',
  activityId: 'cantine',
  effectiveFrom: '2026-09-01',
  brackets: [
    { rank: 1, qfMin: 0, qfMax: 800, unitPriceCents: 100, paiCents: 40 },
    { rank: 2, qfMin: 800, qfMax: null, unitPriceCents: 300, paiCents: 120 },
  ],
  nonResidentCents: 500,
  missingQfCents: 300,
  rules: { sibling: { fromRank: 2, kind: 'percent', value: 10 }, unbookedAttendance: { kind: 'amount', cents: 100 } },
};
const december: PriceGridRecord = {
  ...grid,
  id: 'g2',
  effectiveFrom: '2026-11-16',
  brackets: grid.brackets.map((b) => ({ ...b, unitPriceCents: b.unitPriceCents + 10 })),
};

const activities = new Map<string, BillingActivity>([
  ['cantine', { id: 'cantine', name: 'Cantine', kind: 'cantine', billingMode: 'invoice', siteName: 'École', grids: [grid, december] }],
  ['mercredi', { id: 'mercredi', name: 'Mercredi', kind: 'mercredi', billingMode: 'prepaid', siteName: 'École', grids: [] }],
]);

const family = (overrides: Partial<BillingFamily> = {}): BillingFamily => ({
  id: 'f1',
  fileNumber: 'F-1',
  name: 'Martin',
  payerName: 'Sarah Martin',
  addressLines: ['1 rue', '69000 Lyon'],
  email: null,
  resident: true,
  qf: 1000,
  qfValidUntil: '2027-08-31',
  children: [
    { id: 'a', firstName: 'Aînée', lastName: 'Martin', birthDate: '2016-01-01', hasPai: false },
    { id: 'b', firstName: 'Cadet', lastName: 'Martin', birthDate: '2019-01-01', hasPai: true },
  ],
  enrolled: new Set(['a:cantine', 'b:cantine']),
  ...overrides,
});

const day = (childId: string, activityId: string, date: string, extra: Partial<BillableDay> = {}): BillableDay => ({
  childId,
  activityId,
  day: date,
  booked: true,
  bookedUnitPriceCents: 0,
  attendance: null,
  justified: false,
  ...extra,
});

describe('computeInvoice', () => {
  it('groups identical days into quantity × unit price, with the grid in force each day, sibling rank and PAI', () => {
    const draft = computeInvoice(family(), activities, [
      day('a', 'cantine', '2026-11-05'),
      day('a', 'cantine', '2026-11-06'),
      day('a', 'cantine', '2026-11-17'),
      day('b', 'cantine', '2026-11-05'),
    ]);
    expect(draft.lines.map((l) => [l.childName, l.quantity, l.unitPriceCents, l.amountCents, l.firstDay, l.lastDay])).toEqual([
      ['Aînée Martin', 2, 300, 600, '2026-11-05', '2026-11-06'],
      ['Aînée Martin', 1, 310, 310, '2026-11-17', '2026-11-17'],
      // PAI price of the bracket, then −10 % for the second child.
      ['Cadet Martin', 1, 108, 108, '2026-11-05', '2026-11-05'],
    ]);
    expect(draft.totalCents).toBe(1018);
    expect(draft.lines[2].basis).toContain('Tarif PAI');
    expect(draft.lines[2].basis).toContain('réduction 2e enfant');
    expect(draft.anomalies).toEqual([]);
  });

  it('lets attendance win: justified absence free, unjustified due, unbooked presence at the tarif majoré', () => {
    const draft = computeInvoice(family(), activities, [
      day('a', 'cantine', '2026-11-05', { attendance: 'absent', justified: true }),
      day('a', 'cantine', '2026-11-06', { attendance: 'absent' }),
      day('a', 'cantine', '2026-11-09', { attendance: 'present' }),
      day('a', 'cantine', '2026-11-10', { booked: false, attendance: 'present_unbooked' }),
      day('a', 'cantine', '2026-11-12', { booked: false, attendance: 'absent' }),
    ]);
    expect(draft.lines.map((l) => [l.occasion, l.quantity, l.amountCents])).toEqual([
      ['justified_absence', 1, 0],
      ['unjustified_absence', 1, 300],
      ['booking', 1, 300],
      ['unbooked_attendance', 1, 400],
    ]);
  });

  it('prepaid days: only a presence without booking is invoiced, a justified absence is given back', () => {
    const draft = computeInvoice(family(), activities, [
      day('a', 'mercredi', '2026-11-04', { bookedUnitPriceCents: 660 }),
      day('a', 'mercredi', '2026-11-18', { bookedUnitPriceCents: 660, attendance: 'absent', justified: true }),
    ]);
    expect(draft.lines.map((l) => [l.occasion, l.amountCents])).toEqual([['prepaid_refund', -660]]);
    expect(draft.anomalies.map((a) => a.kind)).toEqual(['negative_total']);
    expect(isIssuable(draft)).toBe(false);
  });

  it('reports a missing bracket (maximum price), a missing grid and a missing address', () => {
    const draft = computeInvoice(family({ qf: null, addressLines: [] }), activities, [
      day('a', 'cantine', '2026-11-05'),
      day('a', 'mercredi', '2026-11-04', { booked: false, attendance: 'present_unbooked' }),
    ]);
    expect(draft.anomalies.map((a) => a.kind).sort()).toEqual(['missing_address', 'missing_qf', 'no_grid']);
    expect(draft.lines[0].amountCents).toBe(300);
  });
});

describe('the run’s rules', () => {
  const now = new Date('2026-11-27T09:00:00Z');
  it('accepts past and current months, refuses future or malformed ones', () => {
    expect(checkMonth('2026-11', now)).toBeNull();
    expect(checkMonth('2025-02', now)).toBeNull();
    expect(checkMonth('2026-12', now)).toBe('future_month');
    expect(checkMonth('2026-1', now)).toBe('invalid_month');
    expect(checkMonth('2026-00', now)).toBe('invalid_month');
    expect(checkMonth(202611, now)).toBe('invalid_month');
    // 23:30 in Paris on 30 November is still November there, already 1 December nowhere that matters.
    expect(checkMonth('2026-12', new Date('2026-11-30T22:30:00Z'))).toBe('future_month');
    expect(checkMonth('2026-12', new Date('2026-11-30T23:30:00Z'))).toBeNull();
  });

  it('due dates fall on banking days (weekends, 25–26 December, 1 January, 1 May moved)', () => {
    expect(bankingDayOnOrAfter('2026-12-27')).toBe('2026-12-28');
    expect(bankingDayOnOrAfter('2026-12-25')).toBe('2026-12-28');
    expect(bankingDayOnOrAfter('2027-01-01')).toBe('2027-01-04');
    expect(bankingDayOnOrAfter('2026-12-02')).toBe('2026-12-02');
  });
});

describe('buildLedger', () => {
  it('explains the balance row by row; a credit deducted from an invoice is shown once, as a transfer', () => {
    const at = '2026-11-27T09:00:00.000Z';
    const ledger = buildLedger(
      [
        {
          id: '2',
          familyId: 'f',
          at,
          kind: 'credit_applied',
          amountCents: -200,
          label: 'Avoir déduit',
          invoiceId: 'i',
          sourceKind: 'credit',
          sourceId: 'i',
        },
        {
          id: '1',
          familyId: 'f',
          at,
          kind: 'invoice',
          amountCents: 1000,
          label: 'Facture F2026-000001',
          invoiceId: 'i',
          sourceKind: null,
          sourceId: null,
        },
        {
          id: '3',
          familyId: 'f',
          at: '2026-11-28T09:00:00.000Z',
          kind: 'payment',
          amountCents: -800,
          label: 'Paiement',
          invoiceId: 'i',
          sourceKind: 'regie',
          sourceId: 'p',
        },
      ],
      [
        {
          id: 'c1',
          familyId: 'f',
          amountCents: 200,
          kind: 'unbooked_paid_day',
          label: 'Avoir',
          transactionId: null,
          createdAt: '2026-11-01T09:00:00.000Z',
        },
        {
          id: 'c2',
          familyId: 'f',
          amountCents: -200,
          kind: 'applied_to_invoice',
          label: 'Avoir déduit',
          transactionId: null,
          createdAt: at,
        },
      ],
    );
    expect(ledger.map((r) => [r.label, r.amountCents, r.balanceCents])).toEqual([
      ['Avoir', -200, -200],
      ['Facture F2026-000001', 1000, 800],
      ['Avoir déduit', 0, 800],
      ['Paiement', -800, 0],
    ]);
  });
});
