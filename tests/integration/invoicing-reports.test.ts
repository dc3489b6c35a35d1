/**
 * Staff reads over invoices and money received (adapters/db/repositories/invoicing-reports.ts, server/invoicing-
 * report-services.ts) on both databases, over the demo commune invoiced for real: the invoice search and its
 * filters, the invoices and payments exports (audited, bad ranges refused), revenue invoiced vs paid per month after
 * a cheque and a credit note, unpaid invoices past due. Expected figures are summed here from the invoices
 * themselves, read back through the lead's invoicing service.
 */
import { expect, it } from 'vitest';
import { invoicingReportRepository } from '../../adapters/db/repositories/invoicing-reports';
import { createStore } from '../../adapters/db/store';
import { addDays } from '../../core/calendar';
import type { Month } from '../../core/invoicing/month';
import { seedDemo } from '../../server/demo/seed-demo';
import { createInvoicingReportServices } from '../../server/invoicing-report-services';
import { createInvoicingServices } from '../../server/invoicing-services';
import { describeEachDialect } from '../harness/databases';
import { fakeHasher, movableClock, recordingMailer } from './booking-helpers';

const NOW = '2026-11-27T09:00:00Z';
const TODAY = '2026-11-27';
const MONTH = '2026-11' as Month;
const agent = { userId: 'u-agent', label: 'agent', ip: '203.0.113.8' };
const viewer = { userId: 'u-regisseur', label: 'regisseur', role: 'regisseur' as const, ip: '203.0.113.9' };

