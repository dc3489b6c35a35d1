import { describe, expect, it } from 'vitest';
import { toSepaText } from './sepa-charset';
import { SEPA_MESSAGES_FR as M } from './sepa-messages-fr';
import { checkBic, checkIban, checkRum, generateRum, maskIban, normalizeIban, sequenceTypeFor, validateMandate } from './sepa-mandate';

const IBAN = 'FR7630006000011234567890189';
const valid = { holderName: 'Claire Martin', iban: 'fr76 3000 6000 0112 3456 7890 189', bic: '', signedOn: '2026-09-01' };

describe('IBAN', () => {
  it('is normalised: spaces, dashes and lower case', () => {
    expect(normalizeIban(' fr76 3000-6000 0112\u00a03456 7890 189 ')).toBe(IBAN);
  });

  it.each([
    ['', M.ibanRequired],
    ['FR7630006000011234567890188', M.ibanChecksum],
    ['FR7730006000011234567890189', M.ibanChecksum],
    ['FR76300060000112345678901', M.ibanFormat],
    ['XX7630006000011234567890189', M.ibanCountry],
    ['1234', M.ibanCountry],
    ['BR1800360305000010009795493C1', M.ibanNotSepa],
  ])('refuses %j with a French reason', (raw, message) => {
    expect(checkIban(raw)).toEqual({ ok: false, error: message });
  });

  it.each(['FR1420041010050500013M02606', 'DE89370400440532013000', 'CH9300762011623852957', 'MC5811222000010123456789030'])(
    'accepts the SEPA IBAN %s',
    (iban) => {
      expect(checkIban(iban)).toEqual({ ok: true, value: iban });
    },
  );

  it('is masked to the country, check digits and last three characters', () => {
    expect(maskIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR76 •••• •••• •••• •••• •••• 189');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 •••• •••• •••• •••0 00');
  });
});

describe('BIC', () => {
  it('is optional (SEPA needs only the IBAN since 2016)', () => {
    expect(checkBic('  ', IBAN)).toEqual({ ok: true, value: null });
  });

  it('is upper-cased and accepted with 8 or 11 characters of the IBAN’s country (or a French overseas territory)', () => {
    expect(checkBic('bnpa frpp', IBAN)).toEqual({ ok: true, value: 'BNPAFRPP' });
    expect(checkBic('BNPAFRPPXXX', IBAN)).toEqual({ ok: true, value: 'BNPAFRPPXXX' });
    expect(checkBic('BNPARERXXXX', IBAN)).toEqual({ ok: true, value: 'BNPARERXXXX' });
  });

  it.each([
    ['BNPAFRP', M.bicFormat],
    ['BNPAFRPPXX', M.bicFormat],
    ['BNPAXXPP', M.bicFormat],
    ['BNP@FRPP', M.bicFormat],
    ['DEUTDEFF', M.bicCountry],
  ])('refuses %j for a French IBAN', (bic, message) => {
    expect(checkBic(bic, IBAN)).toEqual({ ok: false, error: message });
  });
});

