/**
 * Wires the back office (core/backoffice: families, CSV import, parent accounts and their activation, attendance,
 * meal counts, exports, dashboard, staff ↔ sites) to the adapters: the store's repositories with a retrying
 * transaction, the calendar in force, the file store, the mailer, the clock, the password hasher.
 */
import type { Store, Repositories } from '../adapters/db/store';
import type { RateLimit } from '../adapters/security/login-throttle';
import { activateAccount, isActivationLinkUsable, type ActivationDeps, type ActivationSecret } from '../core/accounts/activation';
import {
  activitiesOn, applyMarks, attendanceCertificate, attendanceSheet, justifyAbsence, type IncomingMark,
} from '../core/backoffice/attendance';
import { dashboardFigures } from '../core/backoffice/dashboard';
import { buildExport, type ExportDataset, type ExportTable } from '../core/backoffice/exports';
import { familyFile, searchFamilies } from '../core/backoffice/families';
import type { ColumnMapping } from '../core/backoffice/family-import/fields';
import { analyseUpload, previewImport, runImport } from '../core/backoffice/family-import/service';
import { startImportRun, type StartImportInput } from '../core/backoffice/family-import/runs';
import { freezeDueMealCounts, mealCounts } from '../core/backoffice/meals';
import type { Viewer } from '../core/backoffice/model';
import { createParentAccounts, printActivationLetters, resendActivation, setParentAccountActive } from '../core/backoffice/parent-accounts';
import type { BackOfficeDeps, BackOfficeRepositories, BackOfficeStore } from '../core/backoffice/ports';
import { assignSites, siteScope } from '../core/backoffice/staff-sites';
import type { UploadedFile } from '../core/content/documents';
import type { PlainDate } from '../core/calendar';
import type { Clock, LoginThrottle, Mailer, PasswordHasher } from '../core/ports';
import { writeXlsx } from '../adapters/exports/xlsx';
import { retryTransaction } from './booking-service';

function bundle(repos: Repositories): BackOfficeRepositories {
  return { ...repos.backOffice, planning: repos.planning, users: repos.users, sessions: repos.sessions, audit: repos.audit };
}

export function backOfficeStore(store: Store): BackOfficeStore {
  return { ...bundle(store), transaction: (work) => retryTransaction(() => store.transaction((repos) => work(bundle(repos)))) };
}

function activationStore(store: Store): ActivationDeps['store'] {
  const pick = (repos: Repositories) => ({
    users: repos.users,
    sessions: repos.sessions,
    resetTokens: repos.resetTokens,
    audit: repos.audit,
    activation: repos.backOffice.activation,
  });
  return { ...pick(store), transaction: (work) => retryTransaction(() => store.transaction((repos) => work(pick(repos)))) };
}

export interface BackOfficeWiring {
  store: Store;
  clock: Clock;
  mailer: Mailer;
  calendar: BackOfficeDeps['calendar'];
  files: BackOfficeDeps['files'];
  sniffMediaType: BackOfficeDeps['sniffMediaType'];
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  settings: BackOfficeDeps['settings'];
  /** Activation attempts per IP (letter codes are typed by hand). */
  activationLimit: RateLimit;
  onError?: (error: unknown, context: string) => void;
}

export function createBackOfficeServices(wiring: BackOfficeWiring) {
  const deps: BackOfficeDeps = {
    store: backOfficeStore(wiring.store),
    clock: wiring.clock,
    mailer: wiring.mailer,
    calendar: wiring.calendar,
    files: wiring.files,
    sniffMediaType: wiring.sniffMediaType,
    settings: wiring.settings,
    onError: wiring.onError,
  };
  const activation = { store: activationStore(wiring.store), clock: wiring.clock, hasher: wiring.hasher, throttle: wiring.throttle };
  return {
    deps,
    scope: (viewer: Viewer) => siteScope(viewer, deps),
    sites: () => deps.store.families.sites(),

    searchFamilies: (input: { query: string; siteId: string | null; withoutAccount?: boolean; page: number }) => searchFamilies(input, deps),
    familyFile: (input: { familyId: string; viewer: Viewer }) => familyFile(input, deps),

    analyseImport: (bytes: Uint8Array) => analyseUpload(bytes),
    previewImport: (input: { text: string; mapping: ColumnMapping }) => previewImport(input, deps),
    runImport: (input: { text: string; mapping: ColumnMapping; fileName: string; encoding: string; viewer: Viewer }) => runImport(input, deps),
    /** The import in the background, its progress in a row (the import page shows it). */
    startImport: (input: StartImportInput) => startImportRun(input, { ...deps, runs: wiring.store.importRuns }),
    importRun: (id: string) => wiring.store.importRuns.find(id),

    createAccounts: (input: { familyIds: readonly string[]; viewer: Viewer }) => createParentAccounts(input, deps),
    resendActivation: (input: { familyId: string; userId: string; viewer: Viewer }) => resendActivation(input, deps),
    setAccountActive: (input: { familyId: string; userId: string; active: boolean; viewer: Viewer }) => setParentAccountActive(input, deps),
    printLetters: (input: { familyIds: readonly string[]; viewer: Viewer }) => printActivationLetters(input, deps),
    awaitingLetters: (limit: number) => deps.store.accounts.familiesAwaitingLetter(limit),
    activation: {
      limit: wiring.activationLimit,
      linkUser: (token: string) => isActivationLinkUsable(token, activation),
      activate: (input: { secret: ActivationSecret; password: string; ip: string }) => activateAccount(input, activation),
    },

    activitiesOn: async (day: PlainDate, viewer: Viewer) => activitiesOn(day, await siteScope(viewer, deps), deps),
    attendanceSheet: (input: { day: PlainDate; activityId: string; viewer: Viewer }) => attendanceSheet(input, deps),
    applyMarks: (input: { marks: readonly IncomingMark[]; viewer: Viewer }) => applyMarks(input, deps),
    justifyAbsence: (input: { attendanceId: string; file: UploadedFile | null; viewer: Viewer }) => justifyAbsence(input, deps),
    certificate: (input: { attendanceId: string; viewer: Viewer }) => attendanceCertificate(input, deps),

    mealCounts: (input: { from: PlainDate; to: PlainDate; siteId: string | null; viewer: Viewer }) => mealCounts(input, deps),
    /** Run by server/jobs.ts: freezes the meal counts whose booking deadline passed. */
    freezeDueMealCounts: () => freezeDueMealCounts(deps),

    buildExport: (input: { dataset: ExportDataset; from: string | null; to: string | null; siteId: string | null; viewer: Viewer }) => buildExport(input, deps),
    dashboard: (input: { viewer: Viewer }) => dashboardFigures(input, deps),
    /** An export table as an XLSX workbook (exceljs). */
    xlsx: (table: ExportTable) => writeXlsx(table),

    staffSites: {
      all: () => deps.store.staffSites.all(),
      assign: (input: { userId: string; siteIds: readonly string[]; viewer: Viewer }) => assignSites(input, deps),
    },
  };
}

export type BackOfficeServices = ReturnType<typeof createBackOfficeServices>;
