/**
 * Pieces shared by the Facturation pages: the section's sub-menu (the tutorial's three entries), the Restant dû line,
 * month and day wording, and the family's own PDF links.
 */
import { useT, type Catalog } from '../../i18n';
import { PortalSectionNav } from '../portal-nav';

export const BILLING_PATH = '/portail/facturation';
export const invoicePdfPath = (invoiceId: string) => `${BILLING_PATH}/factures/${invoiceId}/pdf`;
export const creditNotePdfPath = (creditNoteId: string) => `${BILLING_PATH}/avoirs/${creditNoteId}/pdf`;
export const attestationPdfPath = (childId: string, year: number) => `${BILLING_PATH}/attestations/${childId}/${year}`;

/** The Facturation menu of the tutorial, as the section's sub-navigation (named like the section). */
export function BillingNav() {
  const t = useT();
  return <PortalSectionNav section="facturation" label={t.portal.sections.facturation} />;
}

/** The same figure as the planning's « Restant dû » (core/invoicing/account.ts), and the credit when there is one. */
export function RestantDu({ restantDuCents, creditCents }: { restantDuCents: number; creditCents: number }) {
  const t = useT();
  return (
    <div className="billing-balance">
      <p className="billing-balance__due">
        <strong>{t.billing.restantDu(t.planning.money(restantDuCents))}</strong>
      </p>
      {creditCents > 0 ? <p>{t.billing.credit(t.planning.money(creditCents))}</p> : null}
    </div>
  );
}

/** 'YYYY-MM' → « novembre 2026 » in the page's language. */
export function monthWords(t: Catalog, month: string): string {
  return `${t.planning.months[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** 'YYYY-MM-DD' → « 27/11/2026 » (server and browser print the same). */
export function dayWords(day: string): string {
  return day.split('-').reverse().join('/');
}
