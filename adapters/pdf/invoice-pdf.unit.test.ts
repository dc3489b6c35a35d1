/** Invoices and credit notes rendered by pdfkit, read back as text: what the family and the treasury see on paper. */
import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../../core/invoicing/documents';
import { formatEuros } from '../../core/pricing/format';
import { readPdfText, type PdfText } from '../../tests/harness/pdf-text';
import { renderInvoicePdf } from './invoice-pdf';
import { sampleInvoice } from './sample-documents';

const text = (pdf: PdfText) => pdf.pages.flat().join('\n');
const MONEY = '-?\\d{1,3}(?:\u00a0\\d{3})*,\\d{2}\u00a0€';
/** « … 16 2,35 € 37,60 € » at the end of a printed table row: quantity, unit price, amount. */
const ROW = new RegExp(`\\s(\\d+) (${MONEY}) (${MONEY})$`);
const cents = (money: string) => Number(money.replace(/[^\d-]/g, ''));

function printedRows(pdf: PdfText) {
  return pdf.pages.flat().flatMap((line) => {
    const match = ROW.exec(line);
    return match ? [{ quantity: Number(match[1]), unit: cents(match[2]), amount: cents(match[3]) }] : [];
  });
}

describe('renderInvoicePdf: an invoice', () => {
  it('prints the number, dates, payer, children, every line and the totals', async () => {
    const doc = sampleInvoice();
    const pdf = readPdfText(await renderInvoicePdf(doc));
    const all = text(pdf);
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0][pdf.pages[0].length - 1]).toMatch(/Page 1\/1$/);
    for (const expected of [
      'Facture n° F-2026-000123',
      'Ville de Saint-Exemple',
      'Régie périscolaire',
      'M. et Mme Martin',
      '12 rue des Écoles',
      "Date d'émission : 1er décembre 2026",
      'Période : novembre 2026 (du 1er novembre 2026 au 30 novembre 2026)',
      'Dossier famille n° D-00042',
      "Date d'échéance : 15 décembre 2026",
      'Enfants : Léa Martin (CE1, École Jules-Ferry) ; Tom Martin (CP, École Jules-Ferry)',
      'Léa Martin Restauration scolaire Tarif QF 3 (640–859 €) : 2,35 € 16 2,35\u00a0€ 37,60\u00a0€',
      'Restauration scolaire Repas non réservé : 2,35 € + 2,00 € 1 4,35\u00a0€ 4,35\u00a0€',
      '(majoration)',
      `Total des prestations ${formatEuros(doc.totalCents)}`,
      'Avoir n° A-2026-000004 -5,00\u00a0€',
      `Reste à payer ${formatEuros(doc.amountDueCents)}`,
      `Merci de régler ${formatEuros(doc.amountDueCents)} avant le 15 décembre 2026 :`,
      '• En ligne sur le portail famille, rubrique Facturation',
    ]) {
      expect(all).toContain(expected);
    }
    expect(all).not.toContain('prélevé');
  });

  it('prints quantity × unit price = amount for each line, as the document says', async () => {
    const doc = sampleInvoice();
    const rows = printedRows(readPdfText(await renderInvoicePdf(doc)));
    expect(rows).toEqual(doc.lines.map((l) => ({ quantity: l.quantity, unit: l.unitPriceCents, amount: l.amountCents })));
    for (const row of rows) expect(row.quantity * row.unit).toBe(row.amount);
  });

  it('formats thousands with a no-break space, as everywhere in Tartine', async () => {
    const doc = sampleInvoice(120);
    expect(doc.totalCents).toBeGreaterThan(100_000);
    expect(text(readPdfText(await renderInvoicePdf(doc)))).toContain(`Reste à payer ${formatEuros(doc.amountDueCents)}`);
    expect(formatEuros(doc.amountDueCents)).toMatch(/^\d\u00a0\d{3},\d{2}\u00a0€$/);
  });

  it('is titled, authored by the commune, in French and tagged', async () => {
    const pdf = await renderInvoicePdf(sampleInvoice());
    const read = readPdfText(pdf);
    expect(read.info).toMatchObject({
      Title: 'Facture n° F-2026-000123',
      Author: 'Ville de Saint-Exemple',
      Subject: 'Facture des prestations de novembre 2026',
    });
    expect(read.lang).toBe('fr-FR');
    expect(read.tagged).toBe(true);
    const raw = pdf.toString('latin1');
    for (const tag of ['/S /H1', '/S /Table', '/S /TR', '/S /TH', '/S /TD', '/S /P']) expect(raw).toContain(tag);
    expect(raw).toContain('/DisplayDocTitle true');
  });

  it('gives the same bytes for the same document (no clock inside)', async () => {
    const [a, b] = await Promise.all([renderInvoicePdf(sampleInvoice()), renderInvoicePdf(sampleInvoice())]);
    expect(a.equals(b)).toBe(true);
  });

  it('announces the direct debit (SEPA pre-notification) instead of the ways to pay', async () => {
    const doc: InvoiceDocument = {
      ...sampleInvoice(),
      payment: {
        methods: ['En ligne'],
        directDebit: {
          debitDate: '2027-01-05',
          mandateRum: 'TRT-D00042-01',
          ibanMasked: 'FR76 •••• •••• •••• •••• •••0 189',
          creditorId: 'FR12ZZZ123456',
        },
      },
    };
    const all = text(readPdfText(await renderInvoicePdf(doc)));
    expect(all).toContain(
      `Le montant de ${formatEuros(doc.amountDueCents)} sera prélevé le 5 janvier 2027 sur le compte FR76 •••• •••• •••• •••• •••0 189.`,
    );
    expect(all).toContain('Mandat de prélèvement SEPA (RUM) : TRT-D00042-01 · Identifiant créancier SEPA : FR12ZZZ123456');
    expect(all).not.toContain('Merci de régler');
  });

  it('says there is nothing to pay once the invoice is settled', async () => {
    const doc = sampleInvoice();
    const settled: InvoiceDocument = { ...doc, paidCents: doc.amountDueCents, amountDueCents: 0 };
    const all = text(readPdfText(await renderInvoicePdf(settled)));
    expect(all).toContain(`Déjà réglé ${formatEuros(-doc.amountDueCents)}`);
    expect(all).toContain('Reste à payer 0,00\u00a0€');
    expect(all).toContain('Rien à payer : cette facture est soldée.');
  });

  it('spreads 120 lines over numbered pages, repeating the header row, every line printed once', async () => {
    const doc = sampleInvoice(120);
    const pdf = readPdfText(await renderInvoicePdf(doc));
    const pages = pdf.pages.length;
    expect(pages).toBeGreaterThanOrEqual(3);
    pdf.pages.forEach((lines, i) => {
      expect(lines[0]).toBe('Ville de Saint-Exemple – Régie périscolaire Facture n° F-2026-000123');
      expect(lines[lines.length - 1]).toBe(`Facture n° F-2026-000123 – M. et Mme Martin Page ${i + 1}/${pages}`);
    });
    const withRows = pdf.pages.filter((lines) => lines.some((line) => ROW.test(line)));
    for (const lines of withRows) expect(lines).toContain('Enfant Prestation Base tarifaire Qté Prix unitaire Montant');
    expect(printedRows(pdf)).toEqual(doc.lines.map((l) => ({ quantity: l.quantity, unit: l.unitPriceCents, amount: l.amountCents })));
    expect(pdf.pages[pages - 1].join('\n')).toContain('Référence à rappeler lors de tout règlement : F-2026-000123');
  });

  it('refuses a document whose amounts do not add up, rather than print it', async () => {
    const doc = sampleInvoice();
    const wrongLine = { ...doc, lines: [{ ...doc.lines[0], amountCents: doc.lines[0].amountCents + 1 }, ...doc.lines.slice(1)] };
    await expect(renderInvoicePdf(wrongLine)).rejects.toThrow(/line 1: 16 × 235 ≠ 3761/);
    await expect(renderInvoicePdf({ ...doc, amountDueCents: doc.amountDueCents - 1 })).rejects.toThrow(/amount due/);
  });
});

