/** The building blocks of Tartine's PDFs: tagged paragraphs and headings, label–value rows, tables with a header row. */
import type { PayerBlock } from '../../core/invoicing/documents';
import { asArtifact, type Block } from './flow';
import { CONTENT_WIDTH, FONT, PAGE, type PdfHandle } from './pdf-document';
import { toWinAnsi } from './win-ansi';

export interface TextStyle {
  size: number;
  bold?: boolean;
  align?: 'left' | 'right';
}

const GREY = '#555555';
const RULE = '#bbbbbb';

function measure(doc: PDFKit.PDFDocument, text: string, width: number, style: TextStyle): number {
  return doc
    .font(style.bold ? FONT.bold : FONT.regular)
    .fontSize(style.size)
    .heightOfString(toWinAnsi(text), { width });
}

function write(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, style: TextStyle): void {
  doc
    .font(style.bold ? FONT.bold : FONT.regular)
    .fontSize(style.size)
    .fillColor('black')
    .text(toWinAnsi(text), x, y, { width, align: style.align ?? 'left' });
}

/** A paragraph or heading (tag P, H1, H2…) over the content width. */
export function textBlock(
  { doc, root }: PdfHandle,
  tag: string,
  text: string,
  style: TextStyle,
  options: { gap?: number; keepWithNext?: boolean } = {},
): Block {
  return {
    height: measure(doc, text, CONTENT_WIDTH, style),
    gap: options.gap,
    keepWithNext: options.keepWithNext,
    draw: (y) => root.add(doc.struct(tag, {}, () => write(doc, text, PAGE.margin, y, CONTENT_WIDTH, style))),
  };
}

/** Columns of lines side by side, each `top` points below the block's top. */
function columnsBlock(
  handle: PdfHandle,
  columns: readonly { x: number; top: number; width: number; lines: readonly { text: string; style: TextStyle }[] }[],
): Block {
  const { doc, root } = handle;
  const heights = columns.map((column) =>
    column.lines.reduce((sum, line) => sum + measure(doc, line.text, column.width, line.style), column.top),
  );
  return {
    height: Math.max(...heights),
    draw: (y) => {
      for (const column of columns) {
        let lineY = y + column.top;
        for (const line of column.lines) {
          const top = lineY;
          root.add(doc.struct('P', {}, () => write(doc, line.text, column.x, top, column.width, line.style)));
          lineY += measure(doc, line.text, column.width, line.style);
        }
      }
    },
  };
}

/**
 * The issuer's name then `issuerLines` on the left; the payer on the right, about 110 mm from the left and 48 mm from
 * the top of the sheet, where the window of a DL envelope shows it.
 */
export function addressesBlock(handle: PdfHandle, issuerName: string, issuerLines: readonly string[], payer: PayerBlock): Block {
  const half = CONTENT_WIDTH / 2;
  return columnsBlock(handle, [
    {
      x: PAGE.margin,
      top: 0,
      width: half - 20,
      lines: [{ text: issuerName, style: { size: 11, bold: true } }, ...issuerLines.map((text) => ({ text, style: { size: 9 } }))],
    },
    {
      x: PAGE.margin + half + 20,
      top: 75,
      width: half - 20,
      lines: [{ text: payer.name, style: { size: 10, bold: true } }, ...payer.addressLines.map((text) => ({ text, style: { size: 10 } }))],
    },
  ]);
}

/** « Label ............ value » on the right half of the page, as one paragraph. */
export function amountRowBlock({ doc, root }: PdfHandle, label: string, value: string, style: TextStyle, gap = 0): Block {
  const labelX = PAGE.margin + CONTENT_WIDTH * 0.45;
  const labelWidth = CONTENT_WIDTH * 0.37;
  const valueWidth = CONTENT_WIDTH * 0.18;
  return {
    height: Math.max(measure(doc, label, labelWidth, style), measure(doc, value, valueWidth, style)) + 4,
    gap,
    draw: (y) =>
      root.add(
        doc.struct('P', {}, () => {
          write(doc, label, labelX, y + 2, labelWidth, style);
          write(doc, value, labelX + labelWidth, y + 2, valueWidth, { ...style, align: 'right' });
        }),
      ),
  };
}

