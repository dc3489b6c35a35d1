import { describe, expect, it } from 'vitest';
import { validateGrid, type PriceGrid } from './grid';

const mins = [0, 400, 640, 860, 1150, 1500, 1700, 1900];
const prices = [50, 175, 235, 305, 355, 405, 460, 490];
const roncq: PriceGrid = {
  brackets: mins.map((qfMin, i) => ({ rank: i + 1, qfMin, qfMax: mins[i + 1] ?? null, unitPriceCents: prices[i] })),
  nonResidentCents: 650,
  missingQfCents: 490,
};
const messages = (grid: PriceGrid) => validateGrid(grid).map((issue) => issue.message);

describe('validateGrid', () => {
  it('accepts a real grid (Roncq, 8 brackets)', () => {
    expect(validateGrid(roncq)).toEqual([]);
  });

  it('refuses fewer than 3 or more than 10 brackets', () => {
    const two = { ...roncq, brackets: [roncq.brackets[0], { ...roncq.brackets[1], qfMax: null }] };
    expect(messages(two)[0]).toMatch(/de 3 à 10 tranches/);
    const eleven = {
      ...roncq,
      brackets: Array.from({ length: 11 }, (_, i) => ({ rank: i + 1, qfMin: i * 100, qfMax: i === 10 ? null : (i + 1) * 100, unitPriceCents: 100 })),
      missingQfCents: 100,
    };
    expect(messages(eleven)[0]).toMatch(/ici 11/);
  });

  it('refuses a gap (Roncq’s printed non-resident bounds 800–860) and an overlap', () => {
    const gap = { ...roncq, brackets: roncq.brackets.map((b) => (b.rank === 3 ? { ...b, qfMax: 800 } : b)) };
    expect(messages(gap)).toEqual(['Trou entre la tranche 3 et la tranche 4 : aucun tarif de 800 à 859 €.']);
    const overlap = { ...roncq, brackets: roncq.brackets.map((b) => (b.rank === 3 ? { ...b, qfMax: 900 } : b)) };
    expect(messages(overlap)).toEqual(['Les tranches 3 et 4 se chevauchent (de 860 à 899 €).']);
  });

  it('refuses an open bracket before the last, a closed last one, a first one not from 0', () => {
    const openMiddle = { ...roncq, brackets: roncq.brackets.map((b) => (b.rank === 2 ? { ...b, qfMax: null } : b)) };
    expect(messages(openMiddle).join(' ')).toMatch(/seule la dernière tranche/);
    const closedLast = { ...roncq, brackets: roncq.brackets.map((b) => (b.rank === 8 ? { ...b, qfMax: 5000 } : b)) };
    expect(messages(closedLast).join(' ')).toMatch(/dernière tranche n’a pas de borne haute/);
    const notZero = { ...roncq, brackets: roncq.brackets.map((b) => (b.rank === 1 ? { ...b, qfMin: 100 } : b)) };
    expect(messages(notZero).join(' ')).toMatch(/commence à un quotient de 0/);
  });

  it('refuses amounts that are not cents, and a maximum price below the top bracket', () => {
    for (const bad of [-1, Number.NaN, 1e309, 12.505]) {
      expect(messages({ ...roncq, nonResidentCents: bad }).join(' ')).toMatch(/hors commune/);
      expect(messages({ ...roncq, brackets: roncq.brackets.map((b) => (b.rank === 1 ? { ...b, unitPriceCents: bad } : b)) }).join(' ')).toMatch(/Tranche 1 : le prix/);
    }
    expect(messages({ ...roncq, missingQfCents: 400 })).toEqual([
      'Le tarif maximum (sans quotient familial valide) doit être au moins celui de la tranche la plus haute (4,90\u00A0€).',
    ]);
  });

  it('checks the rules', () => {
    expect(messages({ ...roncq, rules: { sibling: { fromRank: 4 as 2, kind: 'percent', value: 10 } } }).join(' ')).toMatch(/2e ou du 3e/);
    expect(messages({ ...roncq, rules: { sibling: { fromRank: 2, kind: 'percent', value: 150 } } }).join(' ')).toMatch(/1 à 100/);
    expect(messages({ ...roncq, rules: { lateBooking: { kind: 'percent', percent: 0 } } }).join(' ')).toMatch(/hors délai/);
    expect(messages({ ...roncq, rules: { unbookedAttendance: { kind: 'amount', cents: -200 } } }).join(' ')).toMatch(/présence sans réservation/);
    expect(validateGrid({ ...roncq, rules: { sibling: { fromRank: 3, kind: 'amount', value: 50 }, lateBooking: { kind: 'percent', percent: 50 }, paiCents: 145 } })).toEqual([]);
  });
});
