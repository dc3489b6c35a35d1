import type { Kysely } from 'kysely';
import { auditLog } from './repositories/audit';
import { backOfficeRepositories } from './repositories/back-office-reports';
import { basketRepository } from './repositories/baskets';
import { bookingRepository } from './repositories/bookings';
import { calendarDataRepository } from './repositories/calendar-data';
import { childSearchRepository } from './repositories/child-search';
import { documentRepository } from './repositories/documents';
import { enrolmentRepository } from './repositories/enrolments';
import { familyDocumentRepository } from './repositories/family-documents';
import { familyFileRepository } from './repositories/family-file';
import { familyRepository } from './repositories/families';
import { invoicingRepository } from './repositories/invoicing';
import { sepaRepository } from './repositories/sepa';
import { importRunRepository } from './repositories/import-runs';
import { newsRepository } from './repositories/news';
import { organisationRepository } from './repositories/organisation';
import { planningRepository } from './repositories/planning';
import { preferencesRepository } from './repositories/preferences';
import { requestRepository } from './repositories/requests';
import { requestInboxRepository } from './repositories/request-inbox';
import { resetTokenRepository } from './repositories/reset-tokens';
import { sessionRepository } from './repositories/sessions';
import { userRepository } from './repositories/users';
import type { Database } from './schema';

function repositories(db: Kysely<Database>) {
  return {
    users: userRepository(db),
    sessions: sessionRepository(db),
    resetTokens: resetTokenRepository(db),
    audit: auditLog(db),
    news: newsRepository(db),
    documents: documentRepository(db),
    organisation: organisationRepository(db),
    families: familyRepository(db),
    planning: planningRepository(db),
    bookings: bookingRepository(db),
    baskets: basketRepository(db),
    calendarData: calendarDataRepository(db),
    childSearch: childSearchRepository(db),
    // Mon dossier and Inscriptions (issue 7)
    familyFile: familyFileRepository(db),
    requests: requestRepository(db),
    familyDocuments: familyDocumentRepository(db),
    enrolments: enrolmentRepository(db),
    preferences: preferencesRepository(db),
    // Back office: families, import, parent accounts, attendance, meals, exports (issue 6)
    backOffice: backOfficeRepositories(db),
    // Monthly invoicing and the family's account (issue 5)
    invoicing: invoicingRepository(db),
    sepa: sepaRepository(db),
    // Progress of the family CSV imports (issue 6, migration 0008)
    importRuns: importRunRepository(db),
    // The single démarches inbox's filters and waiting lists (issue 6)
    requestInbox: requestInboxRepository(db),
  };
}

export type Repositories = ReturnType<typeof repositories>;
export type Store = Repositories & {
  db: Kysely<Database>;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
};

/** Repositories bound to the pool, plus a way to run several of them in one transaction. */
export function createStore(db: Kysely<Database>): Store {
  return {
    ...repositories(db),
    db,
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx))),
  };
}

