import type { Clock, LoginThrottle, Mailer, PasswordHasher } from '../core/ports';
import { createDb, type DatabaseHandle } from '../adapters/db/create-db';
import { createStore, type Store } from '../adapters/db/store';
import { fileStore, type FileStore, sniffMediaType } from '../adapters/files/file-store';
import { fileOutboxMailer, smtpMailer } from '../adapters/mail/mailer';
import { renderMarkdown } from '../adapters/markdown/render';
import { argon2Hasher } from '../adapters/security/password-hasher';
import { databaseLoginThrottle, databaseRateLimit, type RateLimit } from '../adapters/security/login-throttle';
import type { BasketJobs } from '../core/booking/use-cases/basket-jobs';
import type { CalendarService } from '../core/booking/ports';
import type { BookingService } from '../core/booking/service';
import { createBackOfficeServices, type BackOfficeServices } from './back-office-services';
import { createBookingServices } from './booking-service';
import { createDossierServices, type DossierServices } from './dossier-services';
import { createInvoicingServices, type InvoicingServices } from './invoicing-services';
import { createInvoicingReportServices, type InvoicingReportServices } from './invoicing-report-services';
import { createPaymentServices, type PaymentServices } from './payments-service';
import { createReferentialServices } from './referential-services';
import { createSepaSettingsServices, type SepaSettingsServices } from './sepa-settings-services';
import type { ReferentialService } from '../core/referential/service';
import type { Config } from './config';
import type { Logger } from './logger';

/** Everything a route may use, built once per process and handed to routes through the load context. */
export interface AppServices {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: Store;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  /** emailChanges: confirmation links a family may have sent per hour (Mon dossier; they go to any address). */
  limits: { resetRequests: RateLimit; uploads: RateLimit; emailChanges: RateLimit };
  mailer: Mailer;
  files: FileStore;
  sniffMediaType: (bytes: Uint8Array) => Promise<string | null>;
  renderMarkdown: (markdown: string) => string;
  /** Planning, basket, Terminer, staff changes, occupancy (core/booking/service.ts). */
  booking: BookingService;
  /** The commune's calendar in force; staff import of the official school-holiday CSV. */
  calendar: CalendarService;
  /** Basket reminders and expiry (run by server/jobs.ts). */
  basketJobs: BasketJobs;
  /** Mon dossier, démarches, family documents, inscriptions (server/dossier-services.ts). */
  dossier: DossierServices;
  /** Online payment (core/payments), the demo bank's pages (PAYMENT_PROVIDER=demo), the price grid editor (server/payments-service.ts). */
  payments: PaymentServices['payments'];
  demoBank: PaymentServices['demoBank'];
  prices: PaymentServices['prices'];
  /** Back office: families, CSV import, parent accounts, attendance, meal counts, exports, dashboard (server/back-office-services.ts). */
  backOffice: BackOfficeServices;
  /** Monthly invoicing, the family's account, the régie, SEPA, receivables (server/invoicing-services.ts). */
  invoicing: InvoicingServices;
  /** The commune's SEPA creditor settings (server/sepa-settings-services.ts). */
  sepaSettings: SepaSettingsServices;
  /** Staff reads over invoices and payments: search, exports, revenue (server/invoicing-report-services.ts). */
  invoicingReports: InvoicingReportServices;
  /** Referential: sites and classes, school years, closure days, activities (server/referential-services.ts). */
  referential: ReferentialService;
}

export const systemClock: Clock = { now: () => new Date() };

export function createServices(
  config: Config,
  logger: Logger,
  handle: DatabaseHandle = createDb(config.database, { onIdleError: (err) => logger.warn({ err }, 'database connection lost') }),
) {
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : fileOutboxMailer(config.outboxDir, config.mailFrom);
  const store = createStore(handle.db);
  const bookingServices = createBookingServices({
    store,
    clock: systemClock,
    mailer,
    publicUrl: config.publicUrl,
    onError: (error, context) => logger.error({ err: error, context }, 'booking mail failed'),
  });
  const hasher = argon2Hasher();
  const throttle = databaseLoginThrottle(handle);
  const files = fileStore(config.uploadsDir);
  const dossier = createDossierServices({
    store,
    files,
    sniffMediaType,
    clock: systemClock,
    mailer,
    hasher,
    throttle,
    settings: { uploadMaxBytes: config.uploadMaxBytes, familyQuotaBytes: config.familyQuotaBytes, publicUrl: config.publicUrl },
    onError: (error, context) => logger.error({ err: error, context }, 'dossier mail failed'),
  });
  const services: AppServices = {
    config,
    logger,
    clock: systemClock,
    store,
    hasher,
    throttle,
    limits: {
      resetRequests: databaseRateLimit(handle, 'reset_ip', 5, 15 * 60),
      uploads: databaseRateLimit(handle, 'upload_user', 30, 60 * 60),
      emailChanges: databaseRateLimit(handle, 'email_change_user', 5, 60 * 60),
    },
    mailer,
    files,
    sniffMediaType,
    renderMarkdown,
    ...bookingServices,
    dossier,
    backOffice: createBackOfficeServices({
      store,
      clock: systemClock,
      mailer,
      calendar: bookingServices.calendar,
      files,
      sniffMediaType,
      hasher,
      throttle,
      settings: { publicUrl: config.publicUrl, uploadMaxBytes: config.uploadMaxBytes },
      activationLimit: databaseRateLimit(handle, 'activation_ip', 20, 15 * 60),
      onError: (error, context) => logger.error({ err: error, context }, 'back office: reported error'),
    }),
    referential: createReferentialServices({
      store,
      clock: systemClock,
      mailer,
      publicUrl: config.publicUrl,
      onError: (error, context) => logger.error({ err: error, context }, 'referential: reported error'),
    }),
    invoicing: createInvoicingServices({
      store,
      clock: systemClock,
      mailer,
      publicUrl: config.publicUrl,
      onError: (error, context) => logger.error({ err: error, context }, 'invoicing: reported error'),
    }),
    sepaSettings: createSepaSettingsServices({ store, clock: systemClock }),
    invoicingReports: createInvoicingReportServices({ db: handle.db, clock: systemClock }),
    ...createPaymentServices({
      config,
      store,
      clock: systemClock,
      mailer,
      calendar: bookingServices.calendar,
      onError: (error, context) => logger.error({ err: error, context }, 'payment: reported error'),
    }),
  };
  return {
    services,
    handle,
    async close() {
      if ('close' in mailer && typeof mailer.close === 'function') mailer.close();
      await handle.destroy();
    },
  };
}
