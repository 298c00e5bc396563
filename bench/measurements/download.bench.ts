import type { DownloadMeasurement, DownloadWorkerArgs } from '../processes/download.process';
import { HUGE_FILE_BYTES, LARGE_FILE_BYTES } from '../support/bench.constants';
import type { BenchEnvironment } from '../support/bench-environment.interface';
import type { BenchRow } from '../support/bench-row.interface';
import { BenchWorker } from '../support/bench-worker.util';
import { rotate } from '../support/rotate.util';
import { median } from '../support/statistics.util';

/** Measured downloads per contestant after the first. */
const ROUNDS = 3;
const MIB = 1024 * 1024;
const CONTESTANTS = ['ours', 'undici', 'axios'] as const;

type Contestant = (typeof CONTESTANTS)[number];

/**
 * A 200 MiB download piped to a sink that keeps nothing: the client's rate against plain axios streaming (the
 * package's transport), and its peak RSS growth, which must not follow the file's size: 800 MiB downloads may grow
 * RSS by no more than 1.2× what the 200 MiB ones did (the worst of three each). Raw undici is the reference floor.
 * Each contestant runs in a process of its own; after a first download, they take turns, three downloads each, then
 * three four times as large.
 *
 * The first large download in a process grows RSS by tens of MiB whatever the client (V8 enlarges its young
 * generation, the allocator keeps freed chunks for reuse): that one-time growth is shown in a reference row. The
 * 200 MiB figure is the steady state, downloads after the first. Read buffers already consumed wait there for the
 * garbage collector, so RSS rises by tens of MiB even for raw undici; what buffering would show is growth with size.
 */
export async function measureDownload(env: BenchEnvironment, documentImageUrl: string): Promise<BenchRow[]> {
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
  const workers = new Map<Contestant, BenchWorker<object>>();
  const first = new Map<Contestant, DownloadMeasurement>();
  const huge = new Map<Contestant, DownloadMeasurement[]>([
    ['ours', []],
    ['undici', []],
  ]);
  const runs = new Map<Contestant, DownloadMeasurement[]>(CONTESTANTS.map((name) => [name, []]));
  const download = async (name: Contestant, url: string, bytes: number): Promise<DownloadMeasurement> => {
    const worker = workers.get(name);
    if (!worker) throw new Error(`no worker for ${name}`);
    const run = await worker.call<DownloadMeasurement>('download', url);
    if (run.bytes !== bytes) {
      throw new Error(`${name} received ${run.bytes} of ${bytes} bytes`);
    }
    return run;
  };
  try {
    for (const variant of CONTESTANTS) {
      const args: DownloadWorkerArgs = { ...common, variant };
      workers.set(variant, await BenchWorker.start('download.process', args));
    }
    for (const name of CONTESTANTS) {
      first.set(name, await download(name, info.largeFileUrl, LARGE_FILE_BYTES));
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(CONTESTANTS, round)) {
        runs.get(name)?.push(await download(name, info.largeFileUrl, LARGE_FILE_BYTES));
      }
    }
    // As many large downloads as small ones, compared by the same statistic: one sample of each size was at the
    // mercy of when the garbage collector ran, which moved the ratio between 0.4 and 1.5 from run to run.
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of rotate(['ours', 'undici'] as const, round)) {
        huge.get(name)?.push(await download(name, info.hugeFileUrl, HUGE_FILE_BYTES));
      }
    }
  } finally {
    await Promise.all([...workers.values()].map((worker) => worker.stop()));
  }

  const growthOf = (run: DownloadMeasurement | undefined): number => {
    if (!run) throw new Error('a download is missing');
    return (run.rssPeakBytes - run.rssBeforeBytes) / MIB;
  };
  const steadyGrowth = (name: Contestant): number => Math.max(...(runs.get(name) ?? []).map(growthOf));
  const hugeGrowth = (name: Contestant): number => Math.max(...(huge.get(name) ?? []).map(growthOf));
  const rate = (name: Contestant): number =>
    median((runs.get(name) ?? []).map((run) => run.bytes / MIB / (run.elapsedMs / 1000)));
  const size = `${LARGE_FILE_BYTES / MIB} MiB`;
  return [
    {
      measure: `downloadFile: peak RSS growth of ${HUGE_FILE_BYTES / MIB} MiB downloads (worst of ${ROUNDS}) against the ${size} ones (growth must not follow size)`,
      unit: 'MiB',
      ours: hugeGrowth('ours'),
      baseline: steadyGrowth('ours'),
      baselineName: `nestjs-id-scan, ${size} (worst of ${ROUNDS}, after the first)`,
      target: { kind: 'ratio-at-most', value: 1.2 },
      decimals: 1,
    },
    {
      measure: `downloadFile, ${size}: rate (median of ${ROUNDS})`,
      unit: 'MiB/s',
      ours: rate('ours'),
      baseline: rate('axios'),
      baselineName: 'plain axios (stream)',
      target: { kind: 'ratio-at-least', value: 0.95 },
    },
    {
      measure: `reference: ${size} piped to a sink, peak RSS growth (worst of ${ROUNDS}, after the first)`,
      unit: 'MiB',
      ours: steadyGrowth('ours'),
      baseline: steadyGrowth('undici'),
      baselineName: 'raw undici',
      decimals: 1,
    },
    {
      measure: `reference: peak RSS growth of the first ${size} download in a fresh process`,
      unit: 'MiB',
      ours: growthOf(first.get('ours')),
      baseline: growthOf(first.get('undici')),
      baselineName: 'raw undici',
      decimals: 1,
    },
    {
      measure: `reference: peak RSS growth of ${HUGE_FILE_BYTES / MIB} MiB downloads (4× the size, worst of ${ROUNDS})`,
      unit: 'MiB',
      ours: hugeGrowth('ours'),
      baseline: hugeGrowth('undici'),
      baselineName: 'raw undici',
      decimals: 1,
    },
    {
      measure: `reference: ${size} download rate`,
      unit: 'MiB/s',
      ours: rate('ours'),
      baseline: rate('undici'),
      baselineName: 'raw undici',
    },
    {
      measure: `reference: ${size} download rate`,
      subject: 'plain axios (stream)',
      unit: 'MiB/s',
      ours: rate('axios'),
      baseline: rate('undici'),
      baselineName: 'raw undici',
    },
  ];
}
