import type { FirstDownloadWorkerArgs, FirstDownloadWorkerInfo } from '../processes/first-download.process';
import type { BenchRow } from '../support/bench-row.interface';
import { BenchWorker } from '../support/bench-worker.util';

/** The shortest time a person spends in the hosted flow before a document can be downloaded. */
const PERSON_MS = 3000;

async function firstDownloadMs(warmUp: boolean): Promise<number> {
  const args: FirstDownloadWorkerArgs = { warmUp };
  const worker = await BenchWorker.start<FirstDownloadWorkerInfo>('first-download.process', args);
  try {
    return await worker.call<number>('firstDownload', { personMs: PERSON_MS });
  } finally {
    await worker.stop();
  }
}

/**
 * The first document image downloaded from an emulator in a fresh process, 3 s after the transaction was created
 * (a person going through the hosted pages): with the renderers prepared in the background at start, against the
 * same download with that preparation turned off, which pays for fonts, codecs and templates itself.
 */
export async function measureFirstDownload(): Promise<BenchRow[]> {
  const cold = await firstDownloadMs(false);
  const warm = await firstDownloadMs(true);
  return [
    {
      measure: `First document image download after the emulator starts (fresh process, ${PERSON_MS / 1000} s in the flow)`,
      unit: 'ms',
      subject: 'nestjs-id-scan-emulator',
      ours: warm,
      baseline: cold,
      baselineName: 'without warm-up',
      target: { kind: 'ours-at-most', value: 500 },
    },
  ];
}
