/**
 * What the booking use cases need from storage. The Kysely repositories (adapters/db/repositories/{planning,
 * bookings,baskets,calendar-data}.ts) implement these; every method of a repository bound to a transaction runs in
 * that transaction. Days are 'YYYY-MM-DD', instants ISO-8601 UTC text, money integer cents.
 */
import type { CsvIssue, ClosureDay, PlainDate, SchoolHolidayPeriod } from '../calendar';
import type { AuditLog, Clock, Mailer } from '../ports';
import type { PriceGrid } from '../pricing';
import type { ActivityRecord, BookingCalendar } from './activity';
import type { BasketAction, BillingMode, BookingStatus, ConfirmationReport, ActivityKind } from './model';

export type EnrolmentStatus = 'requested' | 'accepted' | 'refused' | 'waiting';

export interface FamilyForBooking {
  id: string;
  name: string;
  resident: boolean;
  qf: number | null;
  qfValidUntil: PlainDate | null;
  /** Eldest first, as the planning's tabs. */
  children: { id: string; firstName: string }[];
  /** Where booking e-mails go: the family's address, then the guardians' (no duplicates). */
  emails: string[];
}

export interface ChildActivity {
  activity: ActivityRecord;
  /** The child's enrolment in that activity, null when only bookings link them. */
  enrolment: EnrolmentStatus | null;
}

export interface BookingRecord {
  id: string;
  childId: string;
  activityId: string;
  day: PlainDate;
  status: BookingStatus;
  unitPriceCents: number;
  queuedAt: string | null;
  /** 1 = next in line, for a waiting booking. */
  waitingPosition: number | null;
}

export interface PriceGridRecord extends PriceGrid {
  id: string;
  activityId: string;
  effectiveFrom: PlainDate;
}

export interface DayCount {
  activityId: string;
  day: PlainDate;
  reserved: number;
  waiting: number;
}

export interface SiteClosureDay extends ClosureDay {
  siteId: string;
}

/** Reads for the planning and the rules. */
export interface PlanningRepository {
  family(familyId: string): Promise<FamilyForBooking | null>;
  /** Every activity the child is enrolled in (any status) or has a booking row for, any school year. */
  childActivities(childId: string): Promise<ChildActivity[]>;
  activities(ids: readonly string[]): Promise<ActivityRecord[]>;
  /** Activities whose school year meets [from, to], optionally of one site (staff occupancy). */
  activitiesBetween(from: PlainDate, to: PlainDate, siteId?: string): Promise<ActivityRecord[]>;
  enrolments(childIds: readonly string[], activityIds: readonly string[]): Promise<{ childId: string; activityId: string; status: EnrolmentStatus }[]>;
  priceGrids(activityIds: readonly string[]): Promise<PriceGridRecord[]>;
  closureDays(siteIds: readonly string[], from: PlainDate, to: PlainDate): Promise<SiteClosureDay[]>;
  /** The children's booking rows (any status) for those activities in [from, to], with waiting positions. */
  bookings(childIds: readonly string[], activityIds: readonly string[], from: PlainDate, to: PlainDate): Promise<BookingRecord[]>;
  /** Reserved and waiting counts per activity and day (days without any are absent). */
  dayCounts(activityIds: readonly string[], from: PlainDate, to: PlainDate): Promise<DayCount[]>;
}

export interface NewBooking {
  childId: string;
  activityId: string;
  day: PlainDate;
  unitPriceCents: number;
}

/**
 * Writes to bookings and to the per-(activity, day) counter of reserved places. Capacity is the database's: the
 * counter only moves through conditional updates, so concurrent transactions cannot both take the last place.
 */
export interface BookingRepository {
  find(childId: string, activityId: string, day: PlainDate): Promise<BookingRecord | null>;
  /** Takes one place if fewer than `capacity` are reserved (the counter is created from the bookings if missing). */
  takePlace(activityId: string, day: PlainDate, capacity: number): Promise<boolean>;
  releasePlace(activityId: string, day: PlainDate): Promise<void>;
  /** Creates the booking or turns a cancelled / waiting one into a reservation; false when it was already reserved. */
  reserve(booking: NewBooking, now: Date): Promise<boolean>;
  /** Puts the child on the waiting list (queued now); false when already reserved or waiting. */
  enqueue(booking: NewBooking, now: Date): Promise<boolean>;
  /** Conditional status change (leaving the queue clears queued_at); false when the booking was not in `from`. */
  changeStatus(bookingId: string, from: BookingStatus, to: BookingStatus, now: Date): Promise<boolean>;
  /** The first waiting booking of the day, in queue order, with its family. */
  firstWaiting(activityId: string, day: PlainDate): Promise<(BookingRecord & { familyId: string; childFirstName: string }) | null>;
}

export type BasketStatus = 'open' | 'confirmed' | 'expired';

export interface BasketRecord {
  id: string;
  familyId: string;
  status: BasketStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  /** Since when the basket has held lines (null when empty): the reminder reads it. */
  linesSince: string | null;
  reminderSentAt: string | null;
}

export interface BasketLineRecord {
  id: string;
  basketId: string;
  childId: string;
  childFirstName: string;
  activityId: string;
  activityName: string;
  activityKind: ActivityKind;
  day: PlainDate;
  action: BasketAction;
  billingMode: BillingMode;
  unitPriceCents: number;
  priceLabel: string;
  /** Signed contribution to the basket's totals (see core/booking/basket-lines.ts). */
  amountCents: number;
  createdAt: string;
}

