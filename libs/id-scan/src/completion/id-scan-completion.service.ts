import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ID_SCAN_OPTIONS } from '../id-scan.constants';
import { IdScanService } from '../id-scan.service';
import { IdScanEvents } from '../events/id-scan-events';
import { TransactionCompletedEvent } from '../events/transaction-completed.event';
import type { ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import { emitIsolated } from './emit-isolated.util';
import type { IdScanCompleteOptions, IdScanCompletion, IdScanCompletionSignal } from './id-scan-completion.interface';
import { IdScanTransactionNotCompletedError } from './id-scan-transaction-not-completed.error';
import { IdScanUnknownTransactionError } from './id-scan-unknown-transaction.error';
import { outcomeOf } from './verification-outcome.util';

/**
 * The one place where the three completion signals meet. Each signal is only a hint: the transaction must be one
 * this application started (store), the result is fetched from the API with the application's own credentials,
 * and the store decides atomically which signal was first. Only that one emits `id-scan.transaction.completed`,
 * once per transaction, across every instance that shares the store.
 */
@Injectable()
export class IdScanCompletionService {
  private readonly logger = new Logger('IdScanCompletion');

  constructor(
    @Inject(ID_SCAN_OPTIONS) private readonly options: ResolvedIdScanOptions,
    private readonly idScan: IdScanService,
    @Optional() private readonly events?: EventEmitter2,
  ) {}

  /**
   * Completes a transaction from one signal.
   * @throws IdScanUnknownTransactionError when the store does not know the transaction (nothing is fetched).
   * @throws IdScanTransactionNotCompletedError when the API's result is not `completed`.
   * @throws IdScanApiError (e.g. `IdScanNotFoundError` for a wrong result id), `IdScanConnectionError` or
   *   `IdScanTimeoutError` when the result cannot be fetched; nothing is marked, so a later signal can succeed.
   */
  async complete(signal: IdScanCompletionSignal, options: IdScanCompleteOptions = {}): Promise<IdScanCompletion> {
    const { transactionId, resultId, via } = signal;
    const record = await this.options.store.get(transactionId);
    if (!record) throw new IdScanUnknownTransactionError(transactionId);

    const result = await this.idScan.getResult(transactionId, resultId);
    if (result.state !== 'completed') throw new IdScanTransactionNotCompletedError(transactionId, result.state);

    const first = await this.options.store.markCompleted(transactionId, resultId);
    if (first) {
      const delivery = this.emit(new TransactionCompletedEvent(transactionId, resultId, result, via, record.reference));
      if (options.waitForListeners ?? true) await delivery;
    } else {
      this.logger.debug(`Transaction ${transactionId} was already completed; the ${via} signal changes nothing`);
    }
    return { transactionId, resultId, state: result.state, outcome: outcomeOf(result), first, result };
  }

  private emit(event: TransactionCompletedEvent): Promise<void> {
    if (!this.events) {
      this.logger.warn(
        `Transaction ${event.transactionId} completed, but no EventEmitter2 is available to announce it: ` +
          'import EventEmitterModule.forRoot() in the application module.',
      );
      return Promise.resolve();
    }
    return emitIsolated(this.events, IdScanEvents.TransactionCompleted, event, this.logger);
  }
}
