import { describe, expect, it } from 'vitest';
import { checkCreditorId, validateCreditor } from './sepa-creditor';
import { SEPA_MESSAGES_FR as M } from './sepa-messages-fr';

describe('checkCreditorId (ICS)', () => {
  it.each(['FR72ZZZ123456', 'fr72 zzz 123456', 'FR19ZZZ654321', 'FR71ABC12A456'])('accepts %j', (raw) => {
    expect(checkCreditorId(raw)).toEqual({ ok: true, value: raw.replace(/\s/g, '').toUpperCase() });
  });

  it.each([
    ['', M.creditorIdRequired],
    ['DE98ZZZ09999999999', M.creditorIdFormat],
    ['FR72ZZZ12345', M.creditorIdFormat],
    ['FRXXZZZ123456', M.creditorIdFormat],
    ['FR73ZZZ123456', M.creditorIdChecksum],
    ['FR72ZZZ123457', M.creditorIdChecksum],
  ])('refuses %j', (raw, message) => {
    expect(checkCreditorId(raw)).toEqual({ ok: false, error: message });
  });
});

describe('validateCreditor', () => {
  it('returns the creditor as it will appear in the file', () => {
    expect(
      validateCreditor({
        name: 'Régie périscolaire de Saint-Exemple',
        iban: 'FR76 3000 1007 9412 3456 7890 185',
        bic: '',
        creditorId: 'FR72ZZZ123456',
      }),
    ).toEqual({
      ok: true,
      creditor: {
        name: 'Regie periscolaire de Saint-Exemple',
        iban: 'FR7630001007941234567890185',
        bic: null,
        creditorId: 'FR72ZZZ123456',
      },
    });
  });

  it('names every wrong setting', () => {
    expect(validateCreditor({ name: '', iban: 'FR7630001007941234567890186', bic: 'BDFEFRPPCCT', creditorId: 'FR73ZZZ123456' })).toEqual({
      ok: false,
      errors: { name: M.creditorNameRequired, iban: M.ibanChecksum, creditorId: M.creditorIdChecksum },
    });
  });
});
