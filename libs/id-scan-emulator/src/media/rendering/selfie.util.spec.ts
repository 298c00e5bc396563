import type { JimpInstance } from 'jimp';
import { Jimp } from 'jimp';
import { decodeImage } from './image-codec.util';
import type { RenderedIdentity } from './rendering.interface';
import { SELFIE_HEIGHT, SELFIE_WIDTH, renderSelfie } from './selfie.util';

const identity: RenderedIdentity = {
  givenNames: 'Camille',
  surname: 'Dupont',
  documentNumber: '18FR12345',
  dateOfBirth: '1988-06-01',
  dateOfExpiry: '2028-05-31',
  dateOfIssue: '2018-06-01',
  sex: 'F',
  nationality: 'France',
  nationalityCode: 'FRA',
  issuingCountryCode: 'FRA',
  placeOfBirth: 'Lyon',
  documentType: 'PASSPORT',
};

async function decode(buffer: Buffer): Promise<JimpInstance> {
  const image = await decodeImage(buffer, 10_000_000);
  if (!image) throw new Error('undecodable image');
  return image;
}

function average(image: JimpInstance): [number, number, number] {
  const { data } = image.bitmap;
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) {
    sums[0] += data[i];
    sums[1] += data[i + 1];
    sums[2] += data[i + 2];
  }
  const count = data.length / 4;
  return [sums[0] / count, sums[1] / count, sums[2] / count];
}

function brightness(image: JimpInstance, x: number, y: number): number {
  const i = (y * image.bitmap.width + x) * 4;
  const { data } = image.bitmap;
  return (data[i] + data[i + 1] + data[i + 2]) / 3;
}

describe('renderSelfie', () => {
  it('renders a 480 x 640 JPEG by default and a PNG on request', async () => {
    const jpeg = await renderSelfie({ identity, live: true });
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const png = await renderSelfie({ identity, live: true, format: 'png' });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    for (const image of [await decode(jpeg), await decode(png)]) {
      expect([image.width, image.height]).toEqual([SELFIE_WIDTH, SELFIE_HEIGHT]);
    }
  });

  it('shows a failed liveness check as a cold-tinted screen in a dark bezel', async () => {
    const live = await decode(await renderSelfie({ identity, live: true, format: 'png' }));
    const replay = await decode(await renderSelfie({ identity, live: false, format: 'png' }));
    const [liveRed, , liveBlue] = average(live);
    const [replayRed, , replayBlue] = average(replay);
    expect(liveRed).toBeGreaterThan(liveBlue);
    expect(replayBlue).toBeGreaterThan(replayRed + 40);
    expect(brightness(replay, 8, SELFIE_HEIGHT / 2)).toBeLessThan(40);
    expect(brightness(live, 8, SELFIE_HEIGHT / 2)).toBeGreaterThan(120);
  });

  it('draws someone else when the face must not match', async () => {
    const same = await renderSelfie({ identity, live: true, format: 'png' });
    const other = await renderSelfie({
      identity,
      live: true,
      samePerson: false,
      format: 'png',
    });
    expect(
      same.equals(
        await renderSelfie({
          identity,
          live: true,
          samePerson: true,
          format: 'png',
        }),
      ),
    ).toBe(true);
    expect(same.equals(other)).toBe(false);
  });

  it('uses the uploaded photo', async () => {
    const photo = await new Jimp({
      width: 60,
      height: 80,
      color: 0xff2020ff,
    }).getBuffer('image/jpeg');
    const image = await decode(await renderSelfie({ identity, photo, live: true, format: 'png' }));
    const i = (200 * SELFIE_WIDTH + 240) * 4;
    expect(image.bitmap.data[i]).toBeGreaterThan(200);
    expect(image.bitmap.data[i + 1]).toBeLessThan(80);
  });
});
