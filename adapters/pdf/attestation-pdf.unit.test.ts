/** The yearly childcare attestation (tax credit for children under 6), read back as text. */
import { describe, expect, it } from 'vitest';
import type { ChildcareAttestation } from '../../core/invoicing/documents';
import { readPdfText } from '../../tests/harness/pdf-text';
import { renderChildcareAttestationPdf } from './attestation-pdf';
import { sampleAttestation } from './sample-documents';

describe('renderChildcareAttestationPdf', () => {
  it('states the year, the payer, the child and the amount paid, month by month', async () => {
    const pdf = readPdfText(await renderChildcareAttestationPdf(sampleAttestation));
    const all = pdf.pages.flat().join('\n');
    expect(pdf.pages).toHaveLength(1);
    for (const expected of [
      'Attestation de frais de garde 2026',
      'Attestation n° AT-2026-000045',
      'Ville de Saint-Exemple atteste que M. et Mme Martin a payé en 2026',
      'Enfant : Jules Martin, né(e) le 14 mai 2021',
      'septembre 2026 204,00\u00a0€',
      'octobre 2026 196,50\u00a0€',
      'novembre 2026 212,00\u00a0€',
      'Total payé en 2026 612,50\u00a0€',
      'SIRET : 212 345 678 00019',
      'Fait le 15 janvier 2027',
      'Le régisseur, Jean Dupont',
      'Page 1/1',
    ]) {
      expect(all).toContain(expected);
    }
    const legal = pdf.pages[0].join(' ');
    expect(legal).toContain("crédit d'impôt prévu à l'article 200 quater B du code général des impôts");
    expect(legal).toContain('frais de repas exclus');
    expect(pdf.info).toMatchObject({ Title: 'Attestation de frais de garde 2026', Author: 'Ville de Saint-Exemple' });
    expect(pdf.lang).toBe('fr-FR');
    expect(pdf.tagged).toBe(true);
  });

  it('prints the total alone when no monthly detail is given', async () => {
    const { months: _months, ...withoutMonths } = sampleAttestation;
    const all = readPdfText(await renderChildcareAttestationPdf(withoutMonths))
      .pages.flat()
      .join('\n');
    expect(all).toContain('Total payé en 2026 612,50\u00a0€');
    expect(all).not.toContain('Montant payé');
  });

  it('refuses a child too old for the tax credit and months that do not add up', async () => {
    const tooOld: ChildcareAttestation = { ...sampleAttestation, child: { name: 'Jules Martin', birthDate: '2019-12-31' } };
    await expect(renderChildcareAttestationPdf(tooOld)).rejects.toThrow(/too old for the 2026 tax credit/);
    await expect(renderChildcareAttestationPdf({ ...sampleAttestation, amountPaidCents: 61_251 })).rejects.toThrow(
      /months add up to 61250/,
    );
  });
});
