/** The yearly attestation of childcare costs for one child under 6 (tax credit, article 200 quater B of the CGI). */
import { attestationProblems, type ChildcareAttestation } from '../../core/invoicing/documents';
import { formatEuros } from '../../core/pricing/format';
import { addressesBlock, amountRowBlock, furnitureRule, furnitureText, tableBlocks, textBlock } from './blocks';
import { FRAME_BOTTOM, renderFlow, type Block } from './flow';
import { CONTENT_WIDTH, createPdf, PAGE, type PdfHandle } from './pdf-document';
import { attestationFr as t, pageLabel } from './wording-fr';

function blocksOf(handle: PdfHandle, doc: ChildcareAttestation): Block[] {
  const { issuer, payer } = doc;
  const addresses = addressesBlock(
    handle,
    issuer.name,
    [issuer.regieName, ...issuer.addressLines, ...(issuer.siret ? [t.siret(issuer.siret)] : [])],
    payer,
  );
  const paragraph = (text: string, gap: number, bold = false) => textBlock(handle, 'P', text, { size: 10, bold }, { gap });
  const months = doc.months ?? [];
  return [
    addresses,
    textBlock(handle, 'H1', t.title(doc.year), { size: 16, bold: true }, { gap: 30 }),
    ...(doc.number ? [paragraph(t.number(doc.number), 4)] : []),
    paragraph(t.statement(issuer.name, payer.name, doc.year), 16),
    paragraph(t.child(doc.child.name, doc.child.birthDate), 8, true),
    ...(months.length > 0
      ? tableBlocks(
          handle,
          [
            { header: t.monthsColumns.month, share: 0.7 },
            { header: t.monthsColumns.amount, share: 0.3, align: 'right' },
          ],
          months.map((month) => [t.month(month.month), formatEuros(month.amountPaidCents)]),
        )
      : []),
    amountRowBlock(handle, t.total(doc.year), formatEuros(doc.amountPaidCents), { size: 11, bold: true }, 10),
    textBlock(handle, 'P', t.legal(doc.year), { size: 9 }, { gap: 18 }),
    paragraph(t.issued(doc.issueDate), 24),
    ...(doc.signatory ? [paragraph(doc.signatory, 4)] : []),
  ];
}

export async function renderChildcareAttestationPdf(doc: ChildcareAttestation): Promise<Buffer> {
  const problems = attestationProblems(doc);
  if (problems.length > 0) throw new Error(`Attestation for ${doc.child.name} cannot be printed: ${problems.join('; ')}`);
  const title = t.title(doc.year);
  const handle = createPdf({ title, author: doc.issuer.name, subject: t.subject(doc.child.name, doc.year), date: doc.issueDate });
  const pdf = handle.doc;
  renderFlow(handle, blocksOf(handle, doc), {
    firstTop: 60,
    top: 60,
    bottom: FRAME_BOTTOM,
    drawFurniture: (page, pages) => {
      furnitureText(pdf, `${doc.issuer.name} – ${doc.issuer.regieName}`, PAGE.margin, 30, CONTENT_WIDTH, 'left');
      furnitureRule(pdf, 44);
      furnitureText(pdf, pageLabel(page, pages), PAGE.margin, PAGE.height - 40, CONTENT_WIDTH, 'right');
    },
  });
  return handle.finish();
}
