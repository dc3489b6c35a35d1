/**
 * The commune's calendar as the booking rules read it: its holiday zone, the school holidays in force (the latest
 * official CSV imported by staff, else the data shipped with Tartine), the public holidays of its region.
 * Parsed once per import and cached per process; every call checks the latest import's id, so an import made by
 * another process is seen on the next request.
 */
import {
  knownRentree, parseSchoolHolidaysCsv, periodsForDepartement, publicHolidayCalendar, regionForDepartement, resolveOpenEnds,
  type CsvIssue, type Rentree, type SchoolHolidayPeriod,
} from '../calendar';
import type { AuditLog, Clock } from '../ports';
import type { BookingCalendar } from './activity';
import type { CalendarDataRepository, CalendarService } from './ports';

/** Official files are about 100 KiB; anything far larger is not one. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Closes the summer periods published with only a start (as shipped-data.ts does for the shipped file). */
function metropolitanRentrees(): Rentree[] {
  const rentrees: Rentree[] = [];
  for (let year = 2000; year <= 2100; year++) {
    const day = knownRentree(year);
    if (day !== undefined) for (const zone of ['Zone A', 'Zone B', 'Zone C']) rentrees.push({ zone, day });
  }
  return rentrees;
}

export function parseImportedHolidays(csvText: string): { ok: true; periods: SchoolHolidayPeriod[] } | { ok: false; errors: CsvIssue[] } {
  if (csvText.length > MAX_IMPORT_BYTES) return { ok: false, errors: [{ line: 0, message: 'Le fichier est trop volumineux pour un calendrier des vacances scolaires.' }] };
  const parsed = parseSchoolHolidaysCsv(csvText);
  if (!parsed.ok) return parsed;
  if (parsed.value.length === 0) return { ok: false, errors: [{ line: 0, message: 'Le fichier ne contient aucune période de vacances.' }] };
  return { ok: true, periods: resolveOpenEnds(parsed.value, metropolitanRentrees()) };
}

export interface CalendarServiceDeps {
  store: {
    calendarData: CalendarDataRepository;
    transaction<T>(work: (repos: { calendarData: CalendarDataRepository; audit: AuditLog }) => Promise<T>): Promise<T>;
  };
  /** The school holidays shipped with Tartine (core/calendar/shipped-data.ts). */
  shipped: () => readonly SchoolHolidayPeriod[];
  clock: Clock;
}

const NO_ORGANISATION = { departement: '75', holidayZone: 'Zone C' };

export function createCalendarService(deps: CalendarServiceDeps): CalendarService {
  let cache: { key: string; value: BookingCalendar } | undefined;
  let parsedImport: { id: string; periods: readonly SchoolHolidayPeriod[] } | undefined;

  async function periodsInForce(): Promise<{ id: string | null; periods: readonly SchoolHolidayPeriod[] }> {
    const id = await deps.store.calendarData.latestImportId();
    if (id === null) return { id, periods: deps.shipped() };
    if (parsedImport?.id !== id) {
      const latest = await deps.store.calendarData.latestImport();
      const parsed = latest ? parseImportedHolidays(latest.csvText) : null;
      // An import is validated before it is stored; should it ever fail to parse, the shipped data stays in force.
      parsedImport = { id, periods: parsed?.ok ? parsed.periods : deps.shipped() };
    }
    return { id, periods: parsedImport.periods };
  }

  return {
    async current() {
      const [organisation, inForce] = await Promise.all([deps.store.calendarData.organisation(), periodsInForce()]);
      const { departement, holidayZone } = organisation ?? NO_ORGANISATION;
      const key = `${inForce.id ?? 'shipped'}|${departement}|${holidayZone}`;
      if (cache?.key !== key) {
        cache = {
          key,
          value: {
            zone: holidayZone,
            holidayPeriods: periodsForDepartement(inForce.periods, departement),
            publicHolidays: publicHolidayCalendar(regionForDepartement(departement)),
          },
        };
      }
      return cache.value;
    },

    async importSchoolHolidays(csvText, actor) {
      if (typeof csvText !== 'string') return { ok: false, errors: [{ line: 0, message: 'Aucun fichier reçu.' }] };
      const parsed = parseImportedHolidays(csvText);
      if (!parsed.ok) return parsed;
      const organisation = await deps.store.calendarData.organisation();
      const zone = (organisation ?? NO_ORGANISATION).holidayZone;
      const zonePeriodCount = parsed.periods.filter((p) => p.zone === zone).length;
      if (organisation && zonePeriodCount === 0) {
        return { ok: false, errors: [{ line: 0, message: `Le fichier ne contient aucune période pour la zone de la commune (« ${zone} »).` }] };
      }
      const now = deps.clock.now();
      await deps.store.transaction(async (repos) => {
        const id = await repos.calendarData.saveImport({ csvText, periodCount: parsed.periods.length, importedBy: actor.label, importedAt: now.toISOString() });
        await repos.audit.record(
          { actorUserId: actor.userId, actorLabel: actor.label, ip: actor.ip, action: 'calendar.school_holidays_imported', target: `school_holiday_import:${id}`, details: { periods: parsed.periods.length, zonePeriods: zonePeriodCount } },
          now,
        );
      });
      return { ok: true, periodCount: parsed.periods.length, zonePeriodCount };
    },

    async source() {
      const latest = await deps.store.calendarData.latestImport();
      return latest ? { kind: 'imported', importedAt: latest.importedAt, importedBy: latest.importedBy, periodCount: latest.periodCount } : { kind: 'shipped' };
    },
  };
}
