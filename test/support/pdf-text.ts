import { inflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

// pdfkit writes the built-in fonts' text in Windows-1252: Latin-1, but for these characters at 0x80..0x9f.
const WIN_ANSI_HIGH = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

/** Bytes of a built-in PDF font's string, as text. */
export function decodeWinAnsi(bytes: Buffer): string {
  return [...bytes]
    .map((byte) => (byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_HIGH[byte - 0x80] : String.fromCharCode(byte)))
    .join('');
}

/**
 * The text drawn on the pages of a PDF made by pdfkit with its built-in fonts, one line per text run: pdfkit
 * writes it as hex strings in TJ arrays of (usually deflated) content streams.
 */
export function pageText(pdf: PDFDocument): string {
  const lines: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype'))) continue;
    const filter = object.dict.get(PDFName.of('Filter'));
    const raw = Buffer.from(object.contents);
    const content = (filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    for (const [, array] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push(
        [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => decodeWinAnsi(Buffer.from(hex, 'hex'))).join(''),
      );
    }
  }
  return lines.join('\n');
}

/** {@link pageText} of PDF bytes. */
export async function pdfText(bytes: Buffer): Promise<string> {
  return pageText(await PDFDocument.load(bytes, { updateMetadata: false }));
}
