import type { JimpInstance } from 'jimp';
import { createIdentity } from '../simulation/identities/identity-factory.util';
import { createRandomSource } from '../simulation/random-source.util';
import { renderSelfie, SELFIE_HEIGHT, SELFIE_WIDTH } from './rendering/selfie.util';
import { decodeImage } from './rendering/image-codec.util';
import type { EmulatorScenario } from '../simulation/emulator-scenario';
import type { TransactionRecord } from '../state/transaction-record.interface';
import { MediaService } from './media.service';

const identity = createIdentity('genuine_passport', {}, '2026-03-01', createRandomSource('media', 'identity'));

function record(id: string, scenarios: EmulatorScenario[]): TransactionRecord {
  return {
    id,
    keyId: 'key',
    pageToken: `${id}-page`,
    locale: 'en-US',
    mobileOnly: false,
    returnUrl: null,
    scanReturnUrl: null,
    settingsEcho: undefined,
    documentScan: {},
    tasks: [],
    state: 'completed',
    createdAt: 0,
    expiresAt: 3_600_000,
    completedAt: 1000,
    resultId: null,
    scenarios,
    identity,
    reading: null,
    attempts: [],
    photos: {},
    live: true,
    handoff: false,
    result: null,
  };
}

async function decode(buffer: Buffer): Promise<JimpInstance> {
  const image = await decodeImage(buffer, 10_000_000);
  if (!image) throw new Error('undecodable image');
  return image;
}

// Share of the pixels in the head area (the middle of the picture) that differ noticeably between two pictures.
function faceDifference(a: JimpInstance, b: JimpInstance): number {
  let differing = 0;
  let total = 0;
  for (let y = SELFIE_HEIGHT * 0.2; y < SELFIE_HEIGHT * 0.65; y++) {
    for (let x = SELFIE_WIDTH * 0.25; x < SELFIE_WIDTH * 0.75; x++) {
      const i = (y * SELFIE_WIDTH + x) * 4;
      const delta = [0, 1, 2].reduce((sum, c) => sum + Math.abs(a.bitmap.data[i + c] - b.bitmap.data[i + c]), 0);
      if (delta > 30) differing++;
      total++;
    }
  }
  return differing / total;
}

describe('MediaService', () => {
  it('draws the selfie of a face_mismatch transaction as someone else than the holder', async () => {
    const media = new MediaService();
    const genuine = await media.image(record('genuine', ['genuine_passport']), 'selfie');
    const mismatch = await media.image(record('mismatch', ['genuine_passport', 'face_mismatch']), 'selfie');
    const rendered = identity;

    expect(genuine.body.equals(await renderSelfie({ identity: rendered, live: true, format: 'png' }))).toBe(true);
    expect(
      mismatch.body.equals(await renderSelfie({ identity: rendered, live: true, samePerson: false, format: 'png' })),
    ).toBe(true);
    expect(faceDifference(await decode(genuine.body), await decode(mismatch.body))).toBeGreaterThan(0.05);
  });

  it('renders the other person once the face match fails, even after the selfie was downloaded', async () => {
    const media = new MediaService();
    const trx = record('late-mismatch', ['genuine_passport']);
    const before = await media.image(trx, 'selfie');
    trx.scenarios.push('face_mismatch');
    const after = await media.image(trx, 'selfie');

    expect(faceDifference(await decode(before.body), await decode(after.body))).toBeGreaterThan(0.05);
    expect((await media.image(trx, 'selfie')).body).toBe(after.body);
  });
});
