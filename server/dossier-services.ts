/**
 * Wires Mon dossier, the démarches, the family documents and the inscriptions (core/families, core/requests,
 * core/documents, core/enrolments) to the adapters: the store with a retrying transaction, the file store, the
 * mailer, the hasher and the sign-in throttle (wrong current passwords count), the configured limits.
 */
import type { Store } from '../adapters/db/store';
import { deleteFamilyDocument, uploadFamilyDocument } from '../core/documents/service';
import { createEnrolmentReader, enrolChildren } from '../core/enrolments/service';
import { changePassword, endOtherSessions, savePreferences } from '../core/families/account';
import { confirmEmailChange, peekEmailChange, requestEmailChange, updatePhones } from '../core/families/contact';
import { exportFamilyData } from '../core/families/data';
import type { DossierDeps, DossierFiles, DossierStore } from '../core/families/ports';
import type { Clock, LoginThrottle, Mailer, PasswordHasher } from '../core/ports';
import { decideRequest } from '../core/requests/decide';
import { acceptFromWaitingList } from '../core/requests/inbox';
import { submitChangeRequest, withdrawRequest } from '../core/requests/submit';
import { retryTransaction } from './booking-service';

type Input<F extends (input: never, deps: DossierDeps) => unknown> = Parameters<F>[0];

export interface DossierWiring {
  store: Store;
  files: DossierFiles;
  sniffMediaType: (bytes: Uint8Array) => Promise<string | null>;
  clock: Clock;
  mailer: Mailer;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  settings: DossierDeps['settings'];
  onError?: (error: unknown, context: string) => void;
}

export function dossierStore(store: Store): DossierStore {
  return {
    familyFile: store.familyFile,
    requests: store.requests,
    familyDocuments: store.familyDocuments,
    enrolments: store.enrolments,
    preferences: store.preferences,
    planning: store.planning,
    users: store.users,
    sessions: store.sessions,
    audit: store.audit,
    transaction: (work) => retryTransaction(() => store.transaction(work)),
  };
}

export function createDossierServices(wiring: DossierWiring) {
  const deps: DossierDeps = {
    store: dossierStore(wiring.store),
    files: wiring.files,
    sniffMediaType: wiring.sniffMediaType,
    clock: wiring.clock,
    mailer: wiring.mailer,
    hasher: wiring.hasher,
    throttle: wiring.throttle,
    settings: wiring.settings,
    onError: wiring.onError,
  };
  return {
    deps,
    enrolments: createEnrolmentReader(deps),
    enrol: (input: Input<typeof enrolChildren>) => enrolChildren(input, deps),
    uploadDocument: (input: Input<typeof uploadFamilyDocument>) => uploadFamilyDocument(input, deps),
    deleteDocument: (input: Input<typeof deleteFamilyDocument>) => deleteFamilyDocument(input, deps),
    submitChange: (input: Input<typeof submitChangeRequest>) => submitChangeRequest(input, deps),
    withdraw: (input: Input<typeof withdrawRequest>) => withdrawRequest(input, deps),
    decide: (input: Input<typeof decideRequest>) => decideRequest(input, deps),
    acceptFromWaitingList: (input: Input<typeof acceptFromWaitingList>) => acceptFromWaitingList(input, deps),
    updatePhones: (input: Input<typeof updatePhones>) => updatePhones(input, deps),
    requestEmailChange: (input: Input<typeof requestEmailChange>) => requestEmailChange(input, deps),
    peekEmailChange: (input: Input<typeof peekEmailChange>) => peekEmailChange(input, deps),
    confirmEmailChange: (input: Input<typeof confirmEmailChange>) => confirmEmailChange(input, deps),
    changePassword: (input: Input<typeof changePassword>) => changePassword(input, deps),
    endOtherSessions: (input: Input<typeof endOtherSessions>) => endOtherSessions(input, deps),
    savePreferences: (input: Input<typeof savePreferences>) => savePreferences(input, deps),
    exportData: (input: Input<typeof exportFamilyData>) => exportFamilyData(input, deps),
  };
}

export type DossierServices = ReturnType<typeof createDossierServices>;
