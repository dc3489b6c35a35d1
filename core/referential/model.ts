/** The referential the town-hall staff set up: sites and their classes, school years, closure days, activities. */
import type { ActivityPeriod, DeadlineRule, PlainDate } from '../calendar';
import type { ActivityKind, BillingMode } from '../booking/model';
import type { DocumentKind } from '../documents/kinds';
import type { EnrolmentMode } from '../enrolments/model';

export const SITE_KINDS = ['maternelle', 'elementaire', 'groupe_scolaire', 'accueil_loisirs'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const SCHOOL_LEVELS = ['PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;
export type SchoolLevel = (typeof SCHOOL_LEVELS)[number];

export const ACTIVITY_KINDS = ['cantine', 'garderie_matin', 'garderie_soir', 'mercredi', 'alsh'] as const satisfies readonly ActivityKind[];
export const ACTIVITY_PERIODS = ['school', 'holidays', 'both'] as const satisfies readonly ActivityPeriod[];
export const BILLING_MODES = ['prepaid', 'invoice'] as const satisfies readonly BillingMode[];
export const ENROLMENT_MODES = ['manual', 'automatic'] as const satisfies readonly EnrolmentMode[];
export const DEADLINE_KINDS = ['days_before', 'weekday_of_previous_week', 'days_before_holiday_period'] as const;

export interface SiteClass {
  id: string;
  siteId: string;
  name: string;
  level: SchoolLevel;
}

export interface Site {
  id: string;
  name: string;
  kind: SiteKind;
  address: string;
}

export interface SiteWithClasses extends Site {
  classes: SiteClass[];
}

export interface SchoolYearRow {
  id: string;
  startsOn: PlainDate;
  endsOn: PlainDate;
}

export interface Closure {
  id: string;
  siteId: string;
  day: PlainDate;
  reason: string;
}

/** An activity as staff edit it. */
export interface ActivitySettings {
  name: string;
  kind: ActivityKind;
  siteId: string;
  schoolYearId: string;
  /** ISO weekdays, ascending. */
  weekdays: number[];
  period: ActivityPeriod;
  capacity: number;
  addDeadline: DeadlineRule;
  cancelDeadline: DeadlineRule;
  billingMode: BillingMode;
  waitingList: boolean;
  enrolmentMode: EnrolmentMode;
  requiredDocuments: DocumentKind[];
}

export interface StoredActivity extends ActivitySettings {
  id: string;
  siteName: string;
}

/** A booking (reserved or on the waiting list) a closure would touch. */
export interface BookingOnDay {
  id: string;
  childId: string;
  childFirstName: string;
  familyId: string;
  activityId: string;
  activityName: string;
  billingMode: BillingMode;
  day: PlainDate;
  status: 'reserved' | 'waiting';
  unitPriceCents: number;
}

/** Staff who change the referential (every change is an audit event). */
export interface Actor {
  userId: string;
  label: string;
  ip: string | null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };
