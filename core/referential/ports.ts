/** What the referential use cases need from storage (adapters/db/repositories/referential.ts implements it). */
import type { PlainDate } from '../calendar';
import type { BookingRepository, PlanningRepository } from '../booking/ports';
import type { CreditRepository } from '../payments/ports';
import type { AuditLog, Clock, Mailer } from '../ports';
import type { ActivitySettings, BookingOnDay, Closure, SchoolYearRow, Site, SiteClass, SiteWithClasses, StoredActivity } from './model';

export interface ReferentialRepository {
  sites(): Promise<SiteWithClasses[]>;
  site(siteId: string): Promise<SiteWithClasses | null>;
  insertSite(site: Site): Promise<void>;
  updateSite(site: Site): Promise<boolean>;
  /** False when the site already has a class of that name. */
  insertClass(siteClass: SiteClass, now: Date): Promise<boolean>;
  deleteClass(siteId: string, classId: string): Promise<SiteClass | null>;

  schoolYears(): Promise<SchoolYearRow[]>;
  /** False when that id exists already. */
  insertSchoolYear(year: SchoolYearRow): Promise<boolean>;

  closures(siteId: string): Promise<Closure[]>;
  /** False when the site is already closed that day. */
  insertClosure(closure: Closure): Promise<boolean>;
  deleteClosure(siteId: string, closureId: string): Promise<Closure | null>;
  /** Reserved and waiting bookings on the site's activities that day. */
  bookingsOn(siteId: string, day: PlainDate): Promise<BookingOnDay[]>;

  activities(): Promise<StoredActivity[]>;
  activity(activityId: string): Promise<StoredActivity | null>;
  insertActivity(activity: ActivitySettings & { id: string }, now: Date): Promise<void>;
  updateActivity(activity: ActivitySettings & { id: string }): Promise<boolean>;
  /** Reserved bookings of the activity per day from `from` on, with the families concerned. */
  futureBookings(activityId: string, from: PlainDate): Promise<{ day: PlainDate; reserved: number; familyIds: string[] }[]>;
}

export interface ReferentialRepositories {
  referential: ReferentialRepository;
  /** Cancelling a booking and releasing its place, as the booking rules do it. */
  bookings: BookingRepository;
  /** A cancelled prepaid day goes back to the family as a credit, as a cancellation does. */
  credits: CreditRepository;
  /** The families' e-mail addresses. */
  planning: PlanningRepository;
  audit: AuditLog;
}

export interface ReferentialStore extends ReferentialRepositories {
  transaction<T>(work: (repos: ReferentialRepositories) => Promise<T>): Promise<T>;
}

export interface ReferentialDeps {
  store: ReferentialStore;
  clock: Clock;
  mailer: Mailer;
  /** Absolute URL of the parents' planning (in the closure e-mail). */
  planningUrl: string;
  onError?: (error: unknown, context: string) => void;
}
