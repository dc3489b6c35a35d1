/**
 * The yearly attestation of childcare costs (crédit d'impôt for children under 6, article 200 quater B of the CGI):
 * what the family paid during the year for the child's care — invoices fully paid and prepaid bookings, meals
 * excluded (not eligible).
 */
import { parisToday } from '../calendar';
import { isUnderSixForTaxYear, type ChildcareAttestation } from './documents';
import { issuerBlock, type Issuer } from './invoice-document';
import type { InvoicingRepositories } from './ports';

export type AttestationError = 'not_found' | 'too_old' | 'invalid_year';

export async function childcareAttestation(
  repos: InvoicingRepositories,
  input: { familyId: string; childId: string; year: unknown; issuer: Issuer; now: Date },
): Promise<{ ok: true; value: ChildcareAttestation } | { ok: false; error: AttestationError }> {
  const today = parisToday(input.now);
  const year = Number(input.year);
  if (!Number.isInteger(year) || year < 2000 || year > Number(today.slice(0, 4))) return { ok: false, error: 'invalid_year' };
  const [family] = await repos.invoicing.billingFamilies([input.familyId]);
  const child = family?.children.find((c) => c.id === input.childId);
  if (!family || !child) return { ok: false, error: 'not_found' };
  if (!isUnderSixForTaxYear(child.birthDate, year)) return { ok: false, error: 'too_old' };
  const months = (await repos.invoicing.childcarePaid(child.id, year)).map((m) => ({ month: m.month, amountPaidCents: m.cents }));
  return {
    ok: true,
    value: {
      issuer: issuerBlock(input.issuer),
      year,
      issueDate: today,
      payer: { name: family.payerName, addressLines: family.addressLines },
      child: { name: `${child.firstName} ${child.lastName}`.trim(), birthDate: child.birthDate },
      amountPaidCents: months.reduce((sum, m) => sum + m.amountPaidCents, 0),
      months,
      signatory: `Le régisseur, ${input.issuer.regieName}`,
    },
  };
}
