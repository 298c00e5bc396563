import { Pool } from 'undici';
import type { EmulatorCompletionSummary, EmulatorWorkerInfo } from '../processes/emulator.process';
import type { HostAppWorkerArgs, HostAppWorkerInfo } from '../processes/host-app.process';
import { BenchWorker } from './bench-worker.util';

/**
 * Host application instances of a soak, each a process of its own with a connection pool to it. Make one before
 * the soak's `try` and `stop()` it in its `finally`: it stops whatever did start, even when a later start failed.
 */
export class HostAppInstances {
  readonly workers: BenchWorker<HostAppWorkerInfo>[] = [];
  readonly pools: Pool[] = [];

  /**
   * Starts `count` instances of the package variant against the emulator, sharing one Redis store, each with a pool
   * of `connections`.
   */
  async start(
    emulator: BenchWorker<EmulatorWorkerInfo>,
    shared: Required<Pick<HostAppWorkerArgs, 'redisUrl' | 'redisKeyPrefix' | 'webhookSecret'>>,
    count: number,
    connections: number,
  ): Promise<void> {
    const { url, keyId, secret } = emulator.info;
    const args: HostAppWorkerArgs = { variant: 'package', baseUrl: url, keyId, secret, ...shared };
    for (let i = 0; i < count; i++) {
      this.workers.push(await BenchWorker.start<HostAppWorkerInfo>('host-app.process', args));
    }
    for (const worker of this.workers) this.pools.push(new Pool(worker.info.origin, { connections }));
  }

  /**
   * Each instance starts its share of `transactions`, so that the shared store, not the instance, must know them;
   * the emulator then completes them all. Throws when the emulator published no completion event for some.
   */
  async createCompleted(
    emulator: BenchWorker<EmulatorWorkerInfo>,
    transactions: number,
  ): Promise<{ ids: string[]; completions: EmulatorCompletionSummary[] }> {
    const share = transactions / this.workers.length;
    const ids = (await Promise.all(this.workers.map((worker) => worker.call<string[]>('create', share)))).flat();
    const completions = await emulator.call<EmulatorCompletionSummary[]>('complete', { transactionIds: ids });
    const missingEvents = completions.filter((completion) => completion.event === undefined).length;
    if (missingEvents > 0) {
      throw new Error(`the emulator published no completion event for ${missingEvents} transactions`);
    }
    return { ids, completions };
  }

  /** The transaction ids of every `id-scan.transaction.completed` event, per instance. */
  completedEvents(): Promise<string[][]> {
    return Promise.all(this.workers.map((worker) => worker.call<string[]>('completedEvents')));
  }

  async stop(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close()));
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }
}

/** The package's host application beside a bare Nest handler, each a process with a pool: what route benches compare. */
export interface HostAppPair {
  apps: Record<'package' | 'bare', BenchWorker<HostAppWorkerInfo>>;
  pools: Record<'package' | 'bare', Pool>;
  stop(): Promise<void>;
}

/**
 * Starts the package variant (with `packageArgs` on top of the emulator's credentials) and the bare variant, each with
 * a pool of `connections`. A bare variant that fails to start stops the package one.
 */
export async function startHostAppPair(
  emulator: BenchWorker<EmulatorWorkerInfo>,
  connections: number,
  packageArgs: Partial<HostAppWorkerArgs> = {},
): Promise<HostAppPair> {
  const { url, keyId, secret } = emulator.info;
  const common = { baseUrl: url, keyId, secret };
  const packageApp = await BenchWorker.start<HostAppWorkerInfo>('host-app.process', {
    ...common,
    ...packageArgs,
    variant: 'package',
  } satisfies HostAppWorkerArgs);
  let bare: BenchWorker<HostAppWorkerInfo>;
  try {
    bare = await BenchWorker.start<HostAppWorkerInfo>('host-app.process', {
      ...common,
      variant: 'bare',
    } satisfies HostAppWorkerArgs);
  } catch (error) {
    await packageApp.stop();
    throw error;
  }
  const apps = { package: packageApp, bare };
  const pools = {
    package: new Pool(packageApp.info.origin, { connections }),
    bare: new Pool(bare.info.origin, { connections }),
  };
  return {
    apps,
    pools,
    stop: async () => {
      await Promise.all([pools.package.close(), pools.bare.close()]);
      await Promise.all([apps.package.stop(), apps.bare.stop()]);
    },
  };
}