describeEachDialect('invoicing reports', (getHandle) => {
  async function invoicedCommune() {
    const { db } = getHandle();
    const store = createStore(db);
    await seedDemo(store, fakeHasher, new Date(NOW));
    const clock = movableClock(NOW);
    const invoicing = createInvoicingServices({ store, clock, mailer: recordingMailer(), publicUrl: 'http://localhost' });
    const run = await invoicing.runToEnd({ month: MONTH, actor: agent });
    expect(run.ok).toBe(true);
    const reports = createInvoicingReportServices({ db, clock });
    const repository = invoicingReportRepository(db);
    const all = await repository.invoicesIssued('2000-01-01', '2100-12-31');
    return { db, clock, invoicing, reports, repository, all };
  }

  it('finds invoices by number, family name, file number, month and status; LIKE wildcards are plain text', async () => {
    const { repository, all } = await invoicedCommune();
    const november = all.filter((i) => i.month === MONTH);
    expect(november.length).toBeGreaterThan(5);
    const base = { query: null, month: null, status: null, overdueBefore: null, familyId: null, limit: 200 };

    const martin = await repository.searchInvoices({ ...base, query: 'MARTIN', month: MONTH });
    expect(martin.length).toBeGreaterThan(0);
    expect(martin.every((i) => /martin/i.test(`${i.familyName} ${i.payerName}`))).toBe(true);

    const one = november[3];
    expect((await repository.searchInvoices({ ...base, query: one.reference })).map((i) => i.id)).toEqual([one.id]);
    const byFile = await repository.searchInvoices({ ...base, query: one.fileNumber, month: MONTH });
    expect(byFile.map((i) => i.id)).toContain(one.id);
    expect(byFile.every((i) => i.familyId === one.familyId)).toBe(true);

    expect((await repository.searchInvoices({ ...base, month: MONTH })).map((i) => i.id).sort()).toEqual(november.map((i) => i.id).sort());
    expect(await repository.searchInvoices({ ...base, month: MONTH, status: 'paid' })).toEqual([]);
    expect(await repository.searchInvoices({ ...base, query: '%' })).toEqual([]);
    expect(await repository.searchInvoices({ ...base, query: '_' })).toEqual([]);
    expect(await repository.searchInvoices({ ...base, month: MONTH, limit: 2 })).toHaveLength(2);

    // Overdue: open and due before the day given — none today (due in 30 days), all of them after the due date.
    expect(await repository.searchInvoices({ ...base, month: MONTH, overdueBefore: TODAY })).toEqual([]);
    const late = await repository.searchInvoices({ ...base, month: MONTH, overdueBefore: addDays(one.dueDate, 1) });
    expect(late).toHaveLength(november.length);
  });

  it('reports revenue invoiced (less credit notes) and paid per month, payments received and unpaid invoices', async () => {
    const { invoicing, reports, repository, all } = await invoicedCommune();
    const [first, second] = all.filter((i) => i.month === MONTH && i.totalCents > 1000);
    const paid = await invoicing.recordPayment({
      familyId: first.familyId,
      method: 'cheque',
      amount: '5,00',
      receivedOn: TODAY,
      reference: 'Chèque 1234567',
      payerName: first.payerName,
      invoiceIds: [first.id],
      actor: agent,
    });
    expect(paid.ok).toBe(true);
    const noted = await invoicing.creditNote({ invoiceId: second.id, amount: '3,00', reason: 'Repas non servi', actor: agent });
    expect(noted.ok).toBe(true);

    const now = await repository.invoicesIssued('2000-01-01', '2100-12-31');
    const months = [...new Set(now.map((i) => i.month))].sort();
    const expected = months.map((month) => {
      const of = now.filter((i) => i.month === month);
      return {
        month,
        invoicedCents: of.reduce((sum, i) => sum + i.totalCents - i.creditedCents, 0),
        paidCents: of.reduce((sum, i) => sum + i.paidCents, 0),
      };
    });
    expect(await repository.revenueByMonth(months[0], months[months.length - 1])).toEqual(expected);
    const november = expected.find((m) => m.month === MONTH)!;
    expect(november.paidCents).toBeGreaterThanOrEqual(500);

    const figures = await reports.revenue();
    expect(figures.months[figures.months.length - 1]).toEqual(november);
    expect(figures.unpaidDueBefore).toBe(addDays(TODAY, -30));

    const dueAfter = addDays(first.dueDate, 1);
    const open = now.filter((i) => i.status === 'open' && i.dueDate < dueAfter);
    expect(await repository.unpaidDueBefore(dueAfter)).toEqual({
      invoices: open.length,
      families: new Set(open.map((i) => i.familyId)).size,
      openCents: open.reduce((sum, i) => sum + i.openCents, 0),
    });

    const received = await repository.paymentsReceived({ from: TODAY, to: TODAY }, null, 1000);
    const cheque = received.find((p) => p.source === 'regie' && p.familyId === first.familyId);
    expect(cheque).toMatchObject({ day: TODAY, method: 'cheque', amountCents: 500, status: 'recorded', fileNumber: first.fileNumber });
    expect(await repository.paymentsReceived({ from: addDays(TODAY, 1), to: addDays(TODAY, 5) }, null, 1000)).toEqual([]);
    expect((await reports.familyPayments(first.familyId)).map((p) => p.id)).toContain(cheque!.id);
    expect((await reports.familyPayments(second.familyId)).some((p) => p.id === cheque!.id)).toBe(false);
  });

  it('exports invoices and payments of a date range, audited; a bad range is refused', async () => {
    const { db, reports, all } = await invoicedCommune();
    const result = await reports.buildExport({ dataset: 'factures', from: TODAY, to: TODAY, viewer });
    if (!result.ok) throw new Error('export refused');
    expect(result.table.header[0]).toBe('N° facture');
    expect(result.table.rows).toHaveLength(all.filter((i) => i.issueDate === TODAY).length);
    const first = all.find((i) => i.issueDate === TODAY)!;
    expect(result.table.rows[0]).toEqual(expect.arrayContaining([first.reference, first.fileNumber, first.totalCents / 100, 'à payer']));
    const payments = await reports.buildExport({ dataset: 'paiements', from: TODAY, to: TODAY, viewer });
    expect(payments.ok && payments.table.header).toEqual([
      'Date',
      'Origine',
      'Moyen',
      'Référence',
      'N° dossier',
      'Famille',
      'Montant (€)',
      'État',
    ]);

    for (const [from, to] of [
      ['2026-11-30', '2026-11-01'],
      ['2026-13-01', '2026-11-30'],
      [null, TODAY],
      ['2024-01-01', '2026-11-30'],
    ]) {
      expect(await reports.buildExport({ dataset: 'factures', from, to, viewer })).toEqual({ ok: false, error: 'invalid_range' });
    }
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'target', 'actor_label'])
      .where('action', '=', 'export.downloaded')
      .orderBy('target')
      .execute();
    expect(audit).toEqual([
      { action: 'export.downloaded', target: 'export:factures', actor_label: 'regisseur' },
      { action: 'export.downloaded', target: 'export:paiements', actor_label: 'regisseur' },
    ]);
  });
});
