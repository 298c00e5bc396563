import type { JimpInstance } from 'jimp';

// Per-pixel code reads these from module constants: a global lookup per call costs a microsecond inside
// sandboxed hosts such as Jest's VM contexts, which turns a 5 ms fill into a second.
const { ceil, floor, hypot, imul, max, min, round, sqrt } = Math;

/**
 * Small raster primitives on a jimp bitmap (RGBA, row-major). jimp 1.x has no shape drawing, and writing the
 * buffer directly keeps a whole document render in a few milliseconds.
 */

/** A colour as `0xRRGGBB`. */
export type Rgb = number;

/** An axis-aligned rectangle in pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

function blendPixel(image: JimpInstance, x: number, y: number, color: Rgb, alpha: number): void {
  const { width, height, data } = image.bitmap;
  if (x < 0 || y < 0 || x >= width || y >= height || alpha <= 0) {
    return;
  }
  const i = (y * width + x) * 4;
  const a = min(1, alpha);
  data[i] = round(data[i] + (((color >> 16) & 0xff) - data[i]) * a);
  data[i + 1] = round(data[i + 1] + (((color >> 8) & 0xff) - data[i + 1]) * a);
  data[i + 2] = round(data[i + 2] + ((color & 0xff) - data[i + 2]) * a);
  data[i + 3] = 255;
}

/** Fills `rect` with `color`, blended at `alpha` (1 = opaque). */
export function fillRect(image: JimpInstance, rect: Rect, color: Rgb, alpha = 1): void {
  const x0 = max(0, round(rect.x));
  const y0 = max(0, round(rect.y));
  const x1 = min(image.bitmap.width, round(rect.x + rect.w));
  const y1 = min(image.bitmap.height, round(rect.y + rect.h));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      blendPixel(image, x, y, color, alpha);
    }
  }
}

/** Fills `rect` with a vertical gradient from `top` to `bottom`. */
export function fillVerticalGradient(image: JimpInstance, rect: Rect, top: Rgb, bottom: Rgb): void {
  const rows = max(1, rect.h - 1);
  for (let row = 0; row < rect.h; row++) {
    fillRect(image, { x: rect.x, y: rect.y + row, w: rect.w, h: 1 }, mix(top, bottom, row / rows));
  }
}

/** Fills the ellipse centred on (`cx`, `cy`) with radii `rx`, `ry`; edges are anti-aliased. */
export function fillEllipse(
  image: JimpInstance,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
  color: Rgb,
  alpha = 1,
): void {
  for (let y = floor(cy - ry - 1); y <= ceil(cy + ry + 1); y++) {
    for (let x = floor(cx - rx - 1); x <= ceil(cx + rx + 1); x++) {
      const dx = (x + 0.5 - cx) / rx;
      const dy = (y + 0.5 - cy) / ry;
      // Distance outside the edge in pixels, approximately; gives a one-pixel soft edge.
      const outside = (sqrt(dx * dx + dy * dy) - 1) * min(rx, ry);
      const coverage = max(0, min(1, 0.5 - outside));
      blendPixel(image, x, y, color, alpha * coverage);
    }
  }
}

/** Draws a round-capped line of `width` pixels from (`x0`, `y0`) to (`x1`, `y1`). */
export function drawLine(
  image: JimpInstance,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  width: number,
  color: Rgb,
  alpha = 1,
): void {
  const r = width / 2;
  const minX = floor(min(x0, x1) - r - 1);
  const maxX = ceil(max(x0, x1) + r + 1);
  const minY = floor(min(y0, y1) - r - 1);
  const maxY = ceil(max(y0, y1) + r + 1);
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy || 1;
  for (let y = minY; y <= maxY; y++) {
    for (let x = minX; x <= maxX; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const t = max(0, min(1, ((px - x0) * dx + (py - y0) * dy) / lengthSquared));
      const distance = hypot(px - (x0 + t * dx), py - (y0 + t * dy));
      const coverage = max(0, min(1, r - distance + 0.5));
      blendPixel(image, x, y, color, alpha * coverage);
    }
  }
}

/** Draws a polyline through `points` (`[x, y]` pairs). */
export function drawPolyline(
  image: JimpInstance,
  points: readonly (readonly [number, number])[],
  width: number,
  color: Rgb,
  alpha = 1,
): void {
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1];
    const [bx, by] = points[i];
    drawLine(image, ax, ay, bx, by, width, color, alpha);
  }
}

/** Outlines `rect` with a border of `width` pixels. */
export function strokeRect(image: JimpInstance, rect: Rect, width: number, color: Rgb, alpha = 1): void {
  fillRect(image, { x: rect.x, y: rect.y, w: rect.w, h: width }, color, alpha);
  fillRect(image, { x: rect.x, y: rect.y + rect.h - width, w: rect.w, h: width }, color, alpha);
  fillRect(image, { x: rect.x, y: rect.y + width, w: width, h: rect.h - 2 * width }, color, alpha);
  fillRect(
    image,
    {
      x: rect.x + rect.w - width,
      y: rect.y + width,
      w: width,
      h: rect.h - 2 * width,
    },
    color,
    alpha,
  );
}

/** Linear interpolation between two colours, `t` in 0..1. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const channel = (shift: number): number =>
    round(((a >> shift) & 0xff) + (((b >> shift) & 0xff) - ((a >> shift) & 0xff)) * t);
  return (channel(16) << 16) | (channel(8) << 8) | channel(0);
}

/**
 * A 32-bit FNV-1a hash of `text`: the renderers derive every "random" choice (colours, face shape, signature
 * strokes) from it, so the same identity always looks the same.
 */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A deterministic pseudo-random generator (mulberry32) seeded from `seed`; returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws `source` over `target` with its top-left corner at (`x`, `y`), blending by the source's alpha. Much
 * faster than jimp's general `composite`, which the renderers would otherwise spend most of their time in.
 */
export function drawImage(target: JimpInstance, source: JimpInstance, x: number, y: number): void {
  const dst = target.bitmap;
  const src = source.bitmap;
  const left = round(x);
  const top = round(y);
  const x0 = max(0, -left);
  const y0 = max(0, -top);
  const x1 = min(src.width, dst.width - left);
  const y1 = min(src.height, dst.height - top);
  for (let sy = y0; sy < y1; sy++) {
    let s = (sy * src.width + x0) * 4;
    let d = ((sy + top) * dst.width + x0 + left) * 4;
    for (let sx = x0; sx < x1; sx++, s += 4, d += 4) {
      const a = src.data[s + 3];
      if (a === 0) {
        continue;
      }
      if (a === 255) {
        dst.data[d] = src.data[s];
        dst.data[d + 1] = src.data[s + 1];
        dst.data[d + 2] = src.data[s + 2];
      } else {
        const k = a / 255;
        dst.data[d] += (src.data[s] - dst.data[d]) * k;
        dst.data[d + 1] += (src.data[s + 1] - dst.data[d + 1]) * k;
        dst.data[d + 2] += (src.data[s + 2] - dst.data[d + 2]) * k;
      }
      dst.data[d + 3] = max(dst.data[d + 3], a);
    }
  }
}
