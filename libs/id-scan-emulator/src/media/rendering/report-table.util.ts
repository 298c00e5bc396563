import { toWinAnsi } from './win-ansi.util';

/** A pdfkit document. */
export type Doc = PDFKit.PDFDocument;

/** Margin of every report page, in points. */
export const PAGE_MARGIN = 50;
/** Body text colour. */
export const TEXT = '#111827';
/** Secondary text colour. */
export const MUTED = '#4b5563';
const RULE = '#d1d5db';
const BAND = '#f3f4f6';
// Table cells: tight enough that a full simple report (every field of an identity card) fits on one A4 page.
const CELL_PADDING = 3.5;
const CELL_SIZE = 9.5;

/** Width of a page's content, between the margins. */
export function contentWidth(doc: Doc): number {
  return doc.page.width - PAGE_MARGIN * 2;
}

/** A table column. */
export interface Column {
  title: string;
  /** Share of the content width. */
  width: number;
}

/** Starts a new page unless `height` points still fit on this one; says whether it did. */
export function ensureSpace(doc: Doc, height: number): boolean {
  if (doc.y + height > doc.page.height - PAGE_MARGIN - 20) {
    doc.addPage();
    return true;
  }
  return false;
}

/**
 * Draws a table at the cursor: an optional header band, then one row per entry, each as high as its tallest
 * wrapped cell; a row that does not fit starts a new page (with the header again).
 */
export function table(doc: Doc, columns: readonly Column[], rows: readonly string[][], header = true): void {
  const total = contentWidth(doc);
  const widths = columns.map((column) => column.width * total);
  const padding = CELL_PADDING;
  const drawHeader = (): void => {
    if (!header) {
      return;
    }
    const y = doc.y;
    doc.rect(PAGE_MARGIN, y, total, 20).fill(BAND);
    let x = PAGE_MARGIN;
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor(TEXT);
    columns.forEach((column, i) => {
      doc.text(toWinAnsi(column.title), x + padding, y + 6, {
        width: widths[i] - 2 * padding,
        lineBreak: false,
      });
      x += widths[i];
    });
    doc.y = y + 20;
  };
  drawHeader();
  if (rows.length === 0) {
    doc
      .font('Helvetica-Oblique')
      .fontSize(10)
      .fillColor(MUTED)
      .text('None.', PAGE_MARGIN + padding, doc.y + 5);
    return;
  }
  for (const row of rows) {
    const cells = row.map((cell) => toWinAnsi(cell));
    const fontOf = (i: number): string => (i === 0 && !header ? 'Helvetica-Bold' : 'Helvetica');
    const height =
      Math.max(
        ...cells.map((cell, i) =>
          doc
            .font(fontOf(i))
            .fontSize(CELL_SIZE)
            .heightOfString(cell || ' ', { width: widths[i] - 2 * padding }),
        ),
      ) +
      2 * padding;
    if (ensureSpace(doc, height)) {
      drawHeader();
    }
    const y = doc.y;
    let x = PAGE_MARGIN;
    cells.forEach((cell, i) => {
      doc
        .font(fontOf(i))
        .fontSize(CELL_SIZE)
        .fillColor(TEXT)
        .text(cell, x + padding, y + padding, {
          width: widths[i] - 2 * padding,
        });
      x += widths[i];
    });
    doc
      .moveTo(PAGE_MARGIN, y + height)
      .lineTo(PAGE_MARGIN + total, y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = PAGE_MARGIN;
    doc.y = y + height;
  }
}
