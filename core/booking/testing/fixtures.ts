/** Shared fixtures of the booking unit tests: a commune in zone A (Rhône), the 2026-2027 school year. */
import { publicHolidayCalendar, schoolYearStartingIn, type PlainDate } from '../../calendar';
import type { ActivityRecord, BookingCalendar } from '../activity';
import type { CellInputs } from '../day-cells';

export const calendar: BookingCalendar = {
  zone: 'Zone A',
  holidayPeriods: [
    { description: 'Vacances de la Toussaint', zone: 'Zone A', start: '2026-10-17', end: '2026-11-01', schoolYear: '2026-2027' },
    { description: 'Vacances de Noël', zone: 'Zone A', start: '2026-12-19', end: '2027-01-03', schoolYear: '2026-2027' },
    { description: "Vacances d'Hiver", zone: 'Zone A', start: '2027-02-06', end: '2027-02-21', schoolYear: '2026-2027' },
    { description: 'Vacances de Printemps', zone: 'Zone A', start: '2027-04-10', end: '2027-04-25', schoolYear: '2026-2027' },
    { description: 'Vacances de Noël', zone: 'Zone C', start: '2026-12-19', end: '2027-01-03', schoolYear: '2026-2027' },
  ],
  publicHolidays: publicHolidayCalendar('Métropole'),
};

/** Cantine Les Lutins: Mon, Tue, Thu, Fri in school weeks; J-2 working days at 12:00 both ways; 3 places. */
export const canteen: ActivityRecord = {
  id: 'cantine',
  siteId: 'lutins',
  siteName: 'Groupe scolaire Les Lutins',
  schoolYearId: '2026-2027',
  schoolYear: schoolYearStartingIn(2026),
  name: 'Cantine Les Lutins Gourmands',
  kind: 'cantine',
  weekdays: [1, 2, 4, 5],
  period: 'school',
  capacity: 3,
  billingMode: 'invoice',
  deadlines: {
    add: { kind: 'days_before', days: 2, time: '12:00', workingDaysOnly: true },
    cancel: { kind: 'days_before', days: 2, time: '12:00', workingDaysOnly: true },
  },
  waitingList: true,
};

/** A holiday centre, Monday to Friday during the holidays, the day before at 10:00. */
export const centre: ActivityRecord = {
  ...canteen,
  id: 'alsh',
  name: 'Centre de loisirs',
  kind: 'alsh',
  weekdays: [1, 2, 3, 4, 5],
  period: 'holidays',
  billingMode: 'prepaid',
  deadlines: {
    add: { kind: 'days_before', days: 1, time: '10:00', workingDaysOnly: false },
    cancel: { kind: 'days_before', days: 1, time: '10:00', workingDaysOnly: false },
  },
};

export function inputs(overrides: Partial<CellInputs> & { now: Date }): CellInputs {
  return {
    activity: canteen,
    calendar,
    closureDays: [{ day: '2026-12-11', reason: 'Grève du personnel de restauration' }],
    enrolled: true,
    bookings: new Map(),
    reserved: new Map(),
    pending: new Map(),
    staff: false,
    ...overrides,
  };
}

export const at = (iso: string) => new Date(iso);
export const days = (...list: PlainDate[]) => list;
