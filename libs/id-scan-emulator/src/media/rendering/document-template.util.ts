import { Jimp } from 'jimp';
import type { JimpInstance } from 'jimp';
import { drawLine, drawPolyline, fillRect, fillVerticalGradient, mix, strokeRect } from './bitmap-drawing.util';
import type { Rect, Rgb } from './bitmap-drawing.util';
import { getFont, printFitted, printText, styledWidth } from './bitmap-font.util';
import type { TextStyle } from './bitmap-font.util';
import { DOCUMENT_HEIGHT, DOCUMENT_WIDTH, HEADER_HEIGHT, documentLayout } from './document-layout.util';
import type { EmulatedDocumentType } from '../../simulation/identities/scanned-identity.interface';
import type { DocumentSide } from './rendering.interface';

// Per-pixel code reads these from module constants: a global lookup per call costs a microsecond inside
// sandboxed hosts such as Jest's VM contexts, which turns a 5 ms fill into a second.
const { PI, cos, max, round, sin } = Math;

/** The colours of one document type. */
export interface Theme {
  header: Rgb;
  bodyTop: Rgb;
  bodyBottom: Rgb;
  pattern: Rgb;
  label: Rgb;
}

/** The colours of each document type. */
export const THEMES: Record<EmulatedDocumentType, Theme> = {
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

/** The text styles a document is printed with. */
export interface Styles {
  label: TextStyle;
  value: TextStyle[];
  large: TextStyle[];
  mrz: TextStyle;
  headerTitle: TextStyle[];
  headerNote: TextStyle;
  caption: TextStyle;
}

/** The text styles of a theme (the fonts are loaded once and cached). */
export async function stylesFor(theme: Theme): Promise<Styles> {
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

/** The drawn parts of a document type and side that do not depend on the person, drawn once and cached. */
export function documentTemplate(type: EmulatedDocumentType, side: DocumentSide): Promise<JimpInstance> {
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

/** The red "SPECIMEN" overprint, drawn once and cached. */
export function specimenWatermark(): Promise<JimpInstance> {
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
