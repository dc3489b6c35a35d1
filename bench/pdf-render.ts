/**
 * PDF rendering throughput, for the invoicing benchmark's « PDF rendering per second on a sample »: renders `invoices`
 * sample invoices of `linesPerInvoice` lines one after the other (one core, as a month-end run would) after a short
 * warm-up, and reports invoices and pages per second. A plain function: the invoicing benchmark calls it.
 */
import { performance } from 'node:perf_hooks';
import { renderInvoicePdf } from '../adapters/pdf/invoice-pdf';
import { sampleInvoice } from '../adapters/pdf/sample-documents';

export interface PdfRenderResult {
  invoices: number;
  linesPerInvoice: number;
  pages: number;
  bytes: number;
  seconds: number;
  invoicesPerSecond: number;
  pagesPerSecond: number;
}

/** pdfkit writes each page object uncompressed: counting them is exact. */
const countPages = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

export async function measurePdfRendering({ invoices = 200, linesPerInvoice = 12, warmUp = 10 } = {}): Promise<PdfRenderResult> {
  const doc = sampleInvoice(linesPerInvoice);
  for (let i = 0; i < warmUp; i++) await renderInvoicePdf(doc);
  let pages = 0;
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < invoices; i++) {
    const pdf = await renderInvoicePdf({ ...doc, number: `F-2026-${String(i + 1).padStart(6, '0')}` });
    pages += countPages(pdf);
    bytes += pdf.length;
  }
  const seconds = (performance.now() - start) / 1000;
  return { invoices, linesPerInvoice, pages, bytes, seconds, invoicesPerSecond: invoices / seconds, pagesPerSecond: pages / seconds };
}
