import { describe, expect, it } from 'vitest';
import type { PriceGrid } from './grid';
import { explain, priceDay, type PriceInput } from './price';

const S = '\u00A0';
const e = (text: string) => text.replaceAll('~', S);

/** Saint-Caprais-like numbers on a 3-bracket grid, QF 2 = 651–950 € at 2,85 € (the example). */
const grid: PriceGrid = {
  brackets: [
    { rank: 1, qfMin: 0, qfMax: 651, unitPriceCents: 150, paiCents: 50 },
    { rank: 2, qfMin: 651, qfMax: 951, unitPriceCents: 285, paiCents: 80 },
    { rank: 3, qfMin: 951, qfMax: null, unitPriceCents: 450, paiCents: 100 },
  ],
  nonResidentCents: 400,
  missingQfCents: 450,
  rules: {
    sibling: { fromRank: 2, kind: 'percent', value: 10 },
    unbookedAttendance: { kind: 'amount', cents: 200 },
    lateBooking: { kind: 'percent', percent: 50 },
    paiCents: 145,
    absencePenaltyCents: null,
  },
};
const family = { resident: true, qf: 800, qfValidUntil: '2027-08-31' };
const base: PriceInput = { grid, family, day: '2026-12-07' };
const price = (extra: Partial<PriceInput> = {}) => priceDay({ ...base, ...extra });

describe('priceDay and explain', () => {
  it('says which QF bracket made the price', () => {
    const p = price();
    expect(p.cents).toBe(285);
    expect(explain(p)).toBe(e('Tarif QF 2 (651–950~€)~: 2,85~€'));
  });

  it('applies the sibling reduction from the configured rank, rounded half up on the line', () => {
    expect(price({ siblingRank: 1 }).cents).toBe(285);
    const second = price({ siblingRank: 2 });
    // 10 % of 2,85 € = 0,285 € → 0,29 € (half up)
    expect(second.cents).toBe(256);
    expect(explain(second)).toBe(e('Tarif QF 2 (651–950~€)~: 2,85~€ ; réduction 2e enfant (10~% à partir du 2e)~: −0,29~€ ; soit 2,56~€'));
    const fromThird: PriceGrid = { ...grid, rules: { ...grid.rules, sibling: { fromRank: 3, kind: 'amount', value: 100 } } };
    expect(priceDay({ ...base, grid: fromThird, siblingRank: 2 }).cents).toBe(285);
    expect(priceDay({ ...base, grid: fromThird, siblingRank: 3 }).cents).toBe(185);
    // An amount reduction never makes a price negative.
    const big: PriceGrid = { ...grid, rules: { ...grid.rules, sibling: { fromRank: 2, kind: 'amount', value: 900 } } };
    expect(priceDay({ ...base, grid: big, siblingRank: 2 }).cents).toBe(0);
  });

  it('charges the tarif majoré for a late booking (+50 %) and for attendance without a booking (+2 €)', () => {
    const late = price({ occasion: 'late_booking' });
    expect(late.cents).toBe(285 + 143); // 142,5 → 143
    expect(explain(late)).toBe(e('Tarif QF 2 (651–950~€)~: 2,85~€ ; tarif majoré, réservation hors délai (+50~%)~: +1,43~€ ; soit 4,28~€'));
    const unbooked = price({ occasion: 'unbooked_attendance' });
    expect(unbooked.cents).toBe(485);
    expect(explain(unbooked)).toContain(e('présence sans réservation (+2,00~€)~: +2,00~€'));
    // Massingy: ×2 is +100 %; Vailhauques: a fixed 10 € instead.
    const doubled: PriceGrid = { ...grid, rules: { ...grid.rules, lateBooking: { kind: 'percent', percent: 100 } } };
    expect(priceDay({ ...base, grid: doubled, occasion: 'late_booking' }).cents).toBe(570);
    const fixed: PriceGrid = { ...grid, rules: { ...grid.rules, unbookedAttendance: { kind: 'fixed', cents: 1000 } } };
    expect(priceDay({ ...base, grid: fixed, occasion: 'unbooked_attendance' }).cents).toBe(1000);
    // No surcharge configured: the normal price.
    const plain: PriceGrid = { ...grid, rules: {} };
    expect(priceDay({ ...base, grid: plain, occasion: 'late_booking' }).cents).toBe(285);
  });

  it('prices a PAI meal brought by the family per bracket, else at the flat PAI price', () => {
    const pai = price({ pai: true });
    expect(pai.cents).toBe(80);
    expect(explain(pai)).toBe(e('Tarif PAI (repas fourni par la famille), QF 2 (651–950~€)~: 0,80~€'));
    const flat: PriceGrid = { ...grid, brackets: grid.brackets.map((b) => ({ ...b, paiCents: null })) };
    expect(priceDay({ ...base, grid: flat, pai: true }).cents).toBe(145);
    expect(priceDay({ ...base, grid: flat, pai: true, family: { ...family, resident: false } }).cents).toBe(145);
    // Without any PAI price the meal price applies (nothing invented).
    const none: PriceGrid = { ...flat, rules: { ...grid.rules, paiCents: null } };
    expect(priceDay({ ...base, grid: none, pai: true }).cents).toBe(285);
  });

  it('makes a justified absence free and an unjustified absence after the deadline due, with the penalty if any', () => {
    const justified = price({ occasion: 'justified_absence' });
    expect(justified.cents).toBe(0);
    expect(explain(justified)).toBe(e('Tarif QF 2 (651–950~€)~: 2,85~€ ; absence justifiée~: gratuit ; soit 0,00~€'));
    const unjustified = price({ occasion: 'unjustified_absence' });
    expect(unjustified.cents).toBe(285);
    expect(explain(unjustified)).toContain('absence non justifiée après le délai d’annulation');
    const montpellier: PriceGrid = { ...grid, rules: { ...grid.rules, absencePenaltyCents: 150 } };
    expect(priceDay({ ...base, grid: montpellier, occasion: 'unjustified_absence' }).cents).toBe(435);
  });

  it('uses the non-resident price, then the maximum price when the QF is missing, expired or in a gap', () => {
    expect(explain(price({ family: { ...family, resident: false } }))).toBe(e('Tarif hors commune~: 4,00~€'));
    expect(explain(price({ family: { ...family, qfValidUntil: '2026-12-06' } }))).toBe(e('Tarif maximum (quotient familial absent ou expiré)~: 4,50~€'));
    expect(price({ family: { ...family, qf: null } }).base.rule).toBe('missing_qf');
    expect(explain(priceDay({ ...base, grid: null }))).toBe(e('Tarif non renseigné~: 0,00~€'));
  });

  it('keeps every amount an integer number of cents', () => {
    for (let qf = 0; qf < 2000; qf += 37) {
      for (const occasion of ['booking', 'late_booking', 'unbooked_attendance', 'justified_absence', 'unjustified_absence'] as const) {
        for (const siblingRank of [1, 2, 3]) {
          const p = price({ family: { ...family, qf }, occasion, siblingRank });
          expect(Number.isSafeInteger(p.cents) && p.cents >= 0).toBe(true);
          expect(p.cents).toBe(p.base.cents + p.steps.reduce((sum, s) => sum + s.cents, 0));
        }
      }
    }
  });
});
