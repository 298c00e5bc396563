import { inflateSync } from 'node:zlib';
import { Jimp } from 'jimp';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { encodeImage } from './image-codec.util';
import type { ReportInput } from './rendering.interface';
import { REPORT_TITLE, renderReport, toWinAnsi } from './report.util';

const base: ReportInput = {
  type: 'simple',
  transactionId: '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d',
  resultId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
  createdAt: '2025-03-01T10:00:00+00:00',
  completedAt: '2025-03-01T10:07:45+00:00',
  locale: 'nl-NL',
  tasks: [
    { type: 'document_scan', state: 'completed', score: 0.97 },
    { type: 'face_liveness', state: 'failed', score: 0.12 },
    { type: 'face_match', state: 'pending' },
  ],
  fields: [
    {
      field: 'document_number',
      value: 'SPECI2021',
      validity: 'invalid',
      source: 'mrz',
    },
    {
      field: 'surname',
      value: 'De Bruijn',
      validity: 'not_checked',
      source: 'visual',
    },
  ],
};

async function images(): Promise<{ label: string; data: Buffer }[]> {
  const jpeg = await new Jimp({
    width: 200,
    height: 120,
    color: 0x336699ff,
  }).getBuffer('image/jpeg');
  const png = await encodeImage(new Jimp({ width: 90, height: 110, color: 0x993366ff }), 'png');
  return [
    { label: 'Document front', data: jpeg },
    { label: 'Portrait', data: png },
  ];
}

// The text drawn on the pages: pdfkit writes it as hex strings in TJ arrays of (usually deflated) content streams.
function pageText(pdf: PDFDocument): string {
  const lines: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(PDFName.of('Subtype'))) continue;
    const filter = object.dict.get(PDFName.of('Filter'));
    const raw = Buffer.from(object.contents);
    const content = (filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
    for (const [, array] of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push(
        [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1')).join(''),
      );
    }
  }
  return lines.join('\n');
}

function imageCount(pdf: PDFDocument): number {
  return pdf.context
    .enumerateIndirectObjects()
    .filter(
      ([, object]) => object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    ).length;
}

describe('renderReport', () => {
  it('renders a simple report: a PDF with the title, ids, tasks, fields and "not sealed"', async () => {
    const bytes = await renderReport(base);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe(REPORT_TITLE);
    expect(pdf.getCreationDate()?.toISOString()).toBe('2025-03-01T10:07:45.000Z');
    expect(pdf.getPageCount()).toBe(1);
    expect(imageCount(pdf)).toBe(0);
    const text = pageText(pdf);
    for (const expected of [
      REPORT_TITLE,
      base.transactionId,
      base.resultId,
      '2025-03-01T10:00:00+00:00',
      'document_scan',
      'face_liveness',
      '0.97',
      'SPECI2021',
      'invalid',
      'not_checked',
      'This report is not sealed.',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('emulated seal');
  });

  it('renders an extended report with each image on a page of its own and an emulated seal', async () => {
    const simple = await PDFDocument.load(await renderReport(base), {
      updateMetadata: false,
    });
    const extended = await PDFDocument.load(await renderReport({ ...base, type: 'extended', images: await images() }), {
      updateMetadata: false,
    });
    expect(extended.getTitle()).toBe(REPORT_TITLE);
    expect(extended.getPageCount()).toBe(simple.getPageCount() + 2);
    expect(imageCount(extended)).toBe(2);
    const text = pageText(extended);
    expect(text).toContain('Document front');
    expect(text).toContain('Portrait');
    expect(text).toContain('Sealed with an emulated seal');
    expect(text).not.toContain('not sealed.');
  });

  it('ignores images in a simple report', async () => {
    const pdf = await PDFDocument.load(await renderReport({ ...base, images: await images() }), {
      updateMetadata: false,
    });
    expect(pdf.getPageCount()).toBe(1);
    expect(imageCount(pdf)).toBe(0);
  });

  it('notes an image it cannot embed instead of failing', async () => {
    const bytes = await renderReport({
      ...base,
      type: 'extended',
      images: [{ label: 'Broken', data: Buffer.from('x') }],
    });
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(2);
    expect(pageText(pdf)).toContain('could not be embedded');
  });

  it('breaks long field tables across pages and numbers them', async () => {
    const fields = Array.from({ length: 80 }, (_, i) => ({
      field: `field_${i}`,
      value: `value ${i}`,
      validity: 'valid',
      source: 'visual',
    }));
    const pdf = await PDFDocument.load(await renderReport({ ...base, fields }), { updateMetadata: false });
    const pages = pdf.getPageCount();
    expect(pages).toBeGreaterThan(1);
    const text = pageText(pdf);
    expect(text).toContain('field_79');
    expect(text).toContain(`page ${pages} of ${pages}`);
  });

  it('gives the same bytes for the same input', async () => {
    const input = {
      ...base,
      type: 'extended' as const,
      images: await images(),
    };
    expect((await renderReport(input)).equals(await renderReport(input))).toBe(true);
  });

  it('prints characters outside the built-in fonts as plain letters', async () => {
    const pdf = await PDFDocument.load(
      await renderReport({
        ...base,
        fields: [
          {
            field: 'surname',
            value: 'Łukasiewicz Ōta',
            validity: 'valid',
            source: 'mrz',
          },
        ],
      }),
      { updateMetadata: false },
    );
    expect(pageText(pdf)).toContain('Lukasiewicz Ota');
  });
});

describe('toWinAnsi', () => {
  it('keeps Windows-1252 text and replaces the rest', () => {
    expect(toWinAnsi('Élodie Œuvre €5 – “ok”')).toBe('Élodie Œuvre €5 – “ok”');
    expect(toWinAnsi('Łódź 王')).toBe('Lódz ?');
  });
});
