/**
 * Page layout decided before drawing: every block is measured, the blocks are spread over pages, and only then drawn,
 * so that each page can print « Page i/n » and a repeated header (both as artifacts, skipped by screen readers) without
 * going back to earlier pages.
 */
import type { PdfHandle } from './pdf-document';
import { PAGE } from './pdf-document';

export interface Block {
  /** Height in points, measured with the fonts the block is drawn with. */
  height: number;
  /** Space above the block, dropped at the top of a page. */
  gap?: number;
  /** Draws the block with its top at y. */
  draw(y: number): void;
  /** Never the last block of a page (a heading, a table's header row). */
  keepWithNext?: boolean;
  /** Drawn first when this block opens a continuation page: the table's header row, again. */
  repeatOnNewPage?: Block;
}

export interface PageFrame {
  /** Top of the content on the first page and on the following ones. */
  firstTop: number;
  top: number;
  /** The content never goes below this line. */
  bottom: number;
  /** Header and footer of page `page` (1-based) out of `pages`. */
  drawFurniture(page: number, pages: number): void;
}

interface Placed {
  block: Block;
  y: number;
}

/** Height needed to place blocks[i] without leaving a keep-with-next block alone at the bottom. */
function chainHeight(blocks: readonly Block[], i: number): number {
  let height = blocks[i].height;
  for (let j = i; blocks[j].keepWithNext && j + 1 < blocks.length; j++) height += (blocks[j + 1].gap ?? 0) + blocks[j + 1].height;
  return height;
}

export function paginate(blocks: readonly Block[], frame: Omit<PageFrame, 'drawFurniture'>): Placed[][] {
  const pages: Placed[][] = [[]];
  let y = frame.firstTop;
  blocks.forEach((block, i) => {
    let page = pages[pages.length - 1];
    const gap = page.length > 0 ? (block.gap ?? 0) : 0;
    if (page.length > 0 && y + gap + chainHeight(blocks, i) > frame.bottom) {
      page = [];
      pages.push(page);
      y = frame.top;
      if (block.repeatOnNewPage) {
        page.push({ block: block.repeatOnNewPage, y });
        y += block.repeatOnNewPage.height;
      }
    } else {
      y += gap;
    }
    page.push({ block, y });
    y += block.height;
  });
  return pages;
}

/** Lays the blocks out and draws them, the document's first page being already open. */
export function renderFlow({ doc }: PdfHandle, blocks: readonly Block[], frame: PageFrame): number {
  const pages = paginate(blocks, frame);
  pages.forEach((placed, i) => {
    if (i > 0) doc.addPage();
    frame.drawFurniture(i + 1, pages.length);
    for (const { block, y } of placed) block.draw(y);
  });
  return pages.length;
}

/** Wraps drawing that is decoration (rules, repeated headers, page numbers) so assistive technology skips it. */
export function asArtifact(doc: PDFKit.PDFDocument, draw: () => void): void {
  doc.markContent('Artifact', { type: 'Pagination' });
  draw();
  doc.endMarkedContent();
}

export const FRAME_BOTTOM = PAGE.height - 60;
