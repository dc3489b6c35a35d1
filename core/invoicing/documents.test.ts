import { describe, expect, it } from 'vitest';
import { attestationProblems, invoiceDocumentProblems, isUnderSixForTaxYear, type InvoiceDocument } from './documents';

const invoice: InvoiceDocument = {
  issuer: { name: 'Ville de Saint-Exemple', addressLines: [], regieName: 'Régie' },
  kind: 'invoice',
  number: 'F-2026-000001',
  issueDate: '2026-12-01',
  month: '2026-11',
  period: { from: '2026-11-01', to: '2026-11-30' },
  payer: { name: 'Mme Martin', addressLines: [] },
  familyFileNumber: '42',
  children: [{ name: 'Léa' }],
  lines: [
    { childName: 'Léa', activityName: 'Cantine', quantity: 3, unitPriceCents: 235, amountCents: 705, basis: 'QF 3' },
    {
      childName: 'Léa',
      activityName: 'Cantine',
      quantity: 1,
      unitPriceCents: -100,
      amountCents: -100,
      basis: 'Réduction',
      kind: 'reduction',
    },
  ],
  totalCents: 605,
  creditsApplied: [{ label: 'Avoir', amountCents: 100 }],
  paidCents: 5,
  amountDueCents: 500,
  dueDate: '2026-12-15',
  payment: { methods: ['En ligne'] },
};

describe('invoiceDocumentProblems', () => {
  it('accepts amounts that add up (reductions included)', () => {
    expect(invoiceDocumentProblems(invoice)).toEqual([]);
  });

  it('names each inconsistency', () => {
    const wrong = { ...invoice, lines: [{ ...invoice.lines[0], quantity: 2.5 }, invoice.lines[1]], totalCents: 606, dueDate: undefined };
    expect(invoiceDocumentProblems(wrong)).toEqual([
      'line 1: quantity 2.5',
      'line 1: 2.5 × 235 ≠ 705',
      'total 606 ≠ sum of lines 605',
      'amount due 500 ≠ total − credits − paid',
      'invoice without a due date',
    ]);
  });

  it('wants a credit note to name its invoice and carry no amount due', () => {
    const credit: InvoiceDocument = { ...invoice, kind: 'credit_note', creditsApplied: [], paidCents: 0, amountDueCents: 0 };
    expect(invoiceDocumentProblems(credit)).toEqual(['credit note without the invoice it cancels']);
    expect(invoiceDocumentProblems({ ...credit, relatedInvoiceNumber: 'F-1', amountDueCents: 605 })).toEqual([
      'credit note with credits, payments or an amount due',
    ]);
  });
});

describe('childcare attestation checks', () => {
  it('counts children born from 1 January of year − 6 as under 6', () => {
    expect(isUnderSixForTaxYear('2020-01-01', 2026)).toBe(true);
    expect(isUnderSixForTaxYear('2019-12-31', 2026)).toBe(false);
  });

  it('wants the months inside the year and adding up to the amount', () => {
    const base = {
      issuer: invoice.issuer,
      year: 2026,
      issueDate: '2027-01-10',
      payer: invoice.payer,
      child: { name: 'Jules', birthDate: '2022-03-01' },
    };
    expect(attestationProblems({ ...base, amountPaidCents: 300, months: [{ month: '2026-01', amountPaidCents: 300 }] })).toEqual([]);
    expect(attestationProblems({ ...base, amountPaidCents: 300, months: [{ month: '2025-12', amountPaidCents: 200 }] })).toEqual([
      'months add up to 200, not 300',
      'a month outside 2026',
    ]);
  });
});
