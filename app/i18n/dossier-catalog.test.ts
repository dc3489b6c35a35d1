import { describe, expect, it } from 'vitest';
import { enDossier } from './en-dossier';
import { frDossier } from './fr-dossier';

describe('activity rules in plain words', () => {
  it('says the days and deadlines in French', () => {
    const r = frDossier.rules;
    expect(r.days([1, 2, 4, 5])).toBe('Lundi, mardi, jeudi et vendredi');
    expect(r.days([3])).toBe('Mercredi');
    expect(r.deadline({ kind: 'days_before', days: 2, time: '12:00', workingDaysOnly: true })).toBe('2 jours ouvrés avant, à 12 h');
    expect(r.deadline({ kind: 'days_before', days: 1, time: '18:00', workingDaysOnly: false })).toBe('la veille avant 18 h');
    expect(r.deadline({ kind: 'days_before', days: 0, time: '08:30', workingDaysOnly: false })).toBe('le jour même avant 8 h 30');
    expect(r.deadline({ kind: 'weekday_of_previous_week', weekday: 4, time: '09:00' })).toBe('le jeudi de la semaine précédente avant 9 h');
    expect(r.deadline({ kind: 'days_before_holiday_period', days: 15, time: '12:00', workingDaysOnly: true })).toBe('15 jours ouvrés avant le début des vacances, à 12 h');
    expect(frDossier.euros(540)).toBe('5,40\u00a0€');
    expect(frDossier.day('2027-09-01')).toBe('1er septembre 2027');
  });

  it('has English words too', () => {
    expect(enDossier.rules.days([1, 2, 4, 5])).toBe('Monday, Tuesday, Thursday and Friday');
    expect(enDossier.rules.deadline({ kind: 'weekday_of_previous_week', weekday: 4, time: '09:00' })).toBe('the previous week’s Thursday before 09:00');
    expect(enDossier.euros(540)).toBe('€5.40');
  });
});
