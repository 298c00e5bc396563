import { Jimp } from 'jimp';
import type { JimpInstance } from 'jimp';
import { drawLine, fillEllipse, fillVerticalGradient, mix, seededRandom } from './bitmap-drawing.util';
import type { Rgb } from './bitmap-drawing.util';

const SKIN: readonly Rgb[] = [0xf1d2b6, 0xe0ac84, 0xc68642, 0x9c6b43, 0x70482c, 0xf5e0cf];
const HAIR: readonly Rgb[] = [0x2b1b12, 0x4a3020, 0x8d5a2b, 0xc9a063, 0x1c1c1c, 0x6e6e6e, 0xa0522d];
const CLOTHES: readonly Rgb[] = [0x2f4858, 0x33658a, 0x55286f, 0x3a5a40, 0x7f1d1d, 0x334155, 0x9a3412];
const BACKDROPS: readonly [Rgb, Rgb][] = [
  [0xe8eef4, 0xc9d6e3],
  [0xeef0f2, 0xd5d9de],
  [0xf0ebe3, 0xd8cfc2],
];

function luminance(color: Rgb): number {
  return 0.3 * ((color >> 16) & 0xff) + 0.59 * ((color >> 8) & 0xff) + 0.11 * (color & 0xff);
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length) % items.length];
}

/**
 * A head-and-shoulders drawing that stands in for a photo: the same `seed` always gives the same person (skin,
 * hair, clothes and proportions vary with it). `backdrop` replaces the plain studio background.
 */
export function createGeneratedFace(width: number, height: number, seed: number, backdrop?: [Rgb, Rgb]): JimpInstance {
  const image = new Jimp({ width, height, color: 0xffffffff });
  const random = seededRandom(seed);
  // Drawn from the generator even when replaced, so a backdrop never changes the person.
  const studio = pick(BACKDROPS, random);
  const [top, bottom] = backdrop ?? studio;
  fillVerticalGradient(image, { x: 0, y: 0, w: width, h: height }, top, bottom);

  const skin = pick(SKIN, random);
  const pickedHair = pick(HAIR, random);
  // Hair as dark as the skin would make the head one blob; such pairs get black hair or grey hair instead.
  const hair =
    Math.abs(luminance(pickedHair) - luminance(skin)) < 60 ? (luminance(skin) > 110 ? 0x1c1c1c : 0xb0b0b0) : pickedHair;
  const clothes = pick(CLOTHES, random);
  const shade = mix(skin, 0x000000, 0.18);
  const cx = width / 2;
  const headRx = width * (0.2 + random() * 0.04);
  const headRy = headRx * (1.22 + random() * 0.1);
  const headCy = height * 0.42;
  const longHair = random() < 0.45;

  if (longHair) {
    fillEllipse(image, cx, headCy + headRy * 0.15, headRx * 1.22, headRy * 1.12, hair);
  }
  // Neck, shoulders over its base, and the neckline.
  fillEllipse(image, cx, headCy + headRy * 1.05, headRx * 0.42, headRy * 0.55, shade);
  fillEllipse(image, cx, height * 1.02, width * 0.48, height * 0.26, clothes);
  fillEllipse(image, cx, height * 0.765, headRx * 0.42, height * 0.03, shade);
  // Ears, head, hair on top.
  fillEllipse(image, cx - headRx * 0.98, headCy + headRy * 0.05, headRx * 0.16, headRy * 0.2, shade);
  fillEllipse(image, cx + headRx * 0.98, headCy + headRy * 0.05, headRx * 0.16, headRy * 0.2, shade);
  fillEllipse(image, cx, headCy, headRx, headRy, skin);
  fillEllipse(image, cx, headCy - headRy * 0.62, headRx * 1.04, headRy * 0.46, hair);
  fillEllipse(image, cx, headCy - headRy * 0.32, headRx * 0.86, headRy * 0.2, skin);

  // Eyes, brows, nose and mouth.
  const eyeY = headCy - headRy * 0.02;
  const eyeDx = headRx * 0.4;
  const eyeRx = headRx * 0.14;
  const eyeRy = headRy * 0.07;
  for (const side of [-1, 1]) {
    fillEllipse(image, cx + side * eyeDx, eyeY, eyeRx, eyeRy, 0xfafafa);
    fillEllipse(image, cx + side * eyeDx, eyeY, eyeRy * 0.95, eyeRy * 0.95, mix(hair, 0x3b5b7a, 0.5));
    fillEllipse(image, cx + side * eyeDx, eyeY, eyeRy * 0.45, eyeRy * 0.45, 0x111111);
    drawLine(
      image,
      cx + side * (eyeDx - eyeRx * 1.1),
      eyeY - eyeRy * 2.6,
      cx + side * (eyeDx + eyeRx * 1.1),
      eyeY - eyeRy * (2.9 + random() * 0.6),
      Math.max(2, headRx * 0.05),
      mix(hair, 0x000000, 0.2),
    );
  }
  const noseTop = eyeY + eyeRy;
  const noseBottom = headCy + headRy * 0.3;
  drawLine(image, cx, noseTop, cx - headRx * 0.07, noseBottom, Math.max(1.5, headRx * 0.03), shade);
  drawLine(image, cx - headRx * 0.07, noseBottom, cx + headRx * 0.08, noseBottom, Math.max(1.5, headRx * 0.03), shade);
  const mouthY = headCy + headRy * 0.52;
  const mouthW = headRx * (0.3 + random() * 0.12);
  fillEllipse(image, cx, mouthY, mouthW, headRy * 0.055, mix(skin, 0x9b2335, 0.55));
  return image;
}
