import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Jimp, measureText } from 'jimp';
import type { JimpInstance, loadFont } from 'jimp';
import { drawImage } from './bitmap-drawing.util';
import { decodeImage } from './image-codec.util';
import { SANS_10_BLACK, SANS_12_BLACK, SANS_16_BLACK, SANS_32_BLACK, SANS_64_BLACK } from 'jimp/fonts';

/** A bitmap font as jimp loads it. */
export type BitmapFont = Awaited<ReturnType<typeof loadFont>>;

/** The font sizes the renderers use (Open Sans, as shipped with jimp). */
export type FontSize = 10 | 12 | 16 | 32 | 64;

const FONT_FILES: Record<FontSize, string> = {
  10: SANS_10_BLACK,
  12: SANS_12_BLACK,
  16: SANS_16_BLACK,
  32: SANS_32_BLACK,
  64: SANS_64_BLACK,
};

// Loading a font parses its XML and decodes its PNG pages (tens of milliseconds); each size and colour is loaded
// once per process and shared, read-only, by every render.
const cache = new Map<string, Promise<BitmapFont>>();
const colors = new WeakMap<BitmapFont, number>();

/**
 * The font of `size` with its glyphs in `color` (`0xRRGGBB`), loaded once and cached.
 */
export function getFont(size: FontSize, color = 0x000000): Promise<BitmapFont> {
  const key = `${size}:${color}`;
  let font = cache.get(key);
  if (!font) {
    font = readBitmapFont(FONT_FILES[size]).then((loaded) => tint(loaded, color));
    // A failed load must not poison the cache for the life of the process.
    font.catch(() => cache.delete(key));
    cache.set(key, font);
  }
  return font;
}

type Attributes = Record<string, string>;

function elements(xml: string, name: string): Attributes[] {
  const found: Attributes[] = [];
  for (const match of xml.matchAll(new RegExp(`<${name}\\s([^>]*?)/?>`, 'g'))) {
    const attributes: Attributes = {};
    for (const [, key, value] of match[1].matchAll(/(\w+)="([^"]*)"/g)) {
      attributes[key] = value;
    }
    found.push(attributes);
  }
  return found;
}

function numbers(attributes: Attributes): Record<string, number> {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, Number(value)]));
}

/**
 * Reads one of jimp's BMFont (XML) fonts into the structure jimp's `print` expects. jimp's own `loadFont` reaches
 * `fs` through a dynamic `import()`, which hosts without native ES module support (Jest) cannot run.
 */
async function readBitmapFont(file: string): Promise<BitmapFont> {
  const xml = await readFile(file, 'utf8');
  const chars: BitmapFont['chars'] = {};
  for (const char of elements(xml, 'char')) {
    const values = numbers(char);
    chars[String.fromCharCode(values.id)] = values as unknown as BitmapFont['chars'][string];
  }
  const kernings: BitmapFont['kernings'] = {};
  for (const kerning of elements(xml, 'kerning')) {
    const { first, second, amount } = numbers(kerning);
    const from = String.fromCharCode(first);
    kernings[from] = {
      ...kernings[from],
      [String.fromCharCode(second)]: amount,
    };
  }
  const pageFiles = elements(xml, 'page').sort((a, b) => Number(a.id) - Number(b.id));
  const pages = await Promise.all(
    pageFiles.map(async (page) => {
      const image = await decodeImage(await readFile(join(dirname(file), page.file)), 4_000_000);
      if (!image) {
        throw new Error(`Unreadable font page ${page.file}`);
      }
      return image;
    }),
  );
  const [common] = elements(xml, 'common');
  const [info] = elements(xml, 'info');
  return {
    chars,
    kernings,
    pages,
    common: numbers(common ?? {}) as unknown as BitmapFont['common'],
    info: info ?? {},
  } as unknown as BitmapFont;
}

function tint(font: BitmapFont, color: number): BitmapFont {
  if (color === 0x000000) {
    colors.set(font, color);
    return font;
  }
  const r = (color >> 16) & 0xff;
  const g = (color >> 8) & 0xff;
  const b = color & 0xff;
  const pages = font.pages.map((page) => {
    const copy = page.clone();
    const data = copy.bitmap.data;
    for (let i = 0; i < data.length; i += 4) {
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
    }
    return copy;
  });
  const tinted = { ...font, pages };
  colors.set(tinted, color);
  return tinted;
}

/**
 * `text` with every character the font cannot draw replaced by its unaccented form when there is one
 * (`Ł` stays `?`, `Ő` becomes `O`), so printed values degrade gracefully instead of showing boxes.
 */
export function fitToFont(font: BitmapFont, text: string): string {
  let out = '';
  for (const char of text) {
    if (font.chars[char] || /\s/.test(char)) {
      out += char;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}/gu, '');
    out += [...base].every((c) => font.chars[c]) ? base : '?';
  }
  return out;
}

/** Width in pixels of `text` printed in `font`. */
export function textWidth(font: BitmapFont, text: string): number {
  return measureText(font, text);
}

/** A font at a scale: bitmap fonts come in few sizes, and scaling a larger one down keeps glyphs smooth. */
export interface TextStyle {
  font: BitmapFont;
  /** @default 1 */
  scale?: number;
}

/** Width in pixels of `text` in `style`. */
export function styledWidth(style: TextStyle, text: string): number {
  return Math.ceil(textWidth(style.font, fitToFont(style.font, text)) * (style.scale ?? 1));
}

/** Prints `text` on one line with its top-left corner at (`x`, `y`). */
export function printText(image: JimpInstance, style: TextStyle, x: number, y: number, text: string): void {
  const { font } = style;
  const scale = style.scale ?? 1;
  const fitted = fitToFont(font, text);
  if (!fitted.trim()) {
    return;
  }
  if (scale === 1) {
    image.print({ font, x: Math.round(x), y: Math.round(y), text: fitted });
    return;
  }
  // A transparent layer of the glyph colour, so that scaled edges blend into the image instead of into black.
  const layer = new Jimp({
    width: textWidth(font, fitted) + 4,
    height: font.common.lineHeight + 4,
    color: ((colors.get(font) ?? 0) * 256) >>> 0,
  });
  layer.print({ font, x: 2, y: 2, text: fitted });
  layer.scale(scale);
  drawImage(image, layer, x - 2 * scale, y - 2 * scale);
}

/**
 * Prints `text` on one line at (`x`, `y`) in the first of `styles` (largest first) in which it fits `maxWidth`,
 * cutting it with an ellipsis when even the last does not.
 */
export function printFitted(
  image: JimpInstance,
  styles: readonly TextStyle[],
  x: number,
  y: number,
  text: string,
  maxWidth: number,
): void {
  for (const style of styles) {
    if (styledWidth(style, text) <= maxWidth) {
      printText(image, style, x, y, text);
      return;
    }
  }
  const smallest = styles[styles.length - 1];
  let cut = fitToFont(smallest.font, text);
  while (cut.length > 1 && styledWidth(smallest, `${cut}...`) > maxWidth) {
    cut = cut.slice(0, -1);
  }
  printText(image, smallest, x, y, `${cut}...`);
}
