/**
 * The demo's billing history: the SEPA creditor identity of the régie, a signed mandate for one family, and last
 * month's invoices issued by the real monthly run on the first of this month — as if the town hall had invoiced before
 * the demo began (their e-mails are not sent again). This month's run is left to the agent (or `npm run tartine -- invoices:run`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../adapters/db/schema';
import { addMonths, parisToday, parisWallClockToInstant, startOfMonth } from '../../core/calendar';
import { monthOf } from '../../core/invoicing/month';
import { createMandate } from '../../core/invoicing/sepa';
import { createInvoicingServices } from '../invoicing-services';

export const DEMO_SEPA = { creditorId: 'FR72ZZZ123456', iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPLIL' } as const;
/** A valid French test IBAN (checksum correct), for the demo mandate. */
const DEMO_DEBTOR_IBAN = 'FR7630006000011234567890189';

const SEED_ACTOR = { userId: null, label: 'démonstration', ip: null };

export async function seedDemoInvoices(db: Kysely<Database>, now: Date, mandateFamilyId: string): Promise<void> {
  await db
    .updateTable('organisation')
    .set({ sepa_creditor_id: DEMO_SEPA.creditorId, sepa_iban: DEMO_SEPA.iban, sepa_bic: DEMO_SEPA.bic })
    .execute();
  // Last month was invoiced on the first of this month (or now, if that is earlier), as a town hall does.
  const invoicedAt = new Date(Math.min(now.getTime(), parisWallClockToInstant(startOfMonth(parisToday(now)), '09:00').getTime()));
  const invoicing = createInvoicingServices({
    store: { db },
    clock: { now: () => invoicedAt },
    mailer: { send: async () => undefined },
    publicUrl: '',
  });
  const [holder] = await db
    .selectFrom('guardians')
    .select(['first_name', 'last_name'])
    .where('family_id', '=', mandateFamilyId)
    .limit(1)
    .execute();
  await createMandate(invoicing.deps, {
    familyId: mandateFamilyId,
    holderName: holder ? `${holder.first_name} ${holder.last_name}` : 'Titulaire',
    iban: DEMO_DEBTOR_IBAN,
    bic: '',
    signedOn: startOfMonth(addMonths(parisToday(now), -2)),
    actor: SEED_ACTOR,
  });
  const previousMonth = monthOf(addMonths(parisToday(now), -1));
  const run = await invoicing.runToEnd({ month: previousMonth, actor: SEED_ACTOR });
  if (!run.ok) throw new Error(`demo invoicing of ${previousMonth}: ${run.error}`);
}
