import PDFDocument from 'pdfkit';
import { probePhoto } from './image-header.util';
import { contentWidth, ensureSpace, MUTED, PAGE_MARGIN, table, TEXT, type Doc } from './report-table.util';
import { REPORT_MESSAGES, reportMessages, type ReportMessages } from './report-i18n.constants';
import { countryIn, imageCaption } from './report-names.util';
import { toWinAnsi } from './win-ansi.util';
import type { ReportField, ReportImage, ReportInput, ReportTask } from './rendering.interface';

const ACCENT = '#0f4c5c';

const NOTICE_FONT = 'Helvetica-Bold';
const NOTICE_SIZE = 9.5;
const NOTICE_PADDING = 9;

function parseDate(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** What every part of a report needs: its texts and its locale's formats. */
interface Language {
  text: ReportMessages;
  locale: string;
  /** A moment in UTC as the locale writes it, to the second; an unreadable one as given. */
  moment: (iso: string) => string;
  score: (score: number | undefined) => string;
}

// Fields whose values are the English names of countries: shown in the report's language.
const COUNTRY_FIELDS: ReadonlySet<string> = new Set(['nationality', 'issuing_country']);

function languageOf(locale: string): Language {
  // A locale the reports do not speak gets en-US formats too, so that words and formats never mix.
  const known = locale in REPORT_MESSAGES ? locale : 'en-US';
  const text = reportMessages(known);
  const moments = new Intl.DateTimeFormat(known, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' });
  const scores = new Intl.NumberFormat(known, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return {
    text,
    locale: known,
    moment: (iso) => {
      const date = parseDate(iso);
      return date ? moments.format(date) : iso;
    },
    score: (score) => (score === undefined || !Number.isFinite(score) ? '-' : scores.format(score)),
  };
}

function languageName(locale: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: 'language', languageDisplay: 'standard' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/**
 * Renders the PDF audit report of a completed transaction (A4, built-in Helvetica, no external files), in the
 * transaction's `locale` (en-US, nl-NL or fr-FR; en-US for any other): texts, dates, numbers, country names and
 * image captions; the extracted values themselves stay as read. `simple`:
 * the transaction and result ids, timestamps, the tasks with states and scores and the fields table (field,
 * value, validity, source), marked "not sealed". `extended`: the same, plus every image on a page of its own,
 * marked with an emulated seal (the emulator applies no real digital signature). The PDF's creation date is
 * `completedAt`, so the same input always gives the same bytes.
 */
export function renderReport(input: ReportInput): Promise<Buffer> {
  const extended = input.type === 'extended';
  const language = languageOf(input.locale);
  const { text } = language;
  const created = parseDate(input.completedAt) ?? parseDate(input.createdAt) ?? new Date(0);
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE_MARGIN,
    bufferPages: true,
    displayTitle: true,
    lang: input.locale,
    info: {
      Title: toWinAnsi(text.title),
      Author: toWinAnsi(text.author),
      Subject: toWinAnsi(`Transaction ${input.transactionId}, result ${input.resultId}`),
      Keywords: extended ? 'id-scan, audit, extended, emulated seal' : 'id-scan, audit, simple, not sealed',
      Creator: 'nestjs-id-scan-emulator',
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

  try {
    writeHeading(doc, input, text);
    writeSummary(doc, input, language);
    writeTasks(doc, input.tasks, language);
    writeFields(doc, input.fields, language);
    writeSealNote(doc, extended, text);
    if (extended) {
      for (const image of input.images ?? []) {
        writeImagePage(doc, image, language);
      }
    }
    writePageNumbers(doc, extended, text);
    doc.end();
  } catch (error) {
    doc.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}

function writeHeading(doc: Doc, input: ReportInput, text: ReportMessages): void {
  doc.font('Helvetica-Bold').fontSize(22).fillColor(TEXT).text(toWinAnsi(text.title));
  doc.moveDown(0.2).font('Helvetica').fontSize(11).fillColor(MUTED).text(toWinAnsi(text.subtitle[input.type]));
  const top = doc.y + 10;
  const notice = toWinAnsi(text.notice);
  const box = noticeBox(doc, notice);
  doc.rect(PAGE_MARGIN, top, box.width, box.height).fill('#fef3c7');
  doc
    .font(NOTICE_FONT)
    .fontSize(NOTICE_SIZE)
    .fillColor('#92400e')
    .text(notice, PAGE_MARGIN + NOTICE_PADDING, top + NOTICE_PADDING, { width: box.innerWidth });
  doc.x = PAGE_MARGIN;
  doc.y = top + box.height + 12;
}

/** The notice's box: as wide as the page's content, and as high as `notice` wrapped to its inner width needs. */
export function noticeBox(doc: Doc, notice: string): { width: number; innerWidth: number; height: number } {
  const width = contentWidth(doc);
  const innerWidth = width - 2 * NOTICE_PADDING;
  doc.font(NOTICE_FONT).fontSize(NOTICE_SIZE);
  const height = doc.heightOfString(notice, { width: innerWidth });
  return { width, innerWidth, height: Math.ceil(height + 2 * NOTICE_PADDING) };
}

function sectionTitle(doc: Doc, title: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13).fillColor(ACCENT).text(toWinAnsi(title), PAGE_MARGIN);
  const y = doc.y + 3;
  doc
    .moveTo(PAGE_MARGIN, y)
    .lineTo(PAGE_MARGIN + contentWidth(doc), y)
    .lineWidth(1)
    .strokeColor(ACCENT)
    .stroke();
  doc.y = y + 8;
}

function writeSummary(doc: Doc, input: ReportInput, { text, locale, moment }: Language): void {
  const s = text.summary;
  sectionTitle(doc, text.sections.transaction);
  const rows: [string, string][] = [
    [s.transactionId, input.transactionId],
    [s.resultId, input.resultId],
    [s.created, moment(input.createdAt)],
    [s.completed, moment(input.completedAt)],
    [s.locale, `${languageName(input.locale, locale)} (${input.locale})`],
    [s.reportType, text.reportTypes[input.type]],
  ];
  table(
    doc,
    [
      { title: s.property, width: 0.3 },
      { title: s.value, width: 0.7 },
    ],
    rows,
    false,
  );
}

function writeTasks(doc: Doc, tasks: readonly ReportTask[], { text, score }: Language): void {
  const columns = text.taskColumns;
  sectionTitle(doc, text.sections.tasks);
  table(
    doc,
    [
      { title: columns.task, width: 0.45 },
      { title: columns.state, width: 0.3 },
      { title: columns.score, width: 0.25 },
    ],
    tasks.map((task) => [text.tasks[task.type] ?? task.type, text.states[task.state] ?? task.state, score(task.score)]),
  );
}

function writeFields(doc: Doc, fields: readonly ReportField[], { text, locale }: Language): void {
  const columns = text.fieldColumns;
  sectionTitle(doc, text.sections.fields);
  if (fields.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(toWinAnsi(text.noFields), PAGE_MARGIN);
    return;
  }
  table(
    doc,
    [
      { title: columns.field, width: 0.26 },
      { title: columns.value, width: 0.4 },
      { title: columns.validity, width: 0.17 },
      { title: columns.source, width: 0.17 },
    ],
    fields.map((field) => [
      text.fields[field.field] ?? field.field,
      COUNTRY_FIELDS.has(field.field) ? countryIn(field.value, locale) : field.value,
      text.validity[field.validity] ?? field.validity,
      text.sources[field.source] ?? field.source,
    ]),
  );
}

function writeSealNote(doc: Doc, extended: boolean, text: ReportMessages): void {
  sectionTitle(doc, text.sections.seal);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(TEXT)
    .text(toWinAnsi(extended ? text.sealed : text.notSealed), PAGE_MARGIN, doc.y, { width: contentWidth(doc) });
}

function writeImagePage(doc: Doc, image: ReportImage, { text, locale }: Language): void {
  doc.addPage();
  doc
    .font('Helvetica-Bold')
    .fontSize(15)
    .fillColor(TEXT)
    .text(toWinAnsi(imageCaption(image.label, locale, text)), PAGE_MARGIN);
  doc.moveDown(0.3).font('Helvetica').fontSize(9.5).fillColor(MUTED).text(toWinAnsi(text.imageSealed), PAGE_MARGIN);
  const top = doc.y + 12;
  const box = {
    width: contentWidth(doc),
    height: doc.page.height - top - PAGE_MARGIN - 40,
  };
  const info = probePhoto(image.data);
  if (info) {
    // Never enlarged beyond one point per pixel: small images stay sharp.
    const fit: [number, number] = [Math.min(box.width, info.width), Math.min(box.height, info.height)];
    const left = PAGE_MARGIN + (box.width - fit[0]) / 2;
    doc.image(image.data, left, top, { fit, align: 'center' });
  } else {
    doc.font('Helvetica-Oblique').fontSize(10).fillColor(MUTED).text(toWinAnsi(text.notAnImage), PAGE_MARGIN, top);
  }
}

function writePageNumbers(doc: Doc, extended: boolean, text: ReportMessages): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - PAGE_MARGIN + 10;
    // The footer sits in the bottom margin; without this pdfkit would break to a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(toWinAnsi(text.footer(extended ? 'sealed' : 'not-sealed', i + 1, range.count)), PAGE_MARGIN, y, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
}
