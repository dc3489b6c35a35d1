import { describe, expect, it } from 'vitest';
import { checkAddress, checkAuthorisedPersons, checkEmail, checkHealth, checkNote, checkPhone, checkQf, cleanLine, cleanText } from './validation';

describe('family file validation', () => {
  it('normalises French phones and keeps international ones', () => {
    expect(checkPhone('0612345678', { required: true })).toEqual({ ok: true, value: '06 12 34 56 78' });
    expect(checkPhone('+33 6 12 34 56 78', { required: true })).toEqual({ ok: true, value: '06 12 34 56 78' });
    expect(checkPhone('04.78.12.34.56', { required: true })).toEqual({ ok: true, value: '04 78 12 34 56' });
    expect(checkPhone('+32 470  12 34 56', { required: true })).toEqual({ ok: true, value: '+32 470 12 34 56' });
    expect(checkPhone('', { required: false })).toEqual({ ok: true, value: null });
    expect(checkPhone('', { required: true })).toEqual({ ok: false, error: 'required' });
    expect(checkPhone('12', { required: true })).toEqual({ ok: false, error: 'invalid' });
    expect(checkPhone('06 12 34 56 78 <script>', { required: true })).toEqual({ ok: false, error: 'invalid' });
  });

  it('checks e-mails, lower-cased', () => {
    expect(checkEmail(' Julie.Martin@Example.ORG ')).toEqual({ ok: true, value: 'julie.martin@example.org' });
    for (const bad of ['julie', 'a@b', 'a b@c.fr', 'a@b.fr\r\nBcc: x@y.fr', '"x"@y.fr']) expect(checkEmail(bad).ok, bad).toBe(false);
  });

  it('checks an address: five-digit postal code, lengths, control characters removed', () => {
    expect(checkAddress({ addressLine: ' 3  place\r\nde la Mairie ', postalCode: '69 999', city: 'Saint-Exemple' })).toEqual({
      ok: true,
      value: { addressLine: '3 place de la Mairie', postalCode: '69999', city: 'Saint-Exemple' },
    });
    expect(checkAddress({ addressLine: '', postalCode: '6999', city: 'x'.repeat(101) })).toEqual({
      ok: false,
      errors: { addressLine: 'required', postalCode: 'invalid', city: 'too_long' },
    });
  });

  it('checks a QF: whole euros, an attestation end from today to two years ahead', () => {
    expect(checkQf({ qf: '1 250', validUntil: '2027-12-31' }, '2026-11-27')).toEqual({ ok: true, value: { qf: 1250, validUntil: '2027-12-31' } });
    expect(checkQf({ qf: '12,5', validUntil: '2026-11-26' }, '2026-11-27')).toEqual({ ok: false, errors: { qf: 'invalid', validUntil: 'invalid' } });
    expect(checkQf({ qf: '', validUntil: '2029-01-01' }, '2026-11-27')).toEqual({ ok: false, errors: { qf: 'required', validUntil: 'invalid' } });
    expect(checkQf({ qf: '700', validUntil: '2027-02-30' }, '2026-11-27')).toEqual({ ok: false, errors: { validUntil: 'invalid' } });
  });

  it('checks health: a known diet, allergies up to 500 characters, the PAI box', () => {
    expect(checkHealth({ diet: 'vegetarien', allergies: ' arachide\r\n', hasPai: '1' })).toEqual({ ok: true, value: { diet: 'vegetarien', allergies: 'arachide', hasPai: true } });
    expect(checkHealth({ diet: 'halal', allergies: 'x'.repeat(501), hasPai: null })).toEqual({ ok: false, errors: { diet: 'invalid', allergies: 'too_long' } });
  });

  it('reads the authorised persons rows: empty rows skipped, partial rows refused', () => {
    expect(
      checkAuthorisedPersons([
        { fullName: 'Monique Martin', relationship: 'grand-mère', phone: '0478123456' },
        { fullName: '', relationship: '', phone: '' },
      ]),
    ).toEqual({ ok: true, value: [{ fullName: 'Monique Martin', relationship: 'grand-mère', phone: '04 78 12 34 56' }] });
    expect(checkAuthorisedPersons([{ fullName: 'Paul', relationship: '', phone: 'x' }])).toEqual({
      ok: false,
      errors: { 'person0-relationship': 'required', 'person0-phone': 'invalid' },
    });
    expect(checkAuthorisedPersons([])).toEqual({ ok: true, value: [] });
  });

  it('cleans lines and texts', () => {
    expect(cleanLine('a\u0000b\tc  d')).toBe('a b c d');
    expect(cleanText(' ligne 1\r\nligne 2\u0007 ')).toBe('ligne 1\nligne 2');
    expect(checkNote('x'.repeat(1001))).toEqual({ ok: false, error: 'too_long' });
    expect(cleanLine(42)).toBe('');
  });
});
