/**
 * What a basket line costs. Additions cost their unit price. A waiting-list line costs nothing now: the day is billed
 * only if a place frees and the booking is made. A cancellation before the deadline is:
 *  - for a prepaid day (Paiement immédiat, paid when booked): a credit of the price paid, a negative line;
 *  - for an invoiced day (Sur facture): 0 — the day is simply not on the month's invoice, which is issued after the
 *    month; there is nothing to refund and showing a credit would promise money that was never taken.
 */
import type { BasketAction, BasketLine, BillingMode } from './model';

export function lineAmount(action: BasketAction, billingMode: BillingMode, unitPriceCents: number): number {
  if (action === 'add') return unitPriceCents;
  if (action === 'cancel' && billingMode === 'prepaid') return -unitPriceCents;
  return 0;
}

/** Sums per billing mode, from each line's signed amount. */
export function basketTotals(lines: readonly Pick<BasketLine, 'action' | 'billingMode' | 'unitPriceCents' | 'amountCents'>[]): {
  prepaidCents: number;
  invoiceCents: number;
} {
  let prepaidCents = 0;
  let invoiceCents = 0;
  for (const line of lines) {
    const amount = line.amountCents ?? lineAmount(line.action, line.billingMode, line.unitPriceCents);
    if (line.billingMode === 'prepaid') prepaidCents += amount;
    else invoiceCents += amount;
  }
  return { prepaidCents, invoiceCents };
}

const ORDER: Record<BillingMode, number> = { prepaid: 0, invoice: 1 };

/** Paiement immédiat first (as the tutorial's recap), then by date, child and activity. */
export function sortBasketLines<L extends Pick<BasketLine, 'billingMode' | 'day' | 'childFirstName' | 'activityName'>>(lines: readonly L[]): L[] {
  return [...lines].sort(
    (a, b) =>
      ORDER[a.billingMode] - ORDER[b.billingMode] ||
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      a.childFirstName.localeCompare(b.childFirstName, 'fr') ||
      a.activityName.localeCompare(b.activityName, 'fr'),
  );
}