describe('renderInvoicePdf: a credit note', () => {
  const invoice = sampleInvoice();
  const lines = invoice.lines.slice(0, 2);
  const totalCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const creditNote: InvoiceDocument = {
    ...invoice,
    kind: 'credit_note',
    number: 'A-2026-000007',
    issueDate: '2026-12-10',
    lines,
    totalCents,
    creditsApplied: [],
    paidCents: 0,
    amountDueCents: 0,
    dueDate: undefined,
    payment: undefined,
    relatedInvoiceNumber: 'F-2026-000123',
    reason: 'Classe fermée (grève du 12 novembre)',
  };

  it('names the invoice it cancels, the reason and the amount credited', async () => {
    const pdf = readPdfText(await renderInvoicePdf(creditNote));
    const all = text(pdf);
    expect(pdf.info.Title).toBe('Avoir n° A-2026-000007');
    expect(all).toContain(`Avoir n° A-2026-000007 annule la facture n° F-2026-000123 à hauteur de ${formatEuros(totalCents)}.`);
    expect(all).toContain('Motif : Classe fermée (grève du 12 novembre)');
    expect(all).toContain('Prestations annulées');
    expect(all).toContain(`Montant de l'avoir ${formatEuros(totalCents)}`);
    expect(all).toContain('porté au crédit de votre compte famille');
    expect(printedRows(pdf)).toHaveLength(2);
    for (const absent of ['Reste à payer', "Date d'échéance", 'Règlement']) expect(all).not.toContain(absent);
  });

  it('refuses a credit note that does not say which invoice it cancels', async () => {
    await expect(renderInvoicePdf({ ...creditNote, relatedInvoiceNumber: undefined })).rejects.toThrow(/without the invoice it cancels/);
  });
});
