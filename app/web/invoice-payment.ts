import type { AppLoadContext } from 'react-router';
import type { CurrentSession } from '../../core/accounts/current-session';
import { cleanUuid } from '../../core/requests/outcome';

/** More than a family ever has open; a longer list is a forged form. */
const MAX_INVOICES = 100;

export type InvoicePaymentOutcome = { ok: true; location: string } | { ok: false; error: string; detail?: string };

/**
 * « Payer » on Payer mes factures: the ticked invoices go to the payment layer, which checks each belongs to the family
 * and is open. An id that is not one of the family's invoices (edited in the form) is refused with nothing changed,
 * and recorded in the audit log: a parent trying another family's invoice is a staff matter.
 */
export async function payFamilyInvoices(
  context: AppLoadContext,
  input: { session: CurrentSession; familyId: string; ids: FormDataEntryValue[] },
): Promise<InvoicePaymentOutcome> {
  if (input.ids.length === 0) return { ok: false, error: 'none' };
  const raw = input.ids.slice(0, MAX_INVOICES + 1).map((id) => (typeof id === 'string' ? id.slice(0, 64) : ''));
  const ids = raw.map(cleanUuid);
  const actor = { userId: input.session.user.id, label: input.session.user.username, ip: context.ip };
  const result =
    raw.length > MAX_INVOICES || ids.some((id) => id === null)
      ? { ok: false as const, error: 'not_found' as const, detail: undefined }
      : await context.services.payments.payInvoices({
          familyId: input.familyId,
          invoiceIds: ids as string[],
          actor,
          email: input.session.user.email ?? null,
        });
  if (result.ok) {
    const { value } = result;
    return { ok: true, location: value.kind === 'redirect' ? value.url : `/portail/paiement/${value.transactionId}` };
  }
  // The invoice source's « already paid » arrives as not_found with the detail not_payable: no tampering there.
  if (result.error === 'not_found' && result.detail === 'not_payable') return { ok: false, error: 'not_payable' };
  if (result.error === 'not_found') {
    await context.services.store.audit.record(
      {
        actorUserId: actor.userId,
        actorLabel: actor.label,
        ip: actor.ip,
        action: 'invoice.payment_refused',
        target: `family:${input.familyId}`,
        details: { invoiceIds: raw.slice(0, MAX_INVOICES) },
      },
      context.services.clock.now(),
    );
    return { ok: false, error: 'not_found' };
  }
  return { ok: false, error: result.error, detail: result.detail };
}
