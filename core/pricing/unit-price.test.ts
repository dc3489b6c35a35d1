import { describe, expect, it } from 'vitest';
import { gridInForce, unitPrice, type PriceGrid } from './unit-price';

const S = '\u00A0';
const mins = [0, 400, 640, 860, 1150, 1500, 1700, 1900];
const prices = [50, 175, 235, 305, 355, 405, 460, 490];
const grid: PriceGrid = {
  brackets: mins.map((qfMin, i) => ({ rank: i + 1, qfMin, qfMax: mins[i + 1] ?? null, unitPriceCents: prices[i] })),
  nonResidentCents: 650,
  missingQfCents: 490,
};
const resident = { resident: true, qf: 720, qfValidUntil: '2027-08-31' };

describe('unitPrice', () => {
  it('prices a resident by QF bracket, bounds inclusive below and exclusive above', () => {
    expect(unitPrice({ grid, family: resident, day: '2026-12-07' })).toEqual({
      cents: 235, label: `Tarif QF 3 (640–859${S}€)${S}: 2,35${S}€`, rule: 'qf_bracket',
    });
    expect(unitPrice({ grid, family: { ...resident, qf: 640 }, day: '2026-12-07' }).cents).toBe(235);
    expect(unitPrice({ grid, family: { ...resident, qf: 859 }, day: '2026-12-07' }).cents).toBe(235);
    expect(unitPrice({ grid, family: { ...resident, qf: 860 }, day: '2026-12-07' }).cents).toBe(305);
    expect(unitPrice({ grid, family: { ...resident, qf: 0 }, day: '2026-12-07' }).label).toBe(`Tarif QF 1 (0–399${S}€)${S}: 0,50${S}€`);
  });
  it('writes the open-ended last bracket', () => {
    expect(unitPrice({ grid, family: { ...resident, qf: 3200 }, day: '2026-12-07' })).toEqual({
      cents: 490, label: `Tarif QF 8 (1${S}900${S}€ et plus)${S}: 4,90${S}€`, rule: 'qf_bracket',
    });
  });
  it('charges non-residents the non-resident price whatever their QF', () => {
    expect(unitPrice({ grid, family: { ...resident, resident: false }, day: '2026-12-07' })).toEqual({
      cents: 650, label: `Tarif hors commune${S}: 6,50${S}€`, rule: 'non_resident',
    });
  });
  it('charges the maximum when the QF is missing or expired on that day', () => {
    const maximum = { cents: 490, label: `Tarif maximum (quotient familial absent ou expiré)${S}: 4,90${S}€`, rule: 'missing_qf' };
    expect(unitPrice({ grid, family: { resident: true, qf: null, qfValidUntil: null }, day: '2026-12-07' })).toEqual(maximum);
    expect(unitPrice({ grid, family: { ...resident, qfValidUntil: null }, day: '2026-12-07' })).toEqual(maximum);
    // Valid through its last day, expired the day after.
    expect(unitPrice({ grid, family: { ...resident, qfValidUntil: '2026-12-07' }, day: '2026-12-07' }).rule).toBe('qf_bracket');
    expect(unitPrice({ grid, family: { ...resident, qfValidUntil: '2026-12-06' }, day: '2026-12-07' })).toEqual(maximum);
  });
  it('prices a QF in a gap of a badly typed grid at the maximum, never lower', () => {
    const gappy: PriceGrid = { ...grid, brackets: [{ rank: 1, qfMin: 500, qfMax: 800, unitPriceCents: 100 }] };
    expect(unitPrice({ grid: gappy, family: { ...resident, qf: 300 }, day: '2026-12-07' }).rule).toBe('missing_qf');
  });
});

describe('gridInForce', () => {
  const grids = [{ id: 'b', effectiveFrom: '2027-01-01' }, { id: 'a', effectiveFrom: '2026-09-01' }];
  it('takes the latest grid effective on the day', () => {
    expect(gridInForce(grids, '2026-12-31')?.id).toBe('a');
    expect(gridInForce(grids, '2027-01-01')?.id).toBe('b');
  });
  it('falls back to the earliest grid before any is effective, and to nothing without grids', () => {
    expect(gridInForce(grids, '2026-08-01')?.id).toBe('a');
    expect(gridInForce([], '2026-08-01')).toBeUndefined();
  });
});
