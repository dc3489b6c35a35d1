/**
 * Wires prices and online payment (core/pricing, core/payments) to the adapters: the provider chosen by
 * PAYMENT_PROVIDER (adapters/payment/{demo,payfip,stripe}.ts), the repositories bound to one database transaction
 * with a retry on deadlock / busy database, the calendar, the mailer, the clock, and the absolute URLs given to
 * providers and put in e-mails.
 */
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import { auditLog } from '../adapters/db/repositories/audit';
import { basketRepository } from '../adapters/db/repositories/baskets';
import { bookingRepository } from '../adapters/db/repositories/bookings';
import { creditRepository } from '../adapters/db/repositories/credits';
import { invoicingRepository } from '../adapters/db/repositories/invoicing';
import { demoBankStore } from '../adapters/db/repositories/payments-demo-bank';
import { paymentRepository } from '../adapters/db/repositories/payments';
import { planningRepository } from '../adapters/db/repositories/planning';
import { priceGridRepository } from '../adapters/db/repositories/price-grids';
import type { Database } from '../adapters/db/schema';
import type { Store } from '../adapters/db/store';
import { demoProvider, type DemoBank, type Notify } from '../adapters/payment/demo';
import { payfipProvider, type SoapTransport } from '../adapters/payment/payfip';
import { stripeProvider } from '../adapters/payment/stripe';
import type { CalendarService } from '../core/booking/ports';
import type { PaymentProvider, PaymentRepositories, PaymentSettings, PaymentStore, PayableSource } from '../core/payments/ports';
import { invoicePayableSource } from '../core/invoicing/payable';
import { createPaymentService, type PaymentService } from '../core/payments/use-cases/payment-service';
import type { ProviderId } from '../core/payments/model';
import { createGridEditor, type GridEditor } from '../core/pricing/grid-editor';
import type { Clock, Mailer } from '../core/ports';
import { BOOKING_PATHS, retryTransaction } from './booking-service';
import type { PaymentConfig } from './config-payments';

/** Our payment URLs (the Stripe webhook is an Express route: it needs the raw body, see server/app.ts). */
export const PAYMENT_PATHS = {
  result: (transactionId: string) => `/portail/paiement/${transactionId}`,
  return: (transactionId: string) => `/api/paiement/retour/${transactionId}`,
  notify: (provider: ProviderId) => (provider === 'stripe' ? '/api/paiement/stripe/webhook' : `/api/paiement/${provider}/notification`),
  demoBank: (sessionId: string) => `/demo-bank/${sessionId}`,
} as const;

function paymentRepositories(db: Kysely<Database>): PaymentRepositories {
  return {
    planning: planningRepository(db),
    bookings: bookingRepository(db),
    baskets: basketRepository(db),
    audit: auditLog(db),
    payments: paymentRepository(db),
    credits: creditRepository(db),
    invoicing: invoicingRepository(db),
  };
}

/**
 * The payment repositories on the pool, and a transaction that binds them (with the booking ones) to one
 * connection, run again as a whole after a deadlock or a busy database. `hooks.beforeCommit` lets a test make the
 * commit fail (a crash between the provider's answer and ours).
 */
export function paymentStore(store: Pick<Store, 'db'>, hooks: { beforeCommit?: () => void | Promise<void> } = {}): PaymentStore {
  return {
    ...paymentRepositories(store.db),
    transaction: (work) =>
      retryTransaction(() =>
        store.db.transaction().execute(async (trx) => {
          const result = await work(paymentRepositories(trx));
          await hooks.beforeCommit?.();
          return result;
        }),
      ),
  };
}

export interface PaymentWiring {
  config: { payment: PaymentConfig; publicUrl: string };
  store: Store;
  clock: Clock;
  mailer: Mailer;
  calendar: Pick<CalendarService, 'current'>;
  settings?: Partial<PaymentSettings>;
  onError?: (error: unknown, context: string) => void;
  /** Tests: another provider, the demo bank's notifier, the PayFiP transport, the Stripe HTTP client, a store hook. */
  overrides?: {
    provider?: PaymentProvider;
    notify?: Notify;
    soapTransport?: SoapTransport;
    stripeHttpClient?: ReturnType<typeof Stripe.createFetchHttpClient>;
    beforeCommit?: () => void | Promise<void>;
    invoices?: PayableSource;
  };
}

export interface PaymentServices {
  payments: PaymentService;
  /** The built-in fake bank's pages (null unless PAYMENT_PROVIDER=demo). */
  demoBank: DemoBank | null;
  /** Staff price grid editor (/admin/tarifs). */
  prices: GridEditor;
}

export function createPaymentServices(deps: PaymentWiring): PaymentServices {
  const { config, overrides = {} } = deps;
  const publicUrl = config.publicUrl;
  let demoBank: DemoBank | null = null;
  let provider: PaymentProvider;
  if (overrides.provider) {
    provider = overrides.provider;
  } else if (config.payment.provider === 'payfip') {
    provider = payfipProvider(config.payment.payfip, overrides.soapTransport);
  } else if (config.payment.provider === 'stripe') {
    provider = stripeProvider(config.payment.stripe, { httpClient: overrides.stripeHttpClient });
  } else {
    const demo = demoProvider({ store: demoBankStore(deps.store.db), publicUrl, notify: overrides.notify, onError: deps.onError });
    demoBank = demo.bank;
    provider = demo;
  }
  const organisation = deps.store.organisation;
  const payments = createPaymentService({
    store: paymentStore(deps.store, { beforeCommit: overrides.beforeCommit }),
    provider,
    calendar: deps.calendar,
    clock: deps.clock,
    mailer: deps.mailer,
    links: {
      notify: (id) => `${publicUrl}${PAYMENT_PATHS.notify(id)}`,
      return: (id) => `${publicUrl}${PAYMENT_PATHS.return(id)}`,
      result: (id) => `${publicUrl}${PAYMENT_PATHS.result(id)}`,
      recap: `${publicUrl}${BOOKING_PATHS.recap}`,
      planning: `${publicUrl}${BOOKING_PATHS.planning}`,
    },
    communeName: async () => (await organisation.get())?.communeName ?? null,
    payables: { invoice: overrides.invoices ?? invoicePayableSource() },
    settings: { holdMinutes: config.payment.holdMinutes, ...deps.settings },
    onError: deps.onError,
  });
  const prices = createGridEditor({
    clock: deps.clock,
    store: {
      grids: priceGridRepository(deps.store.db),
      transaction: (work) =>
        retryTransaction(() => deps.store.db.transaction().execute((trx) => work({ grids: priceGridRepository(trx), audit: auditLog(trx) }))),
    },
  });
  return { payments, demoBank, prices };
}