export type NewBasketLine = Omit<BasketLineRecord, 'id' | 'basketId' | 'childFirstName' | 'activityName' | 'activityKind' | 'createdAt'>;

export interface BasketRepository {
  findOpen(familyId: string): Promise<BasketRecord | null>;
  /** The family's basket of that id, whatever its status (null for another family's). */
  find(familyId: string, basketId: string): Promise<BasketRecord | null>;
  /** The family's open basket, created if there is none (one open basket per family, enforced by a unique index). */
  openFor(familyId: string, now: Date, expiresAt: string): Promise<BasketRecord>;
  lines(basketId: string): Promise<BasketLineRecord[]>;
  /**
   * Bumps the version of an open basket — only if it equals `expected` when given — and locks its row for the rest
   * of the transaction. Returns the new version, or null when the basket is not open or has moved on.
   */
  bump(basketId: string, expected: number | null, now: Date): Promise<number | null>;
  /** Deletes the child's lines on the cells of `scope`, then inserts `lines`. */
  replaceLines(basketId: string, childId: string, scope: readonly { activityId: string; day: PlainDate }[], lines: readonly NewBasketLine[], now: Date): Promise<void>;
  deleteLines(basketId: string, lineIds: readonly string[]): Promise<number>;
  /** After lines changed: line count, lines_since / reminder reset, expiry pushed back, status (confirmed when emptied by Terminer). */
  settle(basketId: string, now: Date, expiresAt: string, statusWhenEmpty: 'open' | 'confirmed'): Promise<number>;
  /** Terminer's report (basket and version it confirmed), or a staff change's (no basket). */
  saveReport(input: { familyId: string; basketId: string | null; basketVersion: number | null; report: ConfirmationReport }): Promise<void>;
  findReport(basketId: string, basketVersion: number): Promise<ConfirmationReport | null>;
  findReportById(familyId: string, reportId: string): Promise<ConfirmationReport | null>;
  /** Open baskets holding lines since before `linesBefore` whose reminder is not sent yet. */
  dueForReminder(linesBefore: string, limit: number): Promise<BasketRecord[]>;
  /** Marks the reminder sent if nobody did (conditional update): true for the one caller that may send it. */
  claimReminder(basketId: string, linesBefore: string, now: Date): Promise<boolean>;
  /** Open baskets past their expiry become expired; returns how many. */
  expire(now: Date): Promise<number>;
}

export interface SchoolHolidayImport {
  id: string;
  csvText: string;
  periodCount: number;
  importedAt: string;
  importedBy: string;
}

export interface CalendarDataRepository {
  organisation(): Promise<{ departement: string; holidayZone: string } | null>;
  /** The id of the latest import (cheap: read on every request to notice another process's import). */
  latestImportId(): Promise<string | null>;
  latestImport(): Promise<SchoolHolidayImport | null>;
  saveImport(input: { csvText: string; periodCount: number; importedBy: string; importedAt: string }): Promise<string>;
}

/** The repositories the booking use cases use, bound to one connection or one transaction. */
export interface BookingRepositories {
  planning: PlanningRepository;
  bookings: BookingRepository;
  baskets: BasketRepository;
  audit: AuditLog;
}

export interface BookingStore extends BookingRepositories {
  /** One transaction; it may be retried as a whole after a deadlock or a busy database, so keep `work` free of I/O. */
  transaction<T>(work: (repos: BookingRepositories) => Promise<T>): Promise<T>;
}

export interface CalendarService {
  /** The commune's calendar for the rules: zone, school holidays (latest import, else shipped), public holidays. */
  current(): Promise<BookingCalendar>;
  /** Staff import of a newer official vacances-scolaires CSV: French line errors, or the number of periods kept. */
  importSchoolHolidays(
    csvText: string,
    actor: { userId: string | null; label: string; ip: string | null },
  ): Promise<{ ok: true; periodCount: number; zonePeriodCount: number } | { ok: false; errors: CsvIssue[] }>;
  /** When the periods in force come from (for the admin page). */
  source(): Promise<{ kind: 'shipped' } | { kind: 'imported'; importedAt: string; importedBy: string; periodCount: number }>;
}

export interface BookingDeps {
  store: BookingStore;
  calendar: Pick<CalendarService, 'current'>;
  clock: Clock;
  mailer: Mailer;
  /** Absolute links put in e-mails. */
  links: { planning: string; recap: string };
  settings?: Partial<BookingSettings>;
  /** Mail failures after commit are reported here, never thrown (the change is done). */
  onError?: (error: unknown, context: string) => void;
  /** The family's credit (positive) or amount owed (negative), from the payment layer: the planning's Restant dû. */
  balance?: (familyId: string) => Promise<number>;
}

export interface BookingSettings {
  /** An open basket expires this long after its last change. */
  basketTtlHours: number;
  /** The reminder goes to families whose basket has held lines this long. */
  reminderAfterHours: number;
  /** How long prepaid lines hold their places while the parent pays (used by the payment issue). */
  prepaidHoldMinutes: number;
}

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = { basketTtlHours: 72, reminderAfterHours: 24, prepaidHoldMinutes: 30 };

export type { SchoolHolidayPeriod };
