/**
 * What one family owes for one month, line by line: pure. Each billable day is priced by the one pricing function
 * (`priceDay` + `explain`) with the grid in force that day, and attendance wins where it exists:
 * - « Sur facture » activities: a booked day is due (present or not marked); a justified absence is free; an absence
 *   without justification stays due (plus the grid's penalty); a presence without a booking pays the tarif majoré.
 * - « Paiement immédiat » activities were paid when booked: only a presence without a booking (tarif majoré) is
 *   invoiced, and a justified absence on a paid day is given back as a negative line.
 * Identical days (same child, activity, occasion, price and rule) make one line « quantity × unit price ».
 */
import type { PlainDate } from '../calendar';
import type { ActivityKind, BillingMode } from '../booking/model';
import type { PriceGridRecord } from '../booking/ports';
import { siblingRankOf } from '../booking/use-cases/load-rows';
import { explain, formatEuros, gridInForce, NBSP, priceDay, type Occasion } from '../pricing';

export interface BillingChild {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: PlainDate;
  hasPai: boolean;
}

export interface BillingFamily {
  id: string;
  fileNumber: string;
  name: string;
  payerName: string;
  addressLines: string[];
  email: string | null;
  resident: boolean;
  qf: number | null;
  qfValidUntil: PlainDate | null;
  /** Eldest first (sibling rank). */
  children: BillingChild[];
  /** `${childId}:${activityId}` of accepted enrolments (sibling rank). */
  enrolled: ReadonlySet<string>;
}

export interface BillingActivity {
  id: string;
  name: string;
  kind: ActivityKind;
  billingMode: BillingMode;
  siteName: string;
  grids: readonly PriceGridRecord[];
}

/** One child, activity and day with something billable: a reserved booking and/or an attendance mark. */
export interface BillableDay {
  childId: string;
  activityId: string;
  day: PlainDate;
  booked: boolean;
  /** What the family paid when booking (prepaid days). */
  bookedUnitPriceCents: number;
  attendance: 'present' | 'absent' | 'present_unbooked' | null;
  justified: boolean;
}

export type LineOccasion = Occasion | 'prepaid_refund';

export interface DraftLine {
  childId: string;
  childName: string;
  activityId: string;
  activityName: string;
  activityKind: ActivityKind;
  siteName: string;
  occasion: LineOccasion;
  quantity: number;
  unitPriceCents: number;
  amountCents: number;
  basis: string;
  firstDay: PlainDate;
  lastDay: PlainDate;
}

export type AnomalyKind = 'no_grid' | 'missing_qf' | 'missing_address' | 'negative_total';

export interface InvoiceAnomaly {
  kind: AnomalyKind;
  familyId: string;
  fileNumber: string;
  familyName: string;
  detail: string;
}

export interface DraftInvoice {
  family: BillingFamily;
  lines: DraftLine[];
  totalCents: number;
  anomalies: InvoiceAnomaly[];
}

function occasionOf(day: BillableDay, mode: BillingMode): LineOccasion | null {
  const present = day.attendance === 'present' || day.attendance === 'present_unbooked';
  if (!day.booked) return present ? 'unbooked_attendance' : null;
  if (mode === 'prepaid') return day.attendance === 'absent' && day.justified ? 'prepaid_refund' : null;
  if (day.attendance === 'absent') return day.justified ? 'justified_absence' : 'unjustified_absence';
  return 'booking';
}

const KIND_ORDER: Record<ActivityKind, number> = { garderie_matin: 0, cantine: 1, garderie_soir: 2, mercredi: 3, alsh: 4 };

export function computeInvoice(
  family: BillingFamily,
  activities: ReadonlyMap<string, BillingActivity>,
  days: readonly BillableDay[],
): DraftInvoice {
  const anomalies: InvoiceAnomaly[] = [];
  const note = (kind: AnomalyKind, detail: string) => {
    if (!anomalies.some((a) => a.kind === kind && a.detail === detail)) {
      anomalies.push({ kind, familyId: family.id, fileNumber: family.fileNumber, familyName: family.name, detail });
    }
  };
  const children = new Map(family.children.map((c, index) => [c.id, { child: c, index }]));
  const bookingFamily = { ...family, children: family.children.map((c) => ({ id: c.id, firstName: c.firstName })), emails: [] };
  const lines = new Map<string, DraftLine>();

  for (const day of [...days].sort((a, b) => a.day.localeCompare(b.day))) {
    const activity = activities.get(day.activityId);
    const entry = children.get(day.childId);
    if (!activity || !entry) continue;
    const occasion = occasionOf(day, activity.billingMode);
    if (!occasion) continue;
    let unit: number;
    let basis: string;
    if (occasion === 'prepaid_refund') {
      unit = -day.bookedUnitPriceCents;
      basis = `Absence justifiée, journée payée à la réservation remboursée${NBSP}: −${formatEuros(day.bookedUnitPriceCents)}`;
    } else {
      const grid = gridInForce(activity.grids, day.day) ?? null;
      if (!grid) note('no_grid', activity.name);
      const price = priceDay({
        grid,
        family: { resident: family.resident, qf: family.qf, qfValidUntil: family.qfValidUntil },
        day: day.day,
        occasion,
        pai: entry.child.hasPai && activity.kind === 'cantine',
        siblingRank: siblingRankOf(bookingFamily, day.childId, family.enrolled, activity.id),
      });
      if (price.base.rule === 'missing_qf') note('missing_qf', 'quotient familial absent ou expiré : tarif maximum appliqué');
      unit = price.cents;
      basis = explain(price);
    }
    const key = `${day.childId}|${day.activityId}|${occasion}|${unit}|${basis}`;
    const line = lines.get(key);
    if (line) {
      line.quantity += 1;
      line.amountCents += unit;
      line.lastDay = day.day;
    } else {
      lines.set(key, {
        childId: day.childId,
        childName: `${entry.child.firstName} ${entry.child.lastName}`.trim(),
        activityId: activity.id,
        activityName: activity.name,
        activityKind: activity.kind,
        siteName: activity.siteName,
        occasion,
        quantity: 1,
        unitPriceCents: unit,
        amountCents: unit,
        basis,
        firstDay: day.day,
        lastDay: day.day,
      });
    }
  }

  const sorted = [...lines.values()].sort(
    (a, b) =>
      children.get(a.childId)!.index - children.get(b.childId)!.index ||
      KIND_ORDER[a.activityKind] - KIND_ORDER[b.activityKind] ||
      a.activityName.localeCompare(b.activityName, 'fr') ||
      a.firstDay.localeCompare(b.firstDay) ||
      a.occasion.localeCompare(b.occasion),
  );
  const totalCents = sorted.reduce((sum, line) => sum + line.amountCents, 0);
  if (sorted.length > 0 && family.addressLines.length === 0) note('missing_address', 'adresse du payeur absente');
  if (totalCents < 0)
    note('negative_total', `total négatif (${formatEuros(-totalCents)} à rendre) : aucune facture, un avoir manuel est nécessaire`);
  return { family, lines: sorted, totalCents, anomalies };
}
