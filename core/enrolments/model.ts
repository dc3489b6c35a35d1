/** Inscriptions: a child's enrolment in an activity for a school year, and what the family sees of each activity. */
import type { ActivityRecord } from '../booking/activity';
import type { EnrolmentStatus } from '../booking/ports';
import type { PlainDate } from '../calendar';
import type { DocumentKind } from '../documents/kinds';

export type EnrolmentMode = 'automatic' | 'manual';

export interface EnrolmentRecord {
  id: string;
  childId: string;
  activityId: string;
  status: EnrolmentStatus;
  requestedAt: string;
  decidedAt: string | null;
  /** Staff's reason (refusal, waiting list). */
  message: string | null;
  /** 1 = next in line, for a waiting enrolment (order of request). */
  waitingPosition: number | null;
}

export interface ActivitySettings {
  id: string;
  schoolYearId: string;
  enrolmentMode: EnrolmentMode;
  requiredDocuments: DocumentKind[];
}

export interface SchoolYearOption {
  id: string;
  startsOn: PlainDate;
  endsOn: PlainDate;
}

/** An activity with its rules, as the family reads them (the web layer puts them into words). */
export interface ActivityOffer {
  activity: ActivityRecord;
  enrolmentMode: EnrolmentMode;
  requiredDocuments: DocumentKind[];
  /** What this family pays for one day, and the rule's label (core/pricing). Null without a price grid. */
  price: { cents: number; label: string } | null;
}

export interface ChildEnrolments {
  child: { id: string; firstName: string };
  enrolments: (EnrolmentRecord & { offer: ActivityOffer })[];
}

export interface EnrolmentRepository {
  /** School years that have activities and end on or after `from`, earliest first. */
  schoolYears(from: PlainDate): Promise<SchoolYearOption[]>;
  /** Every activity of the school year, with its enrolment settings. */
  activitiesOfYear(schoolYearId: string): Promise<ActivitySettings[]>;
  settings(activityId: string): Promise<ActivitySettings | null>;
  /** The enrolments of these children (any school year), with waiting positions. */
  forChildren(childIds: readonly string[]): Promise<EnrolmentRecord[]>;
  find(enrolmentId: string): Promise<EnrolmentRecord | null>;
  /**
   * Creates the enrolment (or reopens a refused one) with that status; null when the child already has a live
   * enrolment (requested, waiting or accepted) in the activity — the unique constraint decides.
   */
  open(input: { childId: string; activityId: string; status: 'requested' | 'accepted' }, now: Date): Promise<{ id: string } | null>;
  /** Conditional status change; false when the enrolment was not in one of `from`. */
  decide(enrolmentId: string, from: readonly EnrolmentStatus[], to: EnrolmentStatus, message: string | null, now: Date): Promise<boolean>;
  /** The family withdrew its request: the enrolment goes away if still requested or waiting. */
  remove(enrolmentId: string): Promise<boolean>;
}
