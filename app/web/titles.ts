/** The « titres à émettre » as files for the public accountant: CSV (spreadsheets) and JSON (software), same fields. */
import { writeCsv } from '../../core/backoffice/csv';
import type { TitleRow } from '../../core/invoicing/receivables';

export function titlesCsv(titles: readonly TitleRow[], header: readonly string[]): string {
  return writeCsv(
    header,
    titles.map((t) => [
      t.reference,
      t.debtorName,
      t.debtorAddress.join(', '),
      t.fileNumber,
      t.amountCents / 100,
      t.object,
      t.periodFrom,
      t.periodTo,
      t.issueDate,
      t.dueDate,
      t.mandate?.rum ?? '',
      t.mandate?.ibanMasked ?? '',
      t.mandate?.signedOn ?? '',
    ]),
  );
}

export function titlesJson(titles: readonly TitleRow[], generatedAt: Date): string {
  return `${JSON.stringify(
    {
      generatedAt: generatedAt.toISOString(),
      currency: 'EUR',
      titles: titles.map((t) => ({
        reference: t.reference,
        debtor: { name: t.debtorName, address: t.debtorAddress, fileNumber: t.fileNumber },
        amountCents: t.amountCents,
        amount: (t.amountCents / 100).toFixed(2),
        object: t.object,
        period: { from: t.periodFrom, to: t.periodTo },
        issueDate: t.issueDate,
        dueDate: t.dueDate,
        mandate: t.mandate,
      })),
    },
    null,
    2,
  )}\n`;
}
