import { Jimp } from 'jimp';
import { fitToFont, getFont, printFitted, styledWidth, textWidth } from './bitmap-font.util';

describe('bitmap fonts', () => {
  it('loads a font once and shares it', async () => {
    const font = await getFont(16);
    expect(await getFont(16)).toBe(font);
    expect(font.common.lineHeight).toBeGreaterThan(10);
    expect(textWidth(font, 'MMMM')).toBeGreaterThan(textWidth(font, 'M'));
  });

  it('tints glyphs in the requested colour', async () => {
    const font = await getFont(16, 0xff0000);
    const image = new Jimp({ width: 60, height: 30, color: 0xffffffff });
    image.print({ font, x: 2, y: 2, text: 'HH' });
    const { data } = image.bitmap;
    let reddest = 0;
    for (let i = 0; i < data.length; i += 4) reddest = Math.max(reddest, data[i] - data[i + 1]);
    expect(reddest).toBeGreaterThan(200);
  });

  it('replaces characters the font lacks by their plain letter or a question mark', async () => {
    const font = await getFont(12);
    expect(fitToFont(font, 'Ōsaka')).toBe('Osaka');
    expect(fitToFont(font, '王')).toBe('?');
  });

  it('shrinks, then cuts, text that does not fit', async () => {
    const font = await getFont(32);
    const styles = [{ font }, { font, scale: 0.5 }];
    const image = new Jimp({ width: 400, height: 60, color: 0xffffffff });
    const text = 'A LONG NAME THAT NEVER FITS IN THIS BOX AT ALL';
    expect(styledWidth(styles[1], text)).toBeGreaterThan(100);
    printFitted(image, styles, 0, 0, text, 100);
    const { data, width } = image.bitmap;
    let rightmostInk = 0;
    for (let y = 0; y < 60; y++) {
      for (let x = 0; x < width; x++) {
        if (data[(y * width + x) * 4] < 128) rightmostInk = Math.max(rightmostInk, x);
      }
    }
    expect(rightmostInk).toBeGreaterThan(50);
    expect(rightmostInk).toBeLessThanOrEqual(100);
  });
});
