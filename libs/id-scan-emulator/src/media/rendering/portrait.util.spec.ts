import { Jimp } from 'jimp';
import type { JimpInstance } from 'jimp';
import { decodeImage } from './image-codec.util';
import { PORTRAIT_HEIGHT, PORTRAIT_WIDTH, renderPortrait } from './portrait.util';
import type { RenderedIdentity } from './rendering.interface';

const identity: RenderedIdentity = {
  givenNames: 'Jan',
  surname: 'Jansen',
  documentNumber: 'NXC3KL7P2',
  dateOfBirth: '1990-01-31',
  dateOfExpiry: '2030-01-30',
  dateOfIssue: '2020-01-31',
  sex: 'M',
  nationality: 'Netherlands',
  nationalityCode: 'NLD',
  issuingCountryCode: 'NLD',
  placeOfBirth: 'Utrecht',
  documentType: 'ID_CARD',
};

async function decode(buffer: Buffer): Promise<JimpInstance> {
  const image = await decodeImage(buffer, 10_000_000);
  if (!image) throw new Error('undecodable image');
  return image;
}

function pixel(image: JimpInstance, x: number, y: number): [number, number, number] {
  const i = (y * image.bitmap.width + x) * 4;
  const { data } = image.bitmap;
  return [data[i], data[i + 1], data[i + 2]];
}

describe('renderPortrait', () => {
  it('renders a 360 x 450 JPEG by default and a PNG on request', async () => {
    const jpeg = await renderPortrait({ identity });
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const png = await renderPortrait({ identity, format: 'png' });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    for (const image of [await decode(jpeg), await decode(png)]) {
      expect([image.width, image.height]).toEqual([PORTRAIT_WIDTH, PORTRAIT_HEIGHT]);
    }
  });

  it('draws a face: the middle of the picture differs from its corner', async () => {
    const image = await decode(await renderPortrait({ identity, format: 'png' }));
    expect(pixel(image, PORTRAIT_WIDTH / 2, PORTRAIT_HEIGHT * 0.42)).not.toEqual(pixel(image, 5, 5));
  });

  it('draws the same person for the same identity and another for another', async () => {
    const first = await renderPortrait({ identity, format: 'png' });
    expect(first.equals(await renderPortrait({ identity, format: 'png' }))).toBe(true);
    expect(
      first.equals(
        await renderPortrait({
          identity: { ...identity, surname: 'Smit' },
          format: 'png',
        }),
      ),
    ).toBe(false);
  });

  it('uses the uploaded photo', async () => {
    const photo = await new Jimp({
      width: 80,
      height: 100,
      color: 0x1e40ffff,
    }).getBuffer('image/jpeg');
    const image = await decode(await renderPortrait({ identity, photo, format: 'png' }));
    const [r, g, b] = pixel(image, PORTRAIT_WIDTH / 2, PORTRAIT_HEIGHT / 3);
    expect(b).toBeGreaterThan(200);
    expect(r).toBeLessThan(70);
    expect(g).toBeLessThan(100);
  });
});
