/** The « Facturation » summary of a family's file, for the roles that read invoices (never loaded for the others). */
import type { AppLoadContext } from 'react-router';
import type { CurrentSession } from '../../core/accounts/current-session';
import { can } from '../../core/accounts/permissions';

export async function loadFamilyBilling(session: CurrentSession, context: AppLoadContext, familyId: string) {
  if (!can(session.user.role, 'admin.invoices')) return null;
  const [account, payments] = await Promise.all([
    context.services.invoicing.account(familyId),
    context.services.invoicingReports.familyPayments(familyId),
  ]);
  return {
    restantDuCents: account.restantDuCents,
    owedOnInvoicesCents: account.owedOnInvoicesCents,
    creditCents: account.creditCents,
    openInvoices: account.openInvoices.map((i) => ({
      id: i.id,
      reference: i.reference,
      month: i.month,
      dueDate: i.dueDate,
      openCents: i.openCents,
    })),
    payments,
  };
}

export type FamilyBilling = NonNullable<Awaited<ReturnType<typeof loadFamilyBilling>>>;