export interface Column {
  header: string;
  /** Share of the content width; the shares add up to 1. */
  share: number;
  align?: 'left' | 'right';
}

const CELL_PADDING = 3;
const TABLE_TEXT: TextStyle = { size: 8.5 };

/**
 * A table as blocks: the header row (kept with the first row) then one block per row; a row opening a new page brings
 * the header row again, as an artifact. Tagged Table › TR › TH/TD.
 */
export function tableBlocks(handle: PdfHandle, columns: readonly Column[], rows: readonly (readonly string[])[]): Block[] {
  const { doc, root } = handle;
  const xs = columns.reduce<number[]>((acc, column, i) => [...acc, acc[i] + column.share * CONTENT_WIDTH], [PAGE.margin]);
  const widths = columns.map((column) => column.share * CONTENT_WIDTH - 2 * CELL_PADDING);
  const rowHeight = (cells: readonly string[], style: TextStyle) =>
    Math.max(...cells.map((cell, i) => measure(doc, cell, widths[i], style))) + 2 * CELL_PADDING;
  const headerStyle: TextStyle = { ...TABLE_TEXT, bold: true };
  const headers = columns.map((column) => column.header);
  const headerHeight = rowHeight(headers, headerStyle);
  let table: PDFKit.PDFStructureElement | null = null;

  const drawCells = (cells: readonly string[], y: number, style: TextStyle, cell: (i: number, draw: () => void) => void) =>
    cells.forEach((text, i) =>
      cell(i, () => write(doc, text, xs[i] + CELL_PADDING, y + CELL_PADDING, widths[i], { ...style, align: columns[i].align })),
    );
  const background = (y: number, height: number) =>
    asArtifact(doc, () => doc.rect(PAGE.margin, y, CONTENT_WIDTH, height).fillColor('#eeeeee').fill().fillColor('black'));
  const rule = (y: number) =>
    asArtifact(doc, () =>
      doc
        .moveTo(PAGE.margin, y)
        .lineTo(PAGE.margin + CONTENT_WIDTH, y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke(),
    );

  const header: Block = {
    height: headerHeight,
    gap: 6,
    keepWithNext: true,
    draw: (y) => {
      background(y, headerHeight);
      table = doc.struct('Table');
      root.add(table);
      const scope = { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions;
      const cells: PDFKit.PDFStructureElement[] = [];
      drawCells(headers, y, headerStyle, (_i, draw) => cells.push(doc.struct('TH', scope, draw)));
      table.add(doc.struct('TR', {}, cells));
    },
  };
  const repeatedHeader: Block = {
    height: headerHeight,
    draw: (y) => {
      background(y, headerHeight);
      asArtifact(doc, () => drawCells(headers, y, headerStyle, (_i, draw) => draw()));
    },
  };
  const body = rows.map((cells): Block => {
    const height = rowHeight(cells, TABLE_TEXT);
    return {
      height,
      repeatOnNewPage: repeatedHeader,
      draw: (y) => {
        const tds: PDFKit.PDFStructureElement[] = [];
        drawCells(cells, y, TABLE_TEXT, (_i, draw) => tds.push(doc.struct('TD', {}, draw)));
        table?.add(doc.struct('TR', {}, tds));
        rule(y + height);
      },
    };
  });
  return [header, ...body];
}

/** Header and footer text in grey, as artifacts. */
export function furnitureText(doc: PDFKit.PDFDocument, text: string, x: number, y: number, width: number, align: 'left' | 'right'): void {
  asArtifact(doc, () =>
    doc.font(FONT.regular).fontSize(8).fillColor(GREY).text(toWinAnsi(text), x, y, { width, align, lineBreak: false }).fillColor('black'),
  );
}

export function furnitureRule(doc: PDFKit.PDFDocument, y: number): void {
  asArtifact(doc, () =>
    doc
      .moveTo(PAGE.margin, y)
      .lineTo(PAGE.margin + CONTENT_WIDTH, y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke(),
  );
}
