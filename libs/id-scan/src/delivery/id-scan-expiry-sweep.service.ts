import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import { IdScanService } from '../id-scan.service';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import { IdScanTelemetryService } from '../telemetry/id-scan-telemetry.service';
import { DELIVERY_LEASE_MS, IdScanDeliveryService } from './id-scan-delivery.service';

/** Transactions one sweep checks at most; the rest wait for the next interval. */
const SWEEP_BATCH = 100;
/** A transaction handed to one instance's sweep is withheld from the others this long. */
const MIN_LEASE_MS = 60_000;

/**
 * The expiry sweep (`expirySweep`): every `intervalMs`, each instance leases the open transactions past their
 * expiry from the store, confirms each with `getTransaction`, and announces `id-scan.transaction.expired` for those
 * the API reports expired. The store's claim makes that once per transaction across instances and across the
 * sweep and event deliveries, so a host with no event subscription still learns how every verification ended.
 */
@Injectable()
export class IdScanExpirySweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('IdScanExpirySweep');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    private readonly idScan: IdScanService,
    private readonly delivery: IdScanDeliveryService,
    private readonly telemetry: IdScanTelemetryService,
  ) {}

  /** Starts the interval (unref'd: it never keeps the process alive). */
  onApplicationBootstrap(): void {
    const sweep = this.options.expirySweep;
    if (!sweep) return;
    this.timer = setInterval(() => void this.sweep(), sweep.intervalMs);
    this.timer.unref();
  }

  /** Stops the interval and waits for a sweep in progress. */
  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Runs one sweep now (the interval calls it; a sweep already running is joined, not doubled).
   * @returns how many expiries were announced. Never rejects: problems are logged, and a transaction that could not
   *   be checked comes back after its lease.
   */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const store = this.options.store;
    const intervalMs = this.options.expirySweep ? this.options.expirySweep.intervalMs : MIN_LEASE_MS;
    let announced = 0;
    try {
      const due = await store.leaseExpired(Date.now(), Math.max(MIN_LEASE_MS, 2 * intervalMs), SWEEP_BATCH);
      for (const transactionId of due) {
        if (await this.check(transactionId)) announced++;
      }
    } catch (error) {
      this.logger.warn(`The expiry sweep stopped early: ${error instanceof Error ? error.message : String(error)}`);
    }
    return announced;
  }

  /**
   * `true` when this instance announced the expiry. An outcome already recorded whose delivery is not marked done
   * (its process died, or its write lost its answer, between the claim and the delivery) is delivered here through
   * the same repair as the completion path's, so no claim made by this sweep or a signal is ever lost.
   */
  private async check(transactionId: string): Promise<boolean> {
    const store = this.options.store;
    const [record, completion] = await Promise.all([store.get(transactionId), store.getCompletion(transactionId)]);
    if (!record) {
      // Forgotten: nothing to announce, and nothing to look at again.
      await this.forget(transactionId);
      return false;
    }
    const reference = record.reference;
    if (completion) {
      const { resultId, via = 'webhook' } = completion;
      if (completion.delivered === false) {
        await this.delivery.ensureDelivered({ kind: 'completed', transactionId, resultId, via, reference }, false);
      } else {
        await this.forget(transactionId);
      }
      return false;
    }
    const job = { kind: 'expired', transactionId, reference } as const;
    const claim = { token: randomUUID(), leaseMs: DELIVERY_LEASE_MS };
    const take = store.takeDelivery ? await store.takeDelivery(transactionId, 'expired', claim) : 'none';
    if (take === 'taken') await this.delivery.schedule(job, undefined, claim);
    if (take === 'delivered') await this.forget(transactionId);
    if (take !== 'none') return false;
    let state: string;
    try {
      state = (await this.idScan.getTransaction(transactionId)).state;
    } catch (error) {
      this.logger.warn(
        `The expiry sweep could not check transaction ${transactionId}; it is checked again later: ` +
          `${error instanceof Error ? error.message : String(error)}`,
      );
      return false;
    }
    if (state === 'completed') {
      // The API has no result id for us here; only a completion signal carries one.
      this.logger.warn(
        `Transaction ${transactionId} completed, but no completion signal reached this application before its expiry`,
      );
      await this.forget(transactionId);
      return false;
    }
    // Still pending: the API's clock runs behind ours; the lease brings it back.
    if (state !== 'expired' || !(await store.claimExpiry(transactionId, claim))) return false;
    this.telemetry.recordCompletion({ via: 'expiry-sweep', outcome: 'expired' });
    await this.delivery.schedule(job, undefined, claim);
    return true;
  }

  /** Takes a transaction that needs no announcement out of the open index. */
  private async forget(transactionId: string): Promise<void> {
    const store = this.options.store;
    if (store.markDelivered) await store.markDelivered(transactionId);
    else await store.claimExpiry(transactionId);
  }
}
