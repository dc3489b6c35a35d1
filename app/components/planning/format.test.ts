import { describe, expect, it } from 'vitest';
import { enPlanning } from '../../i18n/en-planning';
import { frPlanning } from '../../i18n/fr-planning';
import { dayList, longDay, parisInstant, periodLabel, shortDate, weekdayInitial } from './format';
import { parsePlanningQuery, planningHref } from './params';
import { initiallyChecked } from './planning-view';

const p = frPlanning;

describe('planning words', () => {
  it('writes full French dates for checkbox names, with « 1er »', () => {
    expect(longDay(p, '2026-12-07')).toBe('lundi 7 décembre 2026');
    expect(longDay(p, '2026-12-01')).toBe('mardi 1er décembre 2026');
    expect(longDay(enPlanning, '2026-12-07')).toBe('Monday 7 December 2026');
    expect(weekdayInitial(p, '2026-12-13')).toBe('Di');
    expect(shortDate('2027-01-04')).toBe('04/01/2027');
  });

  it('titles a month, a fortnight and a week across months and years', () => {
    expect(periodLabel(p, { kind: 'month', start: '2026-12-01', end: '2026-12-31' }, 'fr')).toBe('Décembre 2026');
    expect(periodLabel(p, { kind: 'fortnight', start: '2026-12-07', end: '2026-12-20' }, 'fr')).toBe('du 7 au 20 décembre 2026');
    expect(periodLabel(p, { kind: 'week', start: '2026-11-30', end: '2026-12-06' }, 'fr')).toBe('du 30 novembre au 6 décembre 2026');
    expect(periodLabel(p, { kind: 'week', start: '2026-12-28', end: '2027-01-03' }, 'fr')).toBe('du 28 décembre 2026 au 3 janvier 2027');
    expect(periodLabel(p, { kind: 'week', start: '2027-02-01', end: '2027-02-07' }, 'fr')).toBe('du 1er au 7 février 2027');
  });

  it('prints euros the French way, negative for credits', () => {
    expect(p.money(1240)).toBe('12,40\u00a0€');
    expect(p.money(-235)).toBe('-2,35\u00a0€');
    expect(p.money(123456)).toBe('1\u202f234,56\u00a0€');
    expect(enPlanning.money(1240)).toBe('€12.40');
  });

  it('reads a deadline instant on the Paris clock (winter and summer time)', () => {
    expect(parisInstant(p, '2026-12-03T09:00:00.000Z', 'fr')).toBe('jeudi 3 décembre à 10:00');
    expect(parisInstant(p, '2027-06-03T08:00:00.000Z', 'fr')).toBe('jeudi 3 juin à 10:00');
  });

  it('lists days compactly, grouped by month', () => {
    expect(dayList(p, ['2026-11-30', '2026-12-01', '2026-12-03'], 'fr')).toBe('30 novembre, 1er et 3 décembre');
  });
});

describe('planning URL', () => {
  it('reads the French query words and refuses impossible dates', () => {
    expect(parsePlanningQuery(new URLSearchParams('enfant=abc&vue=semaine&date=2026-12-07&mode=modifier'))).toEqual({
      childId: 'abc', view: 'week', date: '2026-12-07', edit: true, badDate: false,
    });
    const bad = parsePlanningQuery(new URLSearchParams('vue=annee&date=2026-02-31'));
    expect(bad).toMatchObject({ childId: null, view: 'month', date: null, badDate: true });
  });

  it('builds links with only the given parts', () => {
    expect(planningHref('/portail/planning', { childId: 'c1', view: 'fortnight', date: '2026-12-07', edit: true })).toBe(
      '/portail/planning?enfant=c1&vue=quinzaine&date=2026-12-07&mode=modifier',
    );
    expect(planningHref('/portail/planning', {})).toBe('/portail/planning');
  });
});

describe('edit mode', () => {
  const cell = { day: '2026-12-07', open: true, booked: false, waiting: false, waitingPosition: null, pending: null, editable: true, full: false, lock: null };
  it('ticks what is booked or waiting, with the pending change applied', () => {
    expect(initiallyChecked(cell)).toBe(false);
    expect(initiallyChecked({ ...cell, booked: true })).toBe(true);
    expect(initiallyChecked({ ...cell, waiting: true })).toBe(true);
    expect(initiallyChecked({ ...cell, booked: true, pending: 'cancel' })).toBe(false);
    expect(initiallyChecked({ ...cell, pending: 'add' })).toBe(true);
    expect(initiallyChecked({ ...cell, pending: 'wait' })).toBe(true);
  });
});
