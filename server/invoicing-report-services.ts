/**
 * Staff reads over invoices and money received (core/backoffice/invoicing-reports.ts) wired to their repository
 * (adapters/db/repositories/invoicing-reports.ts) and the audit log: the invoice search, a family's last payments,
 * the invoices and payments exports, the dashboard's revenue figures.
 */
import type { Kysely } from 'kysely';
import { auditLog } from '../adapters/db/repositories/audit';
import { invoicingReportRepository } from '../adapters/db/repositories/invoicing-reports';
import type { Database } from '../adapters/db/schema';
import {
  buildInvoicingExport,
  revenueFigures,
  type InvoiceFilter,
  type InvoicingExportDataset,
} from '../core/backoffice/invoicing-reports';
import type { Viewer } from '../core/backoffice/model';
import type { Clock } from '../core/ports';

export const FAMILY_PAYMENTS_SHOWN = 10;

export function createInvoicingReportServices(wiring: { db: Kysely<Database>; clock: Clock }) {
  const reports = invoicingReportRepository(wiring.db);
  const audit = auditLog(wiring.db);
  return {
    searchInvoices: (filter: InvoiceFilter) => reports.searchInvoices(filter),
    familyPayments: (familyId: string) => reports.paymentsReceived(null, familyId, FAMILY_PAYMENTS_SHOWN),
    family: (familyId: string) => reports.family(familyId),
    buildExport: (input: { dataset: InvoicingExportDataset; from: string | null; to: string | null; viewer: Viewer }) =>
      buildInvoicingExport(input, { reports, audit, clock: wiring.clock }),
    revenue: () => revenueFigures({ reports, clock: wiring.clock }),
  };
}

export type InvoicingReportServices = ReturnType<typeof createInvoicingReportServices>;
