import { describe, expect, it } from 'vitest';
import type { Month } from '../invoicing/month';
import { invoicesTable, lastMonths, parseInvoiceFilter, revenueFigures, type InvoicingReportRepository } from './invoicing-reports';

describe('invoice search filter', () => {
  it('keeps valid values and ignores the others', () => {
    const filter = parseInvoiceFilter(new URLSearchParams('q=%20Martin%20&mois=2026-11&statut=paid&retard=1'), '2026-11-27');
    expect(filter).toMatchObject({ query: 'Martin', month: '2026-11', status: 'paid', overdueBefore: '2026-11-27', familyId: null });
    expect(parseInvoiceFilter(new URLSearchParams('q=&mois=2026-13&statut=deleted&retard=oui'), '2026-11-27')).toMatchObject({
      query: null,
      month: null,
      status: null,
      overdueBefore: null,
    });
  });
});

describe('revenue per month', () => {
  it('counts months back across a year', () => {
    expect(lastMonths('2026-02' as Month, 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('starts at the first invoiced month and shows a quiet month after it as zero', async () => {
    const reports = {
      revenueByMonth: async () => [
        { month: '2026-08' as Month, invoicedCents: 1000, paidCents: 900 },
        { month: '2026-10' as Month, invoicedCents: 2000, paidCents: 0 },
      ],
      unpaidDueBefore: async (day: string) => ({ invoices: day === '2026-10-28' ? 1 : 0, families: 1, openCents: 100 }),
    } as unknown as InvoicingReportRepository;
    const figures = await revenueFigures({ reports, clock: { now: () => new Date('2026-11-27T10:00:00Z') } });
    expect(figures.months.map((m) => [m.month, m.invoicedCents])).toEqual([
      ['2026-08', 1000],
      ['2026-09', 0],
      ['2026-10', 2000],
      ['2026-11', 0],
    ]);
    expect(figures.unpaid.invoices).toBe(1);
  });
});

describe('invoices export table', () => {
  it('writes euros as numbers and the status in French', () => {
    const table = invoicesTable([
      {
        id: 'i1',
        reference: 'F2026-000001',
        month: '2026-11' as Month,
        issueDate: '2026-11-27',
        dueDate: '2026-12-27',
        familyId: 'f1',
        familyName: 'Martin',
        fileNumber: 'D-0001',
        payerName: '=Martin',
        totalCents: 12345,
        paidCents: 0,
        creditedCents: 345,
        openCents: 12000,
        status: 'open',
      },
    ]);
    expect(table.rows[0]).toEqual([
      'F2026-000001',
      '2026-11',
      '27/11/2026',
      '27/12/2026',
      'D-0001',
      'Martin',
      '=Martin',
      123.45,
      0,
      3.45,
      120,
      'à payer',
    ]);
  });
});
