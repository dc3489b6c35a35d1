/**
 * The one place a pdfkit document is set up: A4, Helvetica (built into every PDF reader, nothing to ship), tagged with
 * the French language and a title shown in the reader's title bar, and a creation date taken from the document's own
 * date so that rendering the same document twice gives the same bytes.
 */
import PDFDocument from 'pdfkit';
import type { PlainDate } from '../../core/calendar/plain-date';
import { toWinAnsi } from './win-ansi';

export const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold' } as const;
export const PAGE = { width: 595.28, height: 841.89, margin: 50 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

export interface PdfMetadata {
  title: string;
  /** The commune issuing the document. */
  author: string;
  subject: string;
  /** The document's date ('YYYY-MM-DD'), recorded as the creation date at noon UTC. */
  date: PlainDate;
}

export interface PdfHandle {
  doc: PDFKit.PDFDocument;
  /** The document's structure root: every tagged element goes under it. */
  root: PDFKit.PDFStructureElement;
  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer>;
}

export function createPdf(meta: PdfMetadata): PdfHandle {
  const created = new Date(`${meta.date}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    // Bottom margin small: the layout decides page breaks itself (see flow.ts), pdfkit must never add a page on its own.
    margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 10 },
    pdfVersion: '1.7',
    tagged: true,
    lang: 'fr-FR',
    displayTitle: true,
    font: FONT.regular,
    info: {
      Title: toWinAnsi(meta.title),
      Author: toWinAnsi(meta.author),
      Subject: toWinAnsi(meta.subject),
      Creator: 'Tartine',
      Producer: 'Tartine (pdfkit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  return {
    doc,
    root,
    finish() {
      root.end();
      doc.end();
      return done;
    },
  };
}
