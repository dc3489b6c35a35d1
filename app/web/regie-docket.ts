/** The docket's rows as the page and its CSV show them (one place for the columns' order). */
import type { Docket } from '../../core/invoicing/regie';
import type { Catalog } from '../i18n';

export function docketCsvRows(docket: Docket, t: Catalog['regie']) {
  return docket.payments.map((p) => [
    p.receiptNumber,
    p.receivedOn,
    p.familyName,
    p.fileNumber,
    t.methods[p.method] ?? p.method,
    p.reference,
    p.payerName,
    p.amountCents / 100,
    p.creditedCents / 100,
    t.docket.csvStatus[p.status] ?? p.status,
    p.cancelReason ?? '',
  ]);
}
