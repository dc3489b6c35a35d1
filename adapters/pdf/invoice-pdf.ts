/**
 * An invoice or a credit note as PDF: issuer and payer (envelope window), number and dates, children, the lines with
 * quantity × unit price and the tariff basis, credits, amount due, and how to pay (or the SEPA pre-notification).
 */
import { invoiceDocumentProblems, type InvoiceDocument } from '../../core/invoicing/documents';
import { formatEuros } from '../../core/pricing/format';
import { addressesBlock, amountRowBlock, furnitureRule, furnitureText, tableBlocks, textBlock, type Column } from './blocks';
import { FRAME_BOTTOM, renderFlow, type Block } from './flow';
import { CONTENT_WIDTH, createPdf, PAGE, type PdfHandle } from './pdf-document';
import { invoiceFr as t, pageLabel } from './wording-fr';

const COLUMNS = (kind: InvoiceDocument['kind']): Column[] => [
  { header: t.columns.child, share: 0.16 },
  { header: t.columns.activity, share: 0.2 },
  { header: t.columns.basis, share: 0.32 },
  { header: t.columns.quantity, share: 0.07, align: 'right' },
  { header: t.columns.unitPrice, share: 0.12, align: 'right' },
  { header: kind === 'invoice' ? t.columns.amount : t.total.credit_note, share: 0.13, align: 'right' },
];

function lineRows(doc: InvoiceDocument): string[][] {
  return doc.lines.map((line) => [
    line.childName,
    `${line.activityName}${t.lineKind[line.kind ?? 'service']}`,
    line.basis,
    String(line.quantity),
    formatEuros(line.unitPriceCents),
    formatEuros(line.amountCents),
  ]);
}

function totalBlocks(handle: PdfHandle, doc: InvoiceDocument): Block[] {
  if (doc.kind === 'credit_note') {
    return [
      amountRowBlock(handle, t.total.credit_note, formatEuros(doc.totalCents), { size: 10, bold: true }, 10),
      textBlock(handle, 'P', t.creditNoteUse, { size: 9 }, { gap: 8 }),
    ];
  }
  return [
    amountRowBlock(handle, t.total.invoice, formatEuros(doc.totalCents), { size: 9 }, 10),
    ...doc.creditsApplied.map((credit) => amountRowBlock(handle, credit.label, formatEuros(-credit.amountCents), { size: 9 })),
    ...(doc.paidCents > 0 ? [amountRowBlock(handle, t.alreadyPaid, formatEuros(-doc.paidCents), { size: 9 })] : []),
    amountRowBlock(handle, t.amountDue, formatEuros(doc.amountDueCents), { size: 11, bold: true }, 2),
  ];
}

function paymentBlocks(handle: PdfHandle, doc: InvoiceDocument): Block[] {
  const payment = doc.payment;
  if (doc.kind === 'credit_note' || !payment || !doc.dueDate) return [];
  const heading = textBlock(handle, 'H2', t.paymentTitle, { size: 11, bold: true }, { gap: 16, keepWithNext: true });
  const paragraph = (text: string, gap = 3) => textBlock(handle, 'P', text, { size: 9 }, { gap });
  if (doc.amountDueCents <= 0) return [heading, paragraph(t.nothingDue)];
  const debit = payment.directDebit;
  const how = debit
    ? [
        paragraph(t.directDebit(doc.amountDueCents, debit.debitDate, debit.ibanMasked)),
        paragraph(t.mandate(debit.mandateRum, debit.creditorId)),
      ]
    : [paragraph(t.payBefore(doc.amountDueCents, doc.dueDate)), ...payment.methods.map((method) => paragraph(`• ${method}`, 2))];
  return [heading, ...how, paragraph(t.quote(doc.number), 6)];
}

function blocksOf(handle: PdfHandle, doc: InvoiceDocument): Block[] {
  const detail = (text: string, gap = 1, bold = false) => textBlock(handle, 'P', text, { size: 9.5, bold }, { gap });
  const details = [
    detail(t.issued(doc.issueDate), 6),
    detail(t.period(doc.month, doc.period.from, doc.period.to)),
    detail(t.familyFile(doc.familyFileNumber)),
    ...(doc.kind === 'invoice' && doc.dueDate ? [detail(t.due(doc.dueDate), 1, true)] : []),
  ];
  const children = doc.children.map((child) =>
    t.child(
      child.name,
      [child.schoolLevel, child.siteName].filter((v): v is string => !!v),
    ),
  );
  const creditNote =
    doc.kind === 'credit_note' && doc.relatedInvoiceNumber
      ? [
          textBlock(handle, 'P', t.cancels(doc.number, doc.relatedInvoiceNumber, doc.totalCents), { size: 10, bold: true }, { gap: 8 }),
          ...(doc.reason ? [textBlock(handle, 'P', t.reason(doc.reason), { size: 9 }, { gap: 2 })] : []),
        ]
      : [];
  return [
    addressesBlock(
      handle,
      doc.issuer.name,
      [
        doc.issuer.regieName,
        ...doc.issuer.addressLines,
        ...[doc.issuer.contactPhone, doc.issuer.contactEmail].filter((v): v is string => !!v),
      ],
      doc.payer,
    ),
    textBlock(handle, 'H1', t.title[doc.kind](doc.number), { size: 16, bold: true }, { gap: 24 }),
    ...details,
    ...creditNote,
    textBlock(handle, 'P', `${t.children(children.length)} : ${children.join(' ; ')}`, { size: 9.5 }, { gap: 6 }),
    textBlock(handle, 'H2', t.linesTitle[doc.kind], { size: 11, bold: true }, { gap: 14, keepWithNext: true }),
    ...tableBlocks(handle, COLUMNS(doc.kind), lineRows(doc)),
    ...totalBlocks(handle, doc),
    ...paymentBlocks(handle, doc),
    ...(doc.issuer.contactEmail ? [textBlock(handle, 'P', t.contact(doc.issuer.contactEmail), { size: 8.5 }, { gap: 12 })] : []),
  ];
}

export async function renderInvoicePdf(doc: InvoiceDocument): Promise<Buffer> {
  const problems = invoiceDocumentProblems(doc);
  if (problems.length > 0) throw new Error(`Invoice ${doc.number} cannot be printed: ${problems.join('; ')}`);
  const title = t.title[doc.kind](doc.number);
  const handle = createPdf({ title, author: doc.issuer.name, subject: t.subject[doc.kind](doc.month), date: doc.issueDate });
  const pdf = handle.doc;
  renderFlow(handle, blocksOf(handle, doc), {
    firstTop: 60,
    top: 60,
    bottom: FRAME_BOTTOM,
    drawFurniture: (page, pages) => {
      furnitureText(pdf, `${doc.issuer.name} – ${doc.issuer.regieName}`, PAGE.margin, 30, CONTENT_WIDTH / 2, 'left');
      furnitureText(pdf, title, PAGE.margin + CONTENT_WIDTH / 2, 30, CONTENT_WIDTH / 2, 'right');
      furnitureRule(pdf, 44);
      furnitureRule(pdf, PAGE.height - 48);
      furnitureText(pdf, `${title} – ${doc.payer.name}`, PAGE.margin, PAGE.height - 40, (CONTENT_WIDTH * 2) / 3, 'left');
      furnitureText(pdf, pageLabel(page, pages), PAGE.margin + (CONTENT_WIDTH * 2) / 3, PAGE.height - 40, CONTENT_WIDTH / 3, 'right');
    },
  });
  return handle.finish();
}
