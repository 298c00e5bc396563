import { inflateSync } from 'node:zlib';
import { Jimp } from 'jimp';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { encodeImage } from './image-codec.util';
import type { ReportInput } from './rendering.interface';
import PDFKitDocument from 'pdfkit';
import { REPORT_MESSAGES } from './report-i18n.constants';
import { renderReport } from './report.util';
import { decodeWinAnsi, pageText } from '../../../../../test/support/pdf-text';
import { toWinAnsi } from './win-ansi.util';

const { title: REPORT_TITLE, notice: REPORT_NOTICE } = REPORT_MESSAGES['en-US'];
const base: ReportInput = {
  type: 'simple',
  transactionId: '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d',
  resultId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
  createdAt: '2025-03-01T10:00:00+00:00',
  completedAt: '2025-03-01T10:07:45+00:00',
  locale: 'en-US',
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

interface PlacedText {
  /** Left edge and baseline, from the page's top-left corner, in points. */
  x: number;
  baseline: number;
  size: number;
  text: string;
}

interface PlacedRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

// Where pdfkit put each run of text and each filled rectangle on the first page. Its content stream flips the
// page (`1 0 0 -1 0 H cm`) for rectangles and back again around each text run, whose `Tm` is thus bottom-up.
function firstPageLayout(pdf: PDFDocument): { texts: PlacedText[]; rects: PlacedRect[] } {
  const page = pdf.getPage(0);
  const height = page.getHeight();
  const content = page.node.Contents();
  const stream = content instanceof PDFRawStream ? content : undefined;
  if (!stream) throw new Error('the first page has no single content stream');
  const raw = Buffer.from(stream.contents);
  const filter = stream.dict.get(PDFName.of('Filter'));
  const ops = (filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw).toString('latin1');
  const texts = [...ops.matchAll(/1 0 0 1 ([\d.]+) ([\d.]+) Tm\s*\/F\d+ ([\d.]+) Tf\s*\[([^\]]*)\]\s*TJ/g)].map(
    ([, x, y, size, array]) => ({
      x: Number(x),
      baseline: height - Number(y),
      size: Number(size),
      text: [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map(([, hex]) => decodeWinAnsi(Buffer.from(hex, 'hex'))).join(''),
    }),
  );
  const rects = [...ops.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re\s*\/DeviceRGB cs\s*[\d. ]+scn\s*f/g)].map(
    ([, x, y, w, h]) => ({ x: Number(x), y: Number(y), w: Number(w), h: Number(h) }),
  );
  return { texts, rects };
}

// The renderer's own font metrics: a pdfkit document measuring with the fonts the report uses.
const metrics = new PDFKitDocument({ size: 'A4', margin: 50 });

