/**
 * The planning and basket as the web layer sees them. Use cases build these; pages only render them.
 * Days are 'YYYY-MM-DD' (Europe/Paris calendar days); money is integer cents; instants are ISO-8601 UTC strings.
 */
import type { ActivityPeriod, DeadlineRules, PlainDate } from '../calendar';

export type ActivityKind = 'cantine' | 'garderie_matin' | 'garderie_soir' | 'mercredi' | 'alsh';
/** 'prepaid' = Paiement immédiat (booked once paid); 'invoice' = Sur facture (monthly invoice). */
export type BillingMode = 'prepaid' | 'invoice';

export interface BookableActivity {
  id: string;
  siteId: string;
  siteName: string;
  schoolYearId: string;
  name: string;
  kind: ActivityKind;
  weekdays: number[];
  period: ActivityPeriod;
  capacity: number;
  billingMode: BillingMode;
  deadlines: DeadlineRules;
}

export type BookingStatus = 'reserved' | 'cancelled' | 'waiting';

/** Why a day cannot be changed by the parent (shown on the cell, through aria-describedby). */
export type LockReason =
  | 'past'
  | 'deadline_passed'
  | 'closed'
  | 'holiday'
  | 'public_holiday'
  | 'not_open'
  | 'full'
  | 'not_enrolled';

export type BasketAction = 'add' | 'cancel' | 'wait';

export interface DayCell {
  day: PlainDate;
  /** The activity runs that day (weekday, school year, holidays, closures): otherwise no checkbox at all. */
  open: boolean;
  booked: boolean;
  /** On the waiting list for that day. */
  waiting: boolean;
  /** Position on the waiting list (1 = next), when waiting. */
  waitingPosition: number | null;
  /** A change stored in the basket and not yet confirmed (Terminer / Payer). */
  pending: BasketAction | null;
  /** The checkbox is enabled: the parent may change this day now. */
  editable: boolean;
  /** No place left (reserved = capacity): adding means joining the waiting list. */
  full: boolean;
  lock: { reason: LockReason; detail?: string; deadline?: string } | null;
}

export interface PlanningRow {
  activity: Pick<BookableActivity, 'id' | 'name' | 'kind' | 'billingMode' | 'siteName' | 'schoolYearId'>;
  /** The unit price this family pays for this activity (the rule's label says why). */
  unitPrice: { cents: number; label: string };
  cells: DayCell[];
}

export type PlanningViewKind = 'month' | 'fortnight' | 'week';

export interface PlanningPeriod {
  kind: PlanningViewKind;
  start: PlainDate;
  end: PlainDate;
  /** Anchor dates for the previous / next period arrows and Aujourd'hui. */
  previous: PlainDate;
  next: PlainDate;
  today: PlainDate;
}

export interface ChildPlanning {
  child: { id: string; firstName: string };
  /** Every child of the family, in tab order (eldest first). */
  children: { id: string; firstName: string }[];
  period: PlanningPeriod;
  days: PlainDate[];
  rows: PlanningRow[];
  /** Cost of the period's booked days (booked + pending additions − pending cancellations). */
  periodCostCents: number;
  /** Restant dû: positive = owed, negative = credit (0 until invoicing lands). */
  balanceCents: number;
  basketLineCount: number;
  /** « Vous pouvez modifier la semaine du … jusqu'au … » for the first week still open to changes. */
  nextDeadline: { weekStart: PlainDate; deadline: string; activityId: string; activityName: string } | null;
}

export interface BasketLine {
  id: string;
  childId: string;
  childFirstName: string;
  activityId: string;
  activityName: string;
  activityKind: ActivityKind;
  day: PlainDate;
  action: BasketAction;
  billingMode: BillingMode;
  /** Price of one unit; cancellations of refundable days show as negative amounts in the totals. */
  unitPriceCents: number;
  priceLabel: string;
  /**
   * Added by the booking back end (always set by the service): this line's signed contribution to the totals —
   * `unitPriceCents` for an addition, 0 for a waiting-list line, `-unitPriceCents` for the cancellation of a prepaid
   * (refundable) day, 0 for the cancellation of an invoiced day (simply not invoiced). See core/booking/basket-lines.ts.
   */
  amountCents?: number;
}

export interface Basket {
  id: string;
  /** Changes with every edit: Terminer and Tout supprimer carry it, so a replayed or stale form changes nothing. */
  version: number;
  lines: BasketLine[];
  /** Sum per billing mode: additions count positive, refundable cancellations negative. */
  totals: { prepaidCents: number; invoiceCents: number };
  expiresAt: string | null;
}

export type LineFailure = 'full' | 'deadline_passed' | 'not_open' | 'not_enrolled' | 'already_booked' | 'not_booked';

export interface ConfirmationReport {
  id: string;
  confirmedAt: string;
  applied: BasketLine[];
  failed: (BasketLine & { reason: LineFailure })[];
  /** Lines left in the basket (prepaid ones wait for Payer). */
  remaining: number;
}

export interface OccupancyRow {
  day: PlainDate;
  siteId: string;
  siteName: string;
  activityId: string;
  activityName: string;
  reserved: number;
  capacity: number;
  waiting: number;
}
