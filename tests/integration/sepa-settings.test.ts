/**
 * The commune's SEPA creditor settings on every dialect: saved normalised with an audit event and then used by the
 * pain.008 batches (the invoicing services read the same row); bad input (IBAN checksum, ICS, BIC of another
 * country, empty name) refused field by field in French, nothing changed, nothing audited.
 */
import { expect, it } from 'vitest';
import type { DatabaseHandle } from '../../adapters/db/create-db';
import { createStore } from '../../adapters/db/store';
import { createOrganisation } from '../../server/demo/factories';
import { createInvoicingServices } from '../../server/invoicing-services';
import { createSepaSettingsServices } from '../../server/sepa-settings-services';
import { describeEachDialect } from '../harness/databases';
import { movableClock, recordingMailer } from './booking-helpers';

const NOW = '2026-11-27T07:30:00Z';
const actor = { userId: null, label: 'regisseur', ip: '203.0.113.9' };
const GOOD = {
  name: '  Régie enfance   de Saint-Exemple ',
  creditorId: 'fr72 zzz 123456',
  iban: 'FR76 3000 1007 9412 3456 7890 185',
  bic: 'bdfefrppcct',
};

function setup(handle: DatabaseHandle) {
  const clock = movableClock(NOW);
  const store = createStore(handle.db);
  return {
    settings: createSepaSettingsServices({ store, clock }),
    invoicing: createInvoicingServices({ store, clock, mailer: recordingMailer(), publicUrl: 'http://portail.test' }),
  };
}

async function audits(handle: DatabaseHandle) {
  return handle.db.selectFrom('audit_events').select(['action', 'actor_label', 'details']).execute();
}

describeEachDialect('SEPA creditor settings', (getHandle) => {
  it('saves the settings normalised, audits them, and the batches use them', async () => {
    const handle = getHandle();
    await createOrganisation(handle.db);
    const { settings, invoicing } = setup(handle);
    expect(await settings.creditor()).toEqual({ name: 'Régie enfance de Saint-Exemple', creditorId: null, iban: null, bic: null });

    const saved = await settings.saveCreditor({ ...GOOD, actor });
    expect(saved).toEqual({
      ok: true,
      value: {
        name: 'Régie enfance de Saint-Exemple',
        creditorId: 'FR72ZZZ123456',
        iban: 'FR7630001007941234567890185',
        bic: 'BDFEFRPPCCT',
      },
    });
    expect(await settings.creditor()).toEqual(saved.ok && saved.value);
    expect(await invoicing.deps.creditor()).toEqual({
      name: 'Régie enfance de Saint-Exemple',
      creditorId: 'FR72ZZZ123456',
      iban: 'FR7630001007941234567890185',
      bic: 'BDFEFRPPCCT',
    });
    const events = await audits(handle);
    expect(events.map((e) => e.action)).toEqual(['sepa.creditor_saved']);
    expect(events[0].actor_label).toBe('regisseur');
    expect(String(events[0].details)).toContain('FR72ZZZ123456');
    expect(String(events[0].details)).not.toContain('1234567890185');

    // A BIC is optional: cleared when left empty.
    const noBic = await settings.saveCreditor({ ...GOOD, bic: '', actor });
    expect(noBic.ok && noBic.value.bic).toBeNull();
    expect((await settings.creditor())?.bic).toBeNull();
  });

  it('refuses bad input field by field, in French, and changes nothing', async () => {
    const handle = getHandle();
    await createOrganisation(handle.db);
    const { settings } = setup(handle);
    const before = await settings.creditor();
    const refused = await settings.saveCreditor({
      name: '   ',
      creditorId: 'FR73ZZZ123456',
      iban: 'FR76 3000 1007 9412 3456 7890 186',
      bic: 'DEUTDEFF',
      actor,
    });
    expect(refused).toEqual({
      ok: false,
      errors: {
        name: 'Saisissez le nom du créancier.',
        creditorId: 'L’identifiant créancier SEPA (ICS) est invalide (clé de contrôle incorrecte).',
        iban: 'L’IBAN est invalide (clé de contrôle incorrecte).',
      },
    });
    const wrongCountry = await settings.saveCreditor({ ...GOOD, bic: 'DEUTDEFF', actor });
    expect(wrongCountry).toEqual({ ok: false, errors: { bic: 'Le BIC ne correspond pas au pays de l’IBAN.' } });
    expect(await settings.creditor()).toEqual(before);
    expect(await audits(handle)).toEqual([]);
  });

  it('says the commune is not configured when there is no organisation row', async () => {
    const handle = getHandle();
    const { settings } = setup(handle);
    expect(await settings.creditor()).toBeNull();
    expect(await settings.saveCreditor({ ...GOOD, actor })).toEqual({
      ok: false,
      errors: { form: 'La commune n’est pas encore configurée.' },
    });
    expect(await audits(handle)).toEqual([]);
  });
});
