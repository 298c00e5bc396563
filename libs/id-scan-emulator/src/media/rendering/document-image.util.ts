import { Jimp } from 'jimp';
import type { JimpInstance } from 'jimp';
import {
  drawImage,
  drawLine,
  drawPolyline,
  fillRect,
  fillVerticalGradient,
  hashOf,
  mix,
  seededRandom,
  strokeRect,
} from './bitmap-drawing.util';
import type { Rect, Rgb } from './bitmap-drawing.util';
import { getFont, printFitted, printText, styledWidth } from './bitmap-font.util';
import type { TextStyle } from './bitmap-font.util';
import {
  DOCUMENT_HEIGHT,
  DOCUMENT_WIDTH,
  HEADER_HEIGHT,
  VALUE_OFFSET,
  documentLayout,
  valueBox,
} from './document-layout.util';
import type { DocumentLayout, MrzArea } from './document-layout.util';
import { encodeImage } from './image-codec.util';
import { composeMrz, type Mrz } from '../../simulation/identities/mrz.util';
import type { EmulatedDocumentType } from '../../simulation/identities/scanned-identity.interface';
import { identitySeed, personPicture } from './person-picture.util';
import type { DocumentImageInput, DocumentSide, RenderedIdentity } from './rendering.interface';

// Per-pixel code reads these from module constants: a global lookup per call costs a microsecond inside
// sandboxed hosts such as Jest's VM contexts, which turns a 5 ms fill into a second.
const { PI, cos, floor, max, round, sin } = Math;

interface Theme {
  header: Rgb;
  bodyTop: Rgb;
  bodyBottom: Rgb;
  pattern: Rgb;
  label: Rgb;
}

const THEMES: Record<EmulatedDocumentType, Theme> = {
  PASSPORT: {
    header: 0x6b1d3a,
    bodyTop: 0xf7eff3,
    bodyBottom: 0xeadff0,
    pattern: 0xd9bccd,
    label: 0x6b1d3a,
  },
  ID_CARD: {
    header: 0x0f4c5c,
    bodyTop: 0xecf5f7,
    bodyBottom: 0xd5e8ee,
    pattern: 0xaacbd6,
    label: 0x0f4c5c,
  },
};

const REDACTION = 0x000000;
const INK = 0x1e2a5a;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * The date as documents print it (`12 AUG 1974`); anything that is not `YYYY-MM-DD` is printed as given.
 */
