import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_REGIONS, isHolidayRegion, publicHolidays, regionForDepartement, type HolidayRegion } from './public-holidays';
import { weekday } from './plain-date';

// In-repo copy of ../shared/data/calendar/jours-feries-2024-2028.csv, the oracle (see data/ATTRIBUTION.md).
const oracleText = readFileSync(new URL('./data/jours-feries-2024-2028.csv', import.meta.url), 'utf8');
const [header, ...lines] = oracleText.trim().split(/\r?\n/);
const oracle = lines.map((line) => {
  const [day, weekdayName, zone, name] = line.split(',');
  return { day: day ?? '', weekdayName: weekdayName ?? '', zone: zone ?? '', name: name ?? '' };
});
const key = (h: { day: string; name: string }) => `${h.day} ${h.name}`;

describe('publicHolidays against the reference file', () => {
  it('reads a well-formed oracle', () => {
    expect(header).toBe('date,weekday,zone,name');
    expect(oracle.length).toBe(780); // 13 regions × 5 years, 11 to 13 holidays each
    expect(lines.every((line) => line.split(',').length === 4)).toBe(true);
    expect(oracle.every((row) => row.day && row.zone && row.name)).toBe(true);
  });

  it('covers exactly the regions of the file', () => {
    expect(new Set(oracle.map((row) => row.zone))).toEqual(new Set(HOLIDAY_REGIONS));
  });

  it('has weekday names matching the dates (the file is self-consistent)', () => {
    const names = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    expect(oracle.filter((row) => names[weekday(row.day)] !== row.weekdayName)).toEqual([]);
  });

  for (const region of HOLIDAY_REGIONS) {
    for (let year = 2024; year <= 2028; year++) {
      it(`${region} ${year}: same (date, name) set both ways`, () => {
        const expected = oracle.filter((row) => row.zone === region && row.day.startsWith(`${year}-`)).map(key).sort();
        const computed = publicHolidays(year, region).map(key).sort();
        expect(expected.length).toBeGreaterThanOrEqual(11);
        expect(computed.filter((k) => !expected.includes(k))).toEqual([]); // nothing extra
        expect(expected.filter((k) => !computed.includes(k))).toEqual([]); // nothing missing
        expect(computed).toEqual(expected); // and no duplicates either side
      });
    }
  }
});

describe('publicHolidays', () => {
  it('returns the holidays sorted by day', () => {
    const days = publicHolidays(2027, 'Alsace-Moselle').map((h) => h.day);
    expect(days).toEqual([...days].sort());
    expect(days[1]).toBe('2027-03-26'); // Vendredi saint, Easter 2027-03-28 − 2
  });
  it('computes holidays far from the reference years', () => {
    const holidays = publicHolidays(2038, 'Métropole');
    expect(holidays.find((h) => h.name === 'Ascension')?.day).toBe('2038-06-03');
    expect(holidays.find((h) => h.name === 'Lundi de Pentecôte')?.day).toBe('2038-06-14');
    expect(holidays).toHaveLength(11);
  });
  it('validates region names', () => {
    expect(isHolidayRegion('La Réunion')).toBe(true);
    expect(isHolidayRegion('Réunion')).toBe(false);
  });
});

describe('regionForDepartement', () => {
  it('maps Alsace-Moselle and the overseas codes', () => {
    const expected: Record<string, HolidayRegion> = {
      '57': 'Alsace-Moselle', '67': 'Alsace-Moselle', '68': 'Alsace-Moselle', '971': 'Guadeloupe',
      '972': 'Martinique', '973': 'Guyane', '974': 'La Réunion', '975': 'Saint-Pierre-et-Miquelon', '976': 'Mayotte',
      '977': 'Saint-Barthélemy', '978': 'Saint-Martin', '986': 'Wallis-et-Futuna', '987': 'Polynésie française',
      '988': 'Nouvelle-Calédonie',
    };
    for (const [code, region] of Object.entries(expected)) expect(regionForDepartement(code), code).toBe(region);
  });
  it('defaults to Métropole', () => {
    for (const code of ['75', '2A', '1', '54', '', 'zz']) expect(regionForDepartement(code), code).toBe('Métropole');
    expect(regionForDepartement(' 67 ')).toBe('Alsace-Moselle');
  });
});