function widthOf(font: string, size: number, text: string): number {
  return metrics.font(font).fontSize(size).widthOfString(text);
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
      'March 1, 2025',
      'Document scan',
      'Liveness check',
      '0.97',
      'SPECI2021',
      'Invalid',
      'Not checked',
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

  it.each(['simple', 'extended'] as const)(
    'keeps the %s report notice inside its box, measured with the renderer font metrics',
    async (type) => {
      const pdf = await PDFDocument.load(await renderReport({ ...base, type }), { updateMetadata: false });
      const { texts, rects } = firstPageLayout(pdf);
      const lines = texts.filter((text) => REPORT_NOTICE.includes(text.text.trim()) && text.text.trim().length > 5);
      expect(lines.map((line) => line.text.trim()).join(' ')).toBe(REPORT_NOTICE);
      const box = rects.find((rect) => rect.y <= lines[0].baseline && lines[0].baseline <= rect.y + rect.h);
      if (!box) throw new Error('no box around the notice');
      const bold = metrics.font('Helvetica-Bold').fontSize(lines[0].size);
      const ascent = (bold as unknown as { _font: { ascender: number } })._font.ascender / 1000;
      const descent = -(bold as unknown as { _font: { descender: number } })._font.descender / 1000;
      for (const line of lines) {
        expect(line.x).toBeGreaterThanOrEqual(box.x);
        expect(line.x + widthOf('Helvetica-Bold', line.size, line.text)).toBeLessThanOrEqual(box.x + box.w);
        expect(line.baseline - ascent * line.size).toBeGreaterThanOrEqual(box.y);
        expect(line.baseline + descent * line.size).toBeLessThanOrEqual(box.y + box.h);
      }
    },
  );

  it('keeps every line of the first page within the content width', async () => {
    const fields = [
      {
        field: 'issuing_authority',
        value: 'Burgemeester van Amsterdam, afdeling Burgerzaken',
        validity: 'valid',
        source: 'visual',
      },
      {
        field: 'document_type',
        value: 'Netherlands - Identity Card (2021) Side B',
        validity: 'not_checked',
        source: 'visual',
      },
    ];
    const pdf = await PDFDocument.load(await renderReport({ ...base, fields }), { updateMetadata: false });
    const { texts } = firstPageLayout(pdf);
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      // Bold is the wider of the report's two faces: measuring every run with it errs on the safe side.
      expect(text.x + widthOf('Helvetica-Bold', text.size, text.text)).toBeLessThanOrEqual(
        pdf.getPage(0).getWidth() - 50 + 0.5,
      );
    }
  });

  it('fits a simple report of a full identity card result on one page', async () => {
    const names = [
      'document_number',
      'document_type',
      'given_names',
      'surname',
      'date_of_birth',
      'date_of_expiry',
      'date_of_issue',
      'sex',
      'nationality',
      'issuing_country',
      'personal_number',
      'place_of_birth',
      'age',
    ];
    const fields = names.map((field) => ({
      field,
      value: 'Sanne Willemijn de Vries',
      validity: 'valid',
      source: 'mrz',
    }));
    const tasks = [
      { type: 'document_scan', state: 'completed', score: 0.97 },
      { type: 'face_liveness', state: 'completed', score: 0.93 },
      { type: 'face_match', state: 'completed', score: 0.9 },
    ];
    const pdf = await PDFDocument.load(await renderReport({ ...base, tasks, fields }), { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(1);
    expect(pageText(pdf)).toContain('This report is not sealed.');
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

describe("renderReport in the transaction's locale", () => {
  const fields = [
    { field: 'nationality', value: 'Belgium', validity: 'valid', source: 'mrz' },
    { field: 'surname', value: 'Lefèvre', validity: 'valid', source: 'visual' },
  ];
  const labels = ['Netherlands - Identity Card (2021) Side B', 'France - ePassport (2019)', 'Portrait'];

  async function textOf(locale: string, type: 'simple' | 'extended' = 'extended'): Promise<string> {
    const [image] = await images();
    const input: ReportInput = {
      ...base,
      locale,
      type,
      fields,
      images: labels.map((label) => ({ label, data: image.data })),
    };
    return pageText(await PDFDocument.load(await renderReport(input), { updateMetadata: false }));
  }

  it.each([
    [
      'fr-FR',
      [
        'Rapport d’audit ID Scan',
        'Champs extraits',
        'Détection du vivant',
        'Réussite',
        'Nationalité',
        'Belgique',
        'Lefèvre',
        '1 mars 2025',
        '0,97',
        'Pays-Bas – Carte d’identité (2021), verso',
        'France – Passeport (2019)',
        'CM.com\u00a0;',
        'page 2 sur 4',
      ],
    ],
    [
      'nl-NL',
      [
        'ID Scan-auditrapport',
        'Uitgelezen velden',
        'Livenesscontrole',
        'Nationaliteit',
        'België',
        '1 maart 2025',
        '0,97',
        'Nederland – Identiteitskaart (2021), achterkant',
        'Portret',
        'pagina 2 van 4',
      ],
    ],
  ])('writes a %s report in its language, accents included', async (locale, expected) => {
    const text = await textOf(locale);
    for (const phrase of expected) expect(text).toContain(phrase);
    for (const english of [
      'Extracted fields',
      'Transaction ID',
      'Belgium',
      'Netherlands',
      'Side B',
      'Sealed',
      'page 1 of',
    ]) {
      expect(text).not.toContain(english);
    }
  });

  it('writes the simple report in the same language', async () => {
    const text = await textOf('fr-FR', 'simple');
    expect(text).toContain('Ce rapport n’est pas scellé.');
    expect(text).not.toContain('not sealed');
  });

  it('gives a locale it does not speak the en-US words and formats', async () => {
    const text = await textOf('de-DE');
    expect(text).toContain('Extracted fields');
    expect(text).toContain('March 1, 2025');
    expect(text).toContain('Belgium');
    expect(text).toContain('Netherlands – Identity card (2021), back');
  });
});

describe('toWinAnsi', () => {
  it('keeps Windows-1252 text and replaces the rest', () => {
    expect(toWinAnsi('Élodie Œuvre €5 – “ok”')).toBe('Élodie Œuvre €5 – “ok”');
    expect(toWinAnsi('Łódź 王')).toBe('Lódz ?');
    expect(toWinAnsi('10:00\u202fAM ; ok\u2009!')).toBe('10:00\u00a0AM ; ok !');
  });
});
