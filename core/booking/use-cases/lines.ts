/** Basket lines built from the changes a submission or a pattern asks for, priced for the family. */
import { formatEuros, NBSP } from '../../pricing';
import { lineAmount } from '../basket-lines';
import type { LineChange } from '../changes';
import type { BasketLine } from '../model';
import type { BasketLineRecord, FamilyForBooking, NewBasketLine } from '../ports';
import { priceFor, type LoadedRow } from './load-rows';

export function newLine(row: LoadedRow, family: FamilyForBooking, childId: string, change: LineChange): NewBasketLine {
  const { activity } = row;
  let unitPriceCents: number;
  let priceLabel: string;
  if (change.action === 'cancel') {
    unitPriceCents = row.bookings.get(change.day)?.unitPriceCents ?? 0;
    const booked = row.bookings.get(change.day)?.status === 'reserved';
    priceLabel = !booked
      ? 'Sortie de la liste d’attente'
      : activity.billingMode === 'prepaid'
        ? `Annulation avant le délai, jour payé remboursé en avoir${NBSP}: ${formatEuros(-unitPriceCents)}`
        : `Annulation avant le délai${NBSP}: jour non facturé`;
  } else {
    const price = priceFor(row.grids, family, change.day, { siblingRank: row.siblingRank });
    unitPriceCents = price.cents;
    priceLabel = change.action === 'wait' ? `Liste d’attente, facturé seulement si une place se libère (${price.label})` : price.label;
  }
  const booked = row.bookings.get(change.day)?.status === 'reserved';
  return {
    childId,
    activityId: activity.id,
    day: change.day,
    action: change.action,
    billingMode: activity.billingMode,
    unitPriceCents,
    priceLabel,
    // Leaving a waiting list refunds nothing: only a booked (paid) prepaid day gives a credit.
    amountCents: change.action === 'cancel' && !booked ? 0 : lineAmount(change.action, activity.billingMode, unitPriceCents),
  };
}

export function toBasketLine(record: BasketLineRecord): BasketLine {
  return {
    id: record.id,
    childId: record.childId,
    childFirstName: record.childFirstName,
    activityId: record.activityId,
    activityName: record.activityName,
    activityKind: record.activityKind,
    day: record.day,
    action: record.action,
    billingMode: record.billingMode,
    unitPriceCents: record.unitPriceCents,
    priceLabel: record.priceLabel,
    amountCents: record.amountCents,
  };
}
