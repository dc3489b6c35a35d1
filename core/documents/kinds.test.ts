import { describe, expect, it } from 'vitest';
import { defaultValidity, parseRequiredDocuments } from './kinds';
import { checkPostedFile, extensionMatches, extensionOf } from './upload';

describe('document kinds', () => {
  it('reads an activity’s required documents, ignoring unknown kinds and broken JSON', () => {
    expect(parseRequiredDocuments('["assurance","inconnu","assurance","certificat_medical"]')).toEqual(['assurance', 'certificat_medical']);
    expect(parseRequiredDocuments('not json')).toEqual([]);
    expect(parseRequiredDocuments('{"a":1}')).toEqual([]);
    expect(parseRequiredDocuments(null)).toEqual([]);
  });

  it('suggests an expiry per kind', () => {
    expect(defaultValidity('assurance', '2026-11-27')).toBe('2027-08-31');
    expect(defaultValidity('assurance', '2027-03-01')).toBe('2027-08-31');
    expect(defaultValidity('pai', '2027-09-02')).toBe('2028-08-31');
    expect(defaultValidity('attestation_qf', '2026-11-27')).toBe('2026-12-31');
    expect(defaultValidity('certificat_medical', '2026-11-27')).toBe('2027-11-27');
    expect(defaultValidity('justificatif_domicile', '2026-11-27')).toBeNull();
  });
});

describe('posted files', () => {
  const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  const sniff = async (bytes: Uint8Array) => (new TextDecoder().decode(bytes.slice(0, 5)) === '%PDF-' ? 'application/pdf' : null);
  const posted = (name: string, bytes: Uint8Array, size = bytes.length) => ({ name, size, read: async () => bytes });

  it('reads extensions with a letter only', () => {
    expect(extensionOf('../../x.PDF')).toBe('pdf');
    expect(extensionOf('attestation du 12.03')).toBe('');
    expect(extensionOf('scan')).toBe('');
    expect(extensionMatches('photo.jpeg', 'image/jpeg')).toBe(true);
    expect(extensionMatches('photo.pdf', 'image/png')).toBe(false);
    expect(extensionMatches('scan.docx', 'application/pdf')).toBe(false);
  });

  it('refuses on the announced size before reading, then on the content, then on a lying name', async () => {
    let read = false;
    const big = { name: 'a.pdf', size: 11, read: async () => ((read = true), PDF) };
    expect(await checkPostedFile(big, { maxBytes: 10, sniffMediaType: sniff })).toEqual({ ok: false, error: 'too_large' });
    expect(read).toBe(false);
    expect(await checkPostedFile(null, { maxBytes: 100, sniffMediaType: sniff })).toEqual({ ok: false, error: 'required' });
    expect(await checkPostedFile(posted('', new Uint8Array(0)), { maxBytes: 100, sniffMediaType: sniff })).toEqual({ ok: false, error: 'required' });
    expect(await checkPostedFile(posted('vide.pdf', new Uint8Array(0)), { maxBytes: 100, sniffMediaType: sniff })).toEqual({ ok: false, error: 'empty' });
    expect(await checkPostedFile(posted('page.pdf', new TextEncoder().encode('<html>')), { maxBytes: 100, sniffMediaType: sniff })).toEqual({ ok: false, error: 'type_not_allowed' });
    expect(await checkPostedFile(posted('photo.png', PDF), { maxBytes: 100, sniffMediaType: sniff })).toEqual({ ok: false, error: 'extension_mismatch' });
    expect(await checkPostedFile(posted('<b onclick=x>.pdf', PDF), { maxBytes: 100, sniffMediaType: sniff })).toMatchObject({ ok: true, file: { fileName: 'b onclick-x.pdf', mediaType: 'application/pdf' } });
  });
});