export function printedDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${match[3]} ${month} ${match[1]}` : date;
}

/** The printed value of each result field on the emulated documents. */
export function printedFields(identity: RenderedIdentity): Record<string, string> {
  return {
    document_type: identity.documentType === 'PASSPORT' ? 'P' : 'I',
    issuing_country: identity.issuingCountryCode.toUpperCase(),
    document_number: identity.documentNumber.toUpperCase(),
    surname: identity.surname.toUpperCase(),
    given_names: identity.givenNames.toUpperCase(),
    nationality: identity.nationality.toUpperCase(),
    date_of_birth: printedDate(identity.dateOfBirth),
    sex: identity.sex,
    place_of_birth: identity.placeOfBirth.toUpperCase(),
    date_of_issue: printedDate(identity.dateOfIssue),
    date_of_expiry: printedDate(identity.dateOfExpiry),
    personal_number: identity.personalNumber ?? '',
    issuing_authority: (identity.issuingAuthority ?? 'ID SCAN EMULATOR').toUpperCase(),
  };
}

interface Styles {
  label: TextStyle;
  value: TextStyle[];
  large: TextStyle[];
  mrz: TextStyle;
  headerTitle: TextStyle[];
  headerNote: TextStyle;
  caption: TextStyle;
}

async function stylesFor(theme: Theme): Promise<Styles> {
  const [label, big, white32, white16] = await Promise.all([
    getFont(12, theme.label),
    getFont(32),
    getFont(32, 0xffffff),
    getFont(16, 0xffffff),
  ]);
  return {
    label: { font: label },
    value: [
      { font: big, scale: 0.68 },
      { font: big, scale: 0.55 },
    ],
    large: [{ font: big }, { font: big, scale: 0.8 }, { font: big, scale: 0.68 }, { font: big, scale: 0.55 }],
    mrz: { font: big },
    headerTitle: [{ font: white32 }, { font: white32, scale: 0.8 }],
    headerNote: { font: white16 },
    caption: { font: label },
  };
}

// The parts of a document that do not depend on the person are drawn once per type and side.
const templates = new Map<string, Promise<JimpInstance>>();

function template(type: EmulatedDocumentType, side: DocumentSide): Promise<JimpInstance> {
  const key = `${type}:${side}`;
  let pending = templates.get(key);
  if (!pending) {
    pending = drawTemplate(type, side);
    pending.catch(() => templates.delete(key));
    templates.set(key, pending);
  }
  return pending;
}

async function drawTemplate(type: EmulatedDocumentType, side: DocumentSide): Promise<JimpInstance> {
  const theme = THEMES[type];
  const layout = documentLayout(type, side);
  const styles = await stylesFor(theme);
  const image = new Jimp({
    width: DOCUMENT_WIDTH,
    height: DOCUMENT_HEIGHT,
    color: 0xffffffff,
  });

  fillVerticalGradient(
    image,
    {
      x: 0,
      y: HEADER_HEIGHT,
      w: DOCUMENT_WIDTH,
      h: DOCUMENT_HEIGHT - HEADER_HEIGHT,
    },
    theme.bodyTop,
    theme.bodyBottom,
  );
  drawGuilloche(image, theme.pattern, type === 'PASSPORT' ? 7 : 11);
  fillVerticalGradient(
    image,
    { x: 0, y: 0, w: DOCUMENT_WIDTH, h: HEADER_HEIGHT },
    mix(theme.header, 0xffffff, 0.12),
    theme.header,
  );
  printFitted(image, styles.headerTitle, 36, 12, layout.title, 620);
  const note = 'SPECIMEN - ID SCAN EMULATOR';
  printText(image, styles.headerNote, DOCUMENT_WIDTH - 36 - styledWidth(styles.headerNote, note), 18, note);
  const subNote = 'NOT A REAL DOCUMENT / SANS VALEUR';
  printText(image, styles.headerNote, DOCUMENT_WIDTH - 36 - styledWidth(styles.headerNote, subNote), 44, subNote);

  for (const slot of layout.fields) {
    printText(image, styles.label, slot.x, slot.y, slot.label);
  }
  if (layout.portrait) {
    fillRect(image, layout.portrait, 0xffffff, 0.6);
  }
  if (layout.signature) {
    printText(image, styles.caption, layout.signature.x, layout.signature.y, "Holder's signature / Signature");
    drawLine(
      image,
      layout.signature.x,
      layout.signature.y + layout.signature.h - 2,
      layout.signature.x + layout.signature.w,
      layout.signature.y + layout.signature.h - 2,
      1,
      theme.pattern,
    );
  }
  if (layout.chip) {
    drawChip(image, layout.chip);
  }
  if (layout.endorsements) {
    drawEndorsements(image, layout.endorsements, theme, styles);
  }
  if (layout.mrz) {
    fillRect(image, layout.mrz.band, 0xffffff, 0.72);
  }
  return image;
}

function drawGuilloche(image: JimpInstance, color: Rgb, waves: number): void {
  for (let wave = 0; wave < waves; wave++) {
    const baseY = HEADER_HEIGHT + 40 + wave * ((DOCUMENT_HEIGHT - HEADER_HEIGHT - 80) / max(1, waves - 1));
    const amplitude = 16 + (wave % 3) * 7;
    const frequency = 0.011 + (wave % 4) * 0.003;
    for (const phase of [0, PI / 2]) {
      const points: [number, number][] = [];
      for (let x = 0; x <= DOCUMENT_WIDTH; x += 6) {
        points.push([x, baseY + amplitude * sin(x * frequency + phase + wave)]);
      }
      drawPolyline(image, points, 1.2, color, 0.55);
    }
  }
  // A rosette behind the fields, as on real security printing.
  const cx = DOCUMENT_WIDTH * 0.66;
  const cy = DOCUMENT_HEIGHT * 0.45;
  for (let ring = 0; ring < 24; ring++) {
    const angle = (ring / 24) * PI;
    const points: [number, number][] = [];
    for (let t = 0; t <= PI * 2 + 0.01; t += 0.08) {
      const r = 150 + 30 * sin(6 * t);
      const x = r * cos(t);
      const y = r * 0.55 * sin(t);
      points.push([cx + x * cos(angle) - y * sin(angle), cy + x * sin(angle) + y * cos(angle)]);
    }
    drawPolyline(image, points, 1, color, 0.35);
  }
}

function drawChip(image: JimpInstance, chip: Rect): void {
  fillRect(image, chip, 0xc9a646);
  fillRect(image, { x: chip.x + 3, y: chip.y + 3, w: chip.w - 6, h: chip.h - 6 }, 0xe4c86a);
  const midX = chip.x + chip.w / 2;
  const midY = chip.y + chip.h / 2;
  drawLine(image, chip.x, midY, chip.x + chip.w, midY, 2, 0x9c7d2c);
  drawLine(image, midX, chip.y, midX, chip.y + chip.h, 2, 0x9c7d2c);
  drawLine(image, chip.x, chip.y + chip.h * 0.25, chip.x + chip.w * 0.3, chip.y + chip.h * 0.25, 2, 0x9c7d2c);
  drawLine(image, chip.x, chip.y + chip.h * 0.75, chip.x + chip.w * 0.3, chip.y + chip.h * 0.75, 2, 0x9c7d2c);
  drawLine(image, chip.x + chip.w * 0.7, chip.y + chip.h * 0.25, chip.x + chip.w, chip.y + chip.h * 0.25, 2, 0x9c7d2c);
  drawLine(image, chip.x + chip.w * 0.7, chip.y + chip.h * 0.75, chip.x + chip.w, chip.y + chip.h * 0.75, 2, 0x9c7d2c);
  strokeRect(image, { x: midX - 14, y: midY - 12, w: 28, h: 24 }, 2, 0x9c7d2c);
}

function drawEndorsements(image: JimpInstance, area: Rect, theme: Theme, styles: Styles): void {
  printText(image, styles.label, area.x, area.y, 'Endorsements / Mentions');
  for (let y = area.y + 50; y < area.y + area.h; y += 40) {
    drawLine(image, area.x, y, area.x + area.w, y, 1, theme.pattern);
  }
  printText(
    image,
    { font: styles.label.font, scale: 1.3 },
    area.x + 8,
    area.y + 24,
    'No endorsements / Aucune mention',
  );
}

// The diagonal "SPECIMEN" overprint lies over everything but the redaction boxes.
let watermark: Promise<JimpInstance> | undefined;

function specimenWatermark(): Promise<JimpInstance> {
  watermark ??= (async () => {
    const font = await getFont(64, 0xc81e1e);
    const text = 'SPECIMEN';
    const style: TextStyle = { font };
    const layer = new Jimp({
      width: styledWidth(style, text) + 8,
      height: font.common.lineHeight + 8,
      color: 0xc81e1e00,
    });
    printText(layer, style, 4, 4, text);
    layer.scale(2);
    layer.rotate({ deg: 14 });
    const data = layer.bitmap.data;
    for (let i = 3; i < data.length; i += 4) {
      data[i] = round(data[i] * 0.2);
    }
    return layer;
  })();
  watermark.catch(() => (watermark = undefined));
  return watermark;
}

function drawSignature(image: JimpInstance, area: Rect, identity: RenderedIdentity): void {
  const random = seededRandom(identitySeed(identity) ^ 0x5151);
  const left = area.x + 18;
  const right = area.x + area.w - 24;
  const mid = area.y + 16 + (area.h - 16) * 0.55;
  const height = (area.h - 22) * 0.32;
  // A prolate cycloid: a pen moving right while circling, which reads as joined-up handwriting.
  const loops = 7 + floor(random() * 5);
  const sizes = Array.from({ length: loops + 1 }, () => 0.5 + random() * 0.7);
  const points: [number, number][] = [];
  for (let i = 0; i <= 240; i++) {
    const t = i / 240;
    const phase = t * loops * PI * 2;
    const size = sizes[floor(t * loops)];
    points.push([left + (right - left) * t - 7 * sin(phase), mid - height * size * cos(phase) * (1 - 0.35 * t)]);
  }
  drawPolyline(image, points, 2, INK, 0.9);
  drawLine(image, left - 4, mid + height + 6, right - 40, mid + height, 1.6, INK, 0.75);
}

function drawBarcode(image: JimpInstance, area: Rect, value: string): void {
  fillRect(image, area, 0xffffff);
  let x = area.x + 12;
  const random = seededRandom(hashOf(value));
  while (x < area.x + area.w - 16) {
    const bar = 2 + floor(random() * 3) * 2;
    fillRect(image, { x, y: area.y + 10, w: bar, h: area.h - 20 }, 0x111111);
    x += bar + 2 + floor(random() * 3) * 2;
  }
}

function drawMrz(image: JimpInstance, area: MrzArea, mrz: Mrz, style: TextStyle): void {
  mrz.lines.forEach((line, row) => {
    const y = area.firstLineY + row * area.lineSpacing;
    [...line].forEach((char, column) => {
      const width = styledWidth(style, char);
      printText(image, style, area.x + column * area.cellWidth + (area.cellWidth - width) / 2, y, char);
    });
  });
}

function cover(photo: JimpInstance, rect: Rect): JimpInstance {
  photo.cover({ w: rect.w, h: rect.h });
  return photo;
}

function ghostOf(portrait: JimpInstance, rect: Rect, background: Rgb): JimpInstance {
  const ghost = portrait.clone();
  ghost.cover({ w: rect.w, h: rect.h });
  ghost.greyscale();
  const data = ghost.bitmap.data;
  const r = (background >> 16) & 0xff;
  const g = (background >> 8) & 0xff;
  const b = background & 0xff;
  for (let i = 0; i < data.length; i += 4) {
    data[i] = round(data[i] * 0.35 + r * 0.65);
    data[i + 1] = round(data[i + 1] * 0.35 + g * 0.65);
    data[i + 2] = round(data[i + 2] * 0.35 + b * 0.65);
  }
  return ghost;
}

function redactionBoxes(layout: DocumentLayout, mrz: Mrz | undefined, redact: ReadonlySet<string>): Rect[] {
  const boxes: Rect[] = [];
  for (const slot of layout.fields) {
    if (redact.has(slot.field)) {
      boxes.push(valueBox(slot));
    }
  }
  if (redact.has('portrait')) {
    for (const rect of [layout.portrait, layout.ghostPortrait]) {
      if (rect) {
        boxes.push(rect);
      }
    }
  }
  if (redact.has('signature') && layout.signature) {
    boxes.push({
      ...layout.signature,
      y: layout.signature.y + 16,
      h: layout.signature.h - 16,
    });
  }
  if (layout.mrz && mrz) {
    const area = layout.mrz;
    if (redact.has('mrz')) {
      const lastLine = area.firstLineY + (mrz.lines.length - 1) * area.lineSpacing;
      boxes.push({
        x: area.x - 6,
        y: area.firstLineY - 6,
        w: mrz.lines[0].length * area.cellWidth + 12,
        h: lastLine - area.firstLineY + 46,
      });
    }
    for (const [field, spans] of Object.entries(mrz.spans)) {
      if (!redact.has(field)) {
        continue;
      }
      for (const span of spans) {
        if (span.length > 0) {
          boxes.push({
            x: area.x + span.start * area.cellWidth - 1,
            y: area.firstLineY + span.line * area.lineSpacing - 4,
            w: span.length * area.cellWidth + 2,
            h: 42,
          });
        }
      }
    }
  }
  return boxes;
}

/**
 * Renders one side of the emulated identity document: a 1000 x 630 specimen card (burgundy passport data page
 * with a TD3 MRZ, or a teal identity card with its TD1 MRZ on the back) carrying the identity's printed fields,
 * the portrait (the uploaded photo, or a generated face), a signature and a "SPECIMEN" overprint.
 * `redactFields` are covered by opaque black boxes, both where printed and in the MRZ. Pure: the same input
 * always gives the same image.
 */
export async function renderDocumentImage(input: DocumentImageInput): Promise<Buffer> {
  const { identity, side } = input;
  const theme = THEMES[identity.documentType];
  const layout = documentLayout(identity.documentType, side);
  const [base, styles, overprint] = await Promise.all([
    template(identity.documentType, side),
    stylesFor(theme),
    specimenWatermark(),
  ]);
  const image = base.clone();
  const values = printedFields(identity);

  for (const slot of layout.fields) {
    const value = values[slot.field] ?? '';
    printFitted(image, slot.large ? styles.large : styles.value, slot.x, slot.y + VALUE_OFFSET, value, slot.width - 8);
  }

  const portraitRect = layout.portrait ?? layout.ghostPortrait;
  if (portraitRect) {
    const portrait = await personPicture(identity, input.photo, portraitRect.w, portraitRect.h);
    if (layout.portrait) {
      drawImage(image, cover(portrait.clone(), layout.portrait), layout.portrait.x, layout.portrait.y);
      strokeRect(image, layout.portrait, 2, theme.label, 0.5);
    }
    if (layout.ghostPortrait) {
      const background = mix(theme.bodyTop, theme.bodyBottom, 0.5);
      drawImage(
        image,
        ghostOf(portrait, layout.ghostPortrait, background),
        layout.ghostPortrait.x,
        layout.ghostPortrait.y,
      );
    }
  }
  if (layout.signature) {
    drawSignature(image, layout.signature, identity);
  }
  if (layout.barcode) {
    drawBarcode(image, layout.barcode, identity.documentNumber);
  }
  const mrz = layout.mrz ? composeMrz(identity) : undefined;
  if (layout.mrz && mrz) {
    drawMrz(image, layout.mrz, mrz, styles.mrz);
  }

  drawImage(
    image,
    overprint,
    round((DOCUMENT_WIDTH - overprint.width) / 2),
    round((DOCUMENT_HEIGHT - overprint.height) / 2) + 10,
  );

  for (const box of redactionBoxes(layout, mrz, new Set(input.redactFields))) {
    fillRect(image, box, REDACTION);
  }
  return encodeImage(image, input.format);
}
