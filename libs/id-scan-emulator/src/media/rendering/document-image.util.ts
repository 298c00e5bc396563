import type { JimpInstance } from 'jimp';
import {
  drawImage,
  drawLine,
  drawPolyline,
  fillRect,
  hashOf,
  mix,
  seededRandom,
  strokeRect,
} from './bitmap-drawing.util';
import type { Rect, Rgb } from './bitmap-drawing.util';
import { printFitted, printText, styledWidth } from './bitmap-font.util';
import type { TextStyle } from './bitmap-font.util';
import { DOCUMENT_HEIGHT, DOCUMENT_WIDTH, VALUE_OFFSET, documentLayout, valueBox } from './document-layout.util';
import type { DocumentLayout, MrzArea } from './document-layout.util';
import { encodeImage } from './image-codec.util';
import { composeMrz, type Mrz } from '../../simulation/identities/mrz.util';
import { documentTemplate, specimenWatermark, stylesFor, THEMES } from './document-template.util';
import { identitySeed, personPicture } from './person-picture.util';
import type { DocumentImageInput, RenderedIdentity } from './rendering.interface';

// Per-pixel code reads these from module constants: a global lookup per call costs a microsecond inside
// sandboxed hosts such as Jest's VM contexts, which turns a 5 ms fill into a second.
const { PI, cos, floor, round, sin } = Math;

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
    documentTemplate(identity.documentType, side),
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
