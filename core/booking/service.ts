/**
 * What the web layer may ask of the booking domain. Every method checks that ids belong to the family it is given
 * (unknown and foreign ids answer the same 'not_found'), validates on the server, and runs each change in one
 * database transaction. Mails are sent after commit.
 */
import type { PlainDate } from '../calendar';
import type { Basket, ChildPlanning, ConfirmationReport, DayCell, OccupancyRow, PlanningViewKind } from './model';

export interface Actor {
  userId: string;
  label: string;
  ip: string | null;
  /** Staff book on a family's behalf: deadlines do not bind them (closed days and capacity still do); audited. */
  staff: boolean;
}

export type ChangeError =
  | 'not_found'
  | 'invalid_date'
  | 'locked_day'
  | 'stale_basket';

export interface SaveChangesInput {
  familyId: string;
  childId: string;
  view: PlanningViewKind;
  /** Any day of the displayed period. */
  date: PlainDate;
  /** Cells the parent left checked, as `${activityId}:${day}`. Only editable cells of the period are read. */
  checked: string[];
  /** Activity rows whose « Tout le mois / toute la période » box was checked: every editable day of the row. */
  wholePeriod: string[];
  actor: Actor;
}

export interface AdvancedEditInput {
  familyId: string;
  childIds: string[];
  /** Per activity, the ISO weekdays wanted (1 = Monday); activities absent are left unchanged. */
  pattern: { activityId: string; weekdays: number[] }[];
  from: PlainDate;
  to: PlainDate;
  actor: Actor;
}

export interface AdvancedEditPreview {
  /** Added (optional, always set by the service): `action` is 'wait' when the day is full (waiting list). */
  additions: { childId: string; childFirstName: string; activityId: string; activityName: string; day: PlainDate; unitPriceCents: number; action?: 'add' | 'wait' }[];
  cancellations: { childId: string; childFirstName: string; activityId: string; activityName: string; day: PlainDate }[];
  /** `reason` is French (core/booking/messages-fr.ts); added (optional, always set): the structured `lock`. */
  skipped: { childId: string; childFirstName: string; activityId: string; activityName: string; day: PlainDate; reason: string; lock?: NonNullable<DayCell['lock']> }[];
}

export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E; detail?: string };

export interface BookingService {
  /** `staff` (added, optional): cells editable as for an agent (deadlines do not bind; past, closed and full still do). */
  planning(input: { familyId: string; childId: string | null; view: PlanningViewKind; date: PlainDate | null; staff?: boolean }): Promise<Result<ChildPlanning, 'not_found' | 'no_children'>>;
  /** Valider: stores this child's changes for the period into the family's basket (replacing earlier ones). */
  saveChanges(input: SaveChangesInput): Promise<Result<{ lineCount: number; nextChildId: string | null }, ChangeError>>;
  previewAdvancedEdit(input: AdvancedEditInput): Promise<Result<AdvancedEditPreview, ChangeError>>;
  applyAdvancedEdit(input: AdvancedEditInput): Promise<Result<{ lineCount: number }, ChangeError>>;
  basket(familyId: string): Promise<Basket | null>;
  removeLine(input: { familyId: string; basketId: string; version: number; lineId: string; actor: Actor }): Promise<Result<null, ChangeError>>;
  /** Tout supprimer. */
  clearBasket(input: { familyId: string; basketId: string; version: number; actor: Actor }): Promise<Result<null, ChangeError>>;
  /** Terminer: applies every post-paid line in one transaction; a replay returns the first report. */
  confirm(input: { familyId: string; basketId: string; version: number; actor: Actor }): Promise<Result<ConfirmationReport, ChangeError>>;
  confirmation(input: { familyId: string; confirmationId: string }): Promise<ConfirmationReport | null>;
  /** Staff, on a family's behalf: the same changes as saveChanges, applied at once (no basket), audited. */
  applyNow(input: SaveChangesInput): Promise<Result<ConfirmationReport, ChangeError>>;
  /** Staff: booked, capacity and waiting list per day, site and activity. */
  occupancy(input: { from: PlainDate; to: PlainDate; siteId?: string }): Promise<OccupancyRow[]>;
}