describe('validateMandate', () => {
  it('returns the cleaned mandate', () => {
    expect(validateMandate({ ...valid, holderName: '  Claire   Martin ', bic: 'bnpafrppxxx' }, '2026-09-01')).toEqual({
      ok: true,
      mandate: { holderName: 'Claire Martin', iban: IBAN, bic: 'BNPAFRPPXXX', signedOn: '2026-09-01' },
    });
  });

  it('names every wrong field in French', () => {
    expect(
      validateMandate({ holderName: ' ', iban: 'FR7630006000011234567890188', bic: 'BNPAFRP', signedOn: '2026-02-30' }, '2026-09-01'),
    ).toEqual({
      ok: false,
      errors: { holderName: M.holderRequired, iban: M.ibanChecksum, bic: M.bicFormat, signedOn: M.signedOnInvalid },
    });
  });

  it('refuses a signature date in the future, a missing date and a name too long for the SEPA file', () => {
    expect(validateMandate({ ...valid, signedOn: '2026-09-02' }, '2026-09-01')).toEqual({
      ok: false,
      errors: { signedOn: M.signedOnFuture },
    });
    expect(validateMandate({ ...valid, signedOn: '' }, '2026-09-01')).toEqual({ ok: false, errors: { signedOn: M.signedOnRequired } });
    expect(validateMandate({ ...valid, holderName: 'É'.repeat(71) }, '2026-09-01')).toEqual({
      ok: false,
      errors: { holderName: M.holderTooLong },
    });
  });

  it('compares the BIC with the IBAN’s country only when the IBAN is valid', () => {
    expect(validateMandate({ ...valid, bic: 'DEUTDEFF' }, '2026-09-01')).toEqual({ ok: false, errors: { bic: M.bicCountry } });
    expect(validateMandate({ ...valid, iban: 'FR00', bic: 'DEUTDEFF' }, '2026-09-01')).toEqual({
      ok: false,
      errors: { iban: M.ibanFormat },
    });
  });
});

describe('RUM', () => {
  it('is prefix, file number and the family’s mandate number, in the safe character set', () => {
    expect(generateRum({ prefix: 'TRT', fileNumber: 'F-2026-0041', sequence: 1 })).toBe('TRT-F-2026-0041-001');
    expect(generateRum({ prefix: 'trt', fileNumber: ' dossier n° 12/é ', sequence: 12 })).toBe('TRT-DOSSIER-N-12-E-012');
  });

  it('differs for each mandate of a family and always passes the RUM check', () => {
    const rums = [1, 2, 3].map((sequence) => generateRum({ prefix: 'TRT', fileNumber: 'F-2026-0041', sequence }));
    expect(new Set(rums).size).toBe(3);
    for (const rum of rums) expect(checkRum(rum)).toEqual({ ok: true, value: rum });
  });

  it('refuses to build a reference longer than 35 characters or from an unusable sequence', () => {
    expect(() => generateRum({ prefix: 'TRT', fileNumber: 'F'.repeat(28), sequence: 1 })).toThrow(RangeError);
    expect(() => generateRum({ prefix: 'TRT', fileNumber: 'F-1', sequence: 0 })).toThrow(RangeError);
    expect(() => generateRum({ prefix: '***', fileNumber: 'F-1', sequence: 1 })).toThrow(RangeError);
  });

  it.each(['', '/ABC', 'AB//C', 'A'.repeat(36), 'RUM-É', 'RUM_1'])('refuses the migrated reference %j', (rum) => {
    expect(checkRum(rum)).toEqual({ ok: false, error: M.rumInvalid });
  });

  it('keeps a migrated reference using the whole SEPA character set', () => {
    expect(checkRum(" ++MANDAT (2019) n.1/a:b?c,d'e ")).toEqual({ ok: true, value: "++MANDAT (2019) n.1/a:b?c,d'e" });
  });
});

describe('sequenceTypeFor', () => {
  it('is FRST for a mandate never collected', () => {
    expect(sequenceTypeFor([])).toBe('FRST');
  });

  it('is FRST again after a rejected first collection, as often as it is rejected', () => {
    expect(sequenceTypeFor([{ status: 'rejected' }])).toBe('FRST');
    expect(sequenceTypeFor([{ status: 'rejected' }, { status: 'rejected' }])).toBe('FRST');
  });

  it.each(['submitted', 'settled', 'returned'] as const)('is RCUR once a collection was %s', (status) => {
    expect(sequenceTypeFor([{ status: 'rejected' }, { status }])).toBe('RCUR');
  });
});

describe('toSepaText', () => {
  it('removes accents and replaces what banks refuse', () => {
    expect(toSepaText('Cœur & Pâquerette – Hélène Müller-Ærø, l’école  n°3')).toBe("Coeur Paquerette Helene Muller-AEro, l'ecole n 3");
  });
});
