import { describe, expect, it } from 'vitest';
import { generateActivationCode, normaliseActivationCode } from '../accounts/activation';
import { calendar, canteen, centre } from '../booking/testing/fixtures';
import { mealSeries } from './dashboard';
import { countDiets, freezeInstant, isFrozen, isMealActivity, mealDays } from './meals';
import { freeUsername, usernameBase } from './parent-accounts';

describe('meal counts freeze at the booking deadline', () => {
  it('freezes Monday’s canteen on the Thursday before at 12:00 Paris time (J-2 working days), not a second earlier', () => {
    // Monday 30 November 2026: two working days before is Thursday 26 November (the weekend does not count).
    expect(freezeInstant(canteen, '2026-11-30', calendar).toISOString()).toBe('2026-11-26T11:00:00.000Z');
    expect(isFrozen(new Date('2026-11-26T10:59:59.999Z'), canteen, '2026-11-30', calendar)).toBe(false);
    expect(isFrozen(new Date('2026-11-26T11:00:00.000Z'), canteen, '2026-11-30', calendar)).toBe(true);
  });

  it('follows summer time and the public holidays the deadline skips', () => {
    // Thursday 12 November 2026 (after Armistice): J-2 working days skips Wednesday 11 November → Monday 9 at 12:00 CET.
    expect(freezeInstant(canteen, '2026-11-12', calendar).toISOString()).toBe('2026-11-09T11:00:00.000Z');
    // In June (summer time) 12:00 Paris is 10:00 UTC.
    expect(freezeInstant(canteen, '2027-06-14', calendar).toISOString()).toBe('2027-06-10T10:00:00.000Z');
  });

  it('uses each activity’s own add rule (a holiday centre the day before at 10:00)', () => {
    expect(freezeInstant(centre, '2026-12-21', calendar).toISOString()).toBe('2026-12-20T09:00:00.000Z');
  });

  it('counts meals only for activities with a meal, on their open days', () => {
    expect(isMealActivity(canteen)).toBe(true);
    expect(isMealActivity({ kind: 'garderie_soir' })).toBe(false);
    const days = mealDays([canteen, { ...canteen, id: 'g', kind: 'garderie_matin' }], [{ siteId: 'lutins', day: '2026-12-11', reason: 'grève' }], calendar, '2026-12-07', '2026-12-13');
    // Mon 7, Tue 8, Thu 10 (Fri 11 closed, Wednesday not a canteen day, weekend closed); no garderie.
    expect(days.map((d) => `${d.activity.id} ${d.day}`)).toEqual(['cantine 2026-12-07', 'cantine 2026-12-08', 'cantine 2026-12-10']);
  });

  it('counts by diet with the PAI meals apart', () => {
    expect(
      countDiets([
        { diet: 'standard', hasPai: false },
        { diet: 'sans_porc', hasPai: true },
        { diet: 'vegetarien', hasPai: false },
        { diet: 'inconnu', hasPai: false },
      ]),
    ).toEqual({ standard: 2, sans_porc: 1, vegetarien: 1, pai: 1, total: 4 });
  });

  it('sums a site’s activities per day for the dashboard, keeping the last days', () => {
    const row = (day: string, siteId: string, bookedNow: number, present: number | null) => ({ day, siteId, siteName: siteId.toUpperCase(), bookedNow, present });
    const series = mealSeries([row('2026-11-23', 'b', 5, 4), row('2026-11-24', 'a', 3, null), row('2026-11-24', 'a', 2, 1), row('2026-11-20', 'a', 9, 9)], 2);
    expect(series).toEqual([
      { siteId: 'a', siteName: 'A', days: [{ day: '2026-11-23', booked: 0, present: null }, { day: '2026-11-24', booked: 5, present: 1 }] },
      { siteId: 'b', siteName: 'B', days: [{ day: '2026-11-23', booked: 5, present: 4 }, { day: '2026-11-24', booked: 0, present: null }] },
    ]);
  });
});

describe('parent accounts', () => {
  it('derives a username from the guardian’s names, made unique', () => {
    expect(usernameBase('Élodie', 'Le Gall')).toBe('elodie.le-gall');
    expect(usernameBase('Zoé', "N'Diaye")).toBe('zoe.n-diaye');
    expect(usernameBase('', 'Li')).toBe('parent.li');
    expect(freeUsername('elodie.le-gall', new Set(['elodie.le-gall', 'elodie.le-gall2']))).toBe('elodie.le-gall3');
    expect(freeUsername('marc.roux', new Set())).toBe('marc.roux');
  });

  it('makes letter codes easy to type back', () => {
    const code = generateActivationCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseActivationCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code.replace(/-/g, ''));
    expect(normaliseActivationCode('ko1l-oo2i')).toBe('K011002' + '1');
  });
});
