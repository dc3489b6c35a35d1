/**
 * Wires the booking domain (core/booking) to the adapters: the store's repositories with a retrying transaction,
 * the calendar (shipped data or the latest staff import), the mailer, the clock, absolute links for the e-mails.
 */
import { createBasketJobs, type BasketJobs } from '../core/booking/use-cases/basket-jobs';
import { createBookingService } from '../core/booking/use-cases/booking-service';
import { createCalendarService } from '../core/booking/calendar-service';
import type { BookingSettings, BookingStore, CalendarService } from '../core/booking/ports';
import type { BookingService } from '../core/booking/service';
import { shippedSchoolHolidays } from '../core/calendar/shipped-data';
import type { Clock, Mailer } from '../core/ports';
import { isRetryableTransactionError } from '../adapters/db/repositories/bookings';
import type { Store } from '../adapters/db/store';
import { restantDu } from '../core/invoicing/account';
import { creditRepository } from '../adapters/db/repositories/credits';

/** Where the e-mails point (the planning and récapitulatif pages). */
export const BOOKING_PATHS = { planning: '/portail/planning', recap: '/portail/planning/recapitulatif' } as const;

const ATTEMPTS = 5;

/** Runs the transaction again after a deadlock / serialization failure (PostgreSQL) or a busy database (SQLite). */
export async function retryTransaction<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 20)));
    }
  }
}

export function bookingStore(store: Store): BookingStore {
  return {
    planning: store.planning,
    bookings: store.bookings,
    baskets: store.baskets,
    audit: store.audit,
    transaction: (work) => retryTransaction(() => store.transaction(work)),
  };
}

export interface BookingWiring {
  store: Store;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  settings?: Partial<BookingSettings>;
  onError?: (error: unknown, context: string) => void;
}

export function createBookingServices(deps: BookingWiring): { booking: BookingService; calendar: CalendarService; basketJobs: BasketJobs } {
  const calendar = createCalendarService({ store: deps.store, shipped: shippedSchoolHolidays, clock: deps.clock });
  const credits = creditRepository(deps.store.db);
  const common = {
    store: bookingStore(deps.store),
    clock: deps.clock,
    mailer: deps.mailer,
    links: { planning: `${deps.publicUrl}${BOOKING_PATHS.planning}`, recap: `${deps.publicUrl}${BOOKING_PATHS.recap}` },
    settings: deps.settings,
    onError: deps.onError,
    // The planning's Restant dû: the same figure as Facturation (core/invoicing/account.ts), as a balance (credit +).
    balance: async (familyId: string) => -restantDu(await deps.store.invoicing.owedOnInvoices(familyId), await credits.balance(familyId)),
  };
  return { booking: createBookingService({ ...common, calendar }), calendar, basketJobs: createBasketJobs(common) };
}
