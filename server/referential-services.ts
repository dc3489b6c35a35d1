/**
 * Wires the referential (core/referential: sites, classes, school years, closure days, activities) to the adapters:
 * its repository with the booking, credit and planning ones bound to one retrying transaction, the mailer, the clock.
 */
import type { Kysely } from 'kysely';
import { auditLog } from '../adapters/db/repositories/audit';
import { bookingRepository } from '../adapters/db/repositories/bookings';
import { creditRepository } from '../adapters/db/repositories/credits';
import { planningRepository } from '../adapters/db/repositories/planning';
import { referentialRepository } from '../adapters/db/repositories/referential';
import type { Database } from '../adapters/db/schema';
import type { Store } from '../adapters/db/store';
import type { ReferentialRepositories, ReferentialStore } from '../core/referential/ports';
import { createReferentialService, type ReferentialService } from '../core/referential/service';
import type { Clock, Mailer } from '../core/ports';
import { BOOKING_PATHS, retryTransaction } from './booking-service';

function repositories(db: Kysely<Database>): ReferentialRepositories {
  return {
    referential: referentialRepository(db),
    bookings: bookingRepository(db),
    credits: creditRepository(db),
    planning: planningRepository(db),
    audit: auditLog(db),
  };
}

export function referentialStore(store: Pick<Store, 'db'>): ReferentialStore {
  return {
    ...repositories(store.db),
    transaction: (work) => retryTransaction(() => store.db.transaction().execute((trx) => work(repositories(trx)))),
  };
}

export function createReferentialServices(wiring: {
  store: Pick<Store, 'db'>;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  onError?: (error: unknown, context: string) => void;
}): ReferentialService {
  return createReferentialService({
    store: referentialStore(wiring.store),
    clock: wiring.clock,
    mailer: wiring.mailer,
    planningUrl: `${wiring.publicUrl}${BOOKING_PATHS.planning}`,
    onError: wiring.onError,
  });
}
