import type {
  DownloadMeasurement,
  DownloadWorkerArgs,
} from '../processes/download.process';
import { LARGE_FILE_BYTES } from '../support/bench.constants';
import type { BenchEnvironment } from '../support/bench-environment.interface';
import type { BenchRow } from '../support/bench-row.interface';
import { BenchWorker } from '../support/bench-worker.util';
import { median } from '../support/statistics.util';

const ROUNDS = 3;
const MIB = 1024 * 1024;

/**
 * A 200 MiB download piped to a sink that keeps nothing: the client's peak RSS growth and its rate, against raw
 * undici. Each contestant runs in a fresh process; they take turns, three downloads each.
 */
export async function measureDownload(
  env: BenchEnvironment,
  documentImageUrl: string,
): Promise<BenchRow[]> {
  const { info } = env.emulator;
  // The document image, fetched through the front: the same origin and path prefix as the large file.
  const warmUpUrl = `${info.frontUrl}${documentImageUrl.slice(info.url.length)}`;
  const common = {
    keyId: info.keyId,
    secret: info.secret,
    baseUrl: info.frontUrl,
    url: info.largeFileUrl,
    warmUpUrl,
  };
  const workers = {
    ours: await BenchWorker.start<object>('download.process', {
      ...common,
      variant: 'ours',
    } satisfies DownloadWorkerArgs),
    undici: await BenchWorker.start<object>('download.process', {
      ...common,
      variant: 'undici',
    } satisfies DownloadWorkerArgs),
  };
  const runs: Record<keyof typeof workers, DownloadMeasurement[]> = {
    ours: [],
    undici: [],
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order =
        round % 2 === 0
          ? (['ours', 'undici'] as const)
          : (['undici', 'ours'] as const);
      for (const name of order) {
        const run = await workers[name].call<DownloadMeasurement>('download');
        if (run.bytes !== LARGE_FILE_BYTES)
          throw new Error(`${name} received ${run.bytes} bytes`);
        runs[name].push(run);
      }
    }
  } finally {
    await Promise.all([workers.ours.stop(), workers.undici.stop()]);
  }
  const growth = (name: keyof typeof workers): number =>
    Math.max(
      ...runs[name].map((run) => run.rssPeakBytes - run.rssBeforeBytes),
    ) / MIB;
  const rate = (name: keyof typeof workers): number =>
    median(runs[name].map((run) => run.bytes / MIB / (run.elapsedMs / 1000)));
  return [
    {
      measure: `downloadFile, ${LARGE_FILE_BYTES / MIB} MiB piped to a sink: peak RSS growth (worst of ${ROUNDS})`,
      unit: 'MiB',
      ours: growth('ours'),
      baseline: growth('undici'),
      baselineName: 'raw undici',
      target: { kind: 'ours-at-most', value: 32 },
      decimals: 1,
    },
    {
      measure: `downloadFile, ${LARGE_FILE_BYTES / MIB} MiB: rate (median of ${ROUNDS})`,
      unit: 'MiB/s',
      ours: rate('ours'),
      baseline: rate('undici'),
      baselineName: 'raw undici',
      target: { kind: 'ratio-at-least', value: 0.8 },
    },
  ];
}
