import { attachment } from './attachment';

/** An invoicing PDF (invoice, credit note, attestation), for the family or staff, as a download named after its reference: « facture-F-2026-000012.pdf ». */
export function pdfDownload(pdf: Uint8Array, kind: string, reference: string): Response {
  const safe = reference
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return attachment(pdf, `${kind}-${safe || 'document'}.pdf`, 'application/pdf');
}
