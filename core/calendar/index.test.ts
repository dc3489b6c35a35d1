import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as calendar from './index';

describe('calendar public API', () => {
  it('exposes the main entry points', () => {
    for (const name of [
      'addDays', 'isPlainDate', 'parisWallClockToInstant', 'instantToParis', 'publicHolidays', 'regionForDepartement',
      'parseSchoolHolidaysCsv', 'parseAcademiesCsv', 'holidayZoneForDepartement', 'isSchoolHoliday',
      'holidayPeriodContaining', 'nextHolidayPeriodStart', 'schoolYearContaining', 'openingOn', 'deadlineFor',
      'isBeforeDeadline', 'describeDeadline', 'formatDeadlineFr',
    ]) {
      expect(typeof (calendar as Record<string, unknown>)[name], name).toBe('function');
    }
  });
  it('imports nothing but sibling modules outside shipped-data.ts', () => {
    const files = ['plain-date', 'wall-clock-time', 'paris-time', 'departement', 'easter', 'public-holidays',
      'public-holiday-lookup', 'csv', 'school-holidays', 'school-holidays-csv', 'school-holiday-territory', 'academies',
      'school-year', 'opening', 'working-days', 'deadlines', 'french-format', 'index'];
    for (const file of files) {
      const source = readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8');
      const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]);
      expect(specifiers.filter((specifier) => !specifier?.startsWith('./')), file).toEqual([]);
    }
  });
});
