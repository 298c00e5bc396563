import { Injectable } from '@nestjs/common';
import { appendCompletion, toTransactionResult } from '../api/api-shapes.util';
import type { CreateTransactionDto } from '../api/dto';
import { SUPPORTED_LOCALES } from '../emulator.constants';
import { EmulatorApiError } from '../errors';
import type { EmulatorCompletion } from '../interfaces';
import { EmulatorUrlsService } from '../options/emulator-urls.service';
import { EmulatorClockService } from '../simulation/emulator-clock.service';
import type { EmulatorScenario } from '../simulation/emulator-scenario';
import { RandomService } from '../simulation/random.service';
import type { RandomSource } from '../simulation/random-source.interface';
import { scenarioOutcome, simulateTask, type TaskOutcome } from '../simulation/task-simulation.util';
import { FilesService } from './files.service';
import type { TransactionEventDraft } from './transaction-event.interface';
import type { TaskRecord, TransactionRecord } from './transaction-record.interface';
import { TransactionStore } from './transaction.store';
import { WebhookDispatcherService } from './webhooks/webhook-dispatcher.service';

/**
 * Moves transactions through their life: created `pending`, each task `completed` or `failed` as the person goes
 * through the hosted flow, the transaction `completed` with a result once every task is done (expiry is the
 * {@link TransactionStore}'s). Every state change is announced to the webhook dispatcher, in the order it happened.
 */
@Injectable()
export class TransactionLifecycleService {
  private readonly ids: RandomSource;
  private readonly tokens: RandomSource;

  constructor(
    private readonly store: TransactionStore,
    private readonly clock: EmulatorClockService,
    private readonly random: RandomService,
    private readonly urls: EmulatorUrlsService,
    private readonly files: FilesService,
    private readonly dispatcher: WebhookDispatcherService,
  ) {
    this.ids = random.identifiers('ids');
    this.tokens = random.identifiers('page-tokens');
  }

  /** Creates and stores a pending transaction from a validated request, owned by the credential `keyId`. */
  create(request: CreateTransactionDto, keyId: string): TransactionRecord {
    const createdAt = Math.floor(this.clock.now() / 1000) * 1000;
    const expiresIn = request.expiresIn ?? 3600;
    const settingsEcho = request.settings ? toPlain(request.settings) : undefined;
    const record: TransactionRecord = {
      id: this.ids.uuid(),
      keyId,
      pageToken: this.tokens.alphanumeric(32),
      locale: request.locale ?? SUPPORTED_LOCALES[0],
      mobileOnly: request.mobileOnly ?? false,
      returnUrl: request.returnUrl ?? null,
      scanReturnUrl: request.scanReturnUrl ?? null,
      settingsEcho,
      documentScan: settingsEcho?.documentScan ?? {},
      tasks: request.tasks.map((type) => ({ type, state: 'pending', attempts: 0, score: null, files: [] })),
      state: 'pending',
      createdAt,
      expiresAt: createdAt + expiresIn * 1000,
      completedAt: null,
      resultId: null,
      scenarios: [],
      identity: null,
      reading: null,
      attempts: [],
      photos: {},
      live: true,
      handoff: false,
      result: null,
    };
    this.store.add(record);
    return record;
  }

  /**
   * The completed transaction behind a transaction/result pair, if the credential `keyId` created it.
   * @throws EmulatorApiError 404 `not_found` (unknown, or another credential's) or `result_not_found`.
   */
  completedRecord(transactionId: string, resultId: string, keyId: string): TransactionRecord {
    const record = this.store.getOwned(transactionId, keyId);
    if (record.state !== 'completed' || record.resultId !== resultId || !record.result) {
      throw EmulatorApiError.resultNotFound();
    }
    return record;
  }

  /** The task the person has to do next, or `undefined` when none is left. */
  currentTask(record: TransactionRecord): TaskRecord | undefined {
    return record.tasks.find((task) => task.state === 'pending');
  }

  /**
   * Runs the current task with the person's decision.
   * @throws EmulatorApiError 410 when the transaction expired, 409 `conflict` when it is not at that task.
   */
  performTask(transactionId: string, outcome: TaskOutcome): void {
    const record = this.pendingRecord(transactionId);
    const task = this.currentTask(record);
    if (!task || task.type !== outcome.task) {
      throw new EmulatorApiError(409, 'conflict', `The transaction is not waiting for ${outcome.task}`);
    }
    const events: TransactionEventDraft[] = [];
    this.runTask(record, task, outcome);
    events.push(taskEvent(record, task));
    this.finishIfDone(record, events);
    this.dispatcher.publish(events, record.keyId);
  }

  /**
   * The person gives up: the transaction completes with the tasks done so far as they ended, and the current task
   * and every later one left `pending`, not performed (docs/id-scan-api.md §B4): the result tells "not finished"
   * apart from a check that ran and failed. The host learns of it as of any completion.
   * @throws EmulatorApiError 410 when the transaction expired, 409 when it is already completed.
   */
  giveUp(transactionId: string): void {
    const record = this.pendingRecord(transactionId);
    record.scenarios.push('gives_up');
    const events: TransactionEventDraft[] = [];
    // The unfinished tasks do not change state, so they raise no task event; only the transaction completes.
    this.finish(record, events);
    this.dispatcher.publish(events, record.keyId);
  }

  /**
   * Finishes every remaining task as if the person chose `scenario` (see `EmulatorScenarios`); scenarios that
   * concern another task leave that task genuine. Announces each state change as the hosted flow would.
   * @throws EmulatorApiError 404 unknown transaction, 410 expired, 409 already completed.
   */
  complete(transactionId: string, scenario: EmulatorScenario): EmulatorCompletion {
    const record = this.pendingRecord(transactionId);
    if (scenario === 'gives_up') {
      this.giveUp(transactionId);
    } else {
      const events: TransactionEventDraft[] = [];
      for (const task of record.tasks) {
        if (task.state !== 'pending') continue;
        this.runTask(record, task, scenarioOutcome(task.type, scenario));
        events.push(taskEvent(record, task));
      }
      this.finishIfDone(record, events);
      this.dispatcher.publish(events, record.keyId);
    }
    return {
      transactionId: record.id,
      resultId: record.resultId as string,
      returnUrl: record.returnUrl === null ? null : appendCompletion(record.returnUrl, record),
    };
  }

  /** Marks that the person continued on a phone after scanning the QR code. */
  markHandoff(record: TransactionRecord): void {
    record.handoff = true;
  }

  private pendingRecord(transactionId: string): TransactionRecord {
    const record = this.store.get(transactionId);
    if (record.state === 'expired') throw EmulatorApiError.transactionExpired('The transaction');
    if (record.state === 'completed') {
      throw new EmulatorApiError(409, 'conflict', 'The transaction is already completed');
    }
    return record;
  }

  private runTask(record: TransactionRecord, task: TaskRecord, outcome: TaskOutcome): void {
    simulateTask(record, task, outcome, {
      random: this.random.stream(`transaction:${record.id}`),
      now: this.clock.now(),
      registerFile: (kind) => this.files.register(record.id, kind),
    });
  }

  private finishIfDone(record: TransactionRecord, events: TransactionEventDraft[]): void {
    if (record.tasks.some((task) => task.state === 'pending')) return;
    this.finish(record, events);
  }

  private finish(record: TransactionRecord, events: TransactionEventDraft[]): void {
    record.state = 'completed';
    record.completedAt = Math.floor(this.clock.now() / 1000) * 1000;
    record.resultId = this.ids.uuid();
    record.result = toTransactionResult(record, this.urls);
    events.push({
      type: 'transaction.state.updated',
      transaction: { id: record.id, state: record.state, resultId: record.resultId },
    });
  }
}

function taskEvent(record: TransactionRecord, task: TaskRecord): TransactionEventDraft {
  return {
    type: 'task.state.updated',
    transaction: { id: record.id, state: record.state, resultId: record.resultId },
    task: { type: task.type, state: task.state },
  };
}

// The validated DTO instances become plain JSON again for the echo (and for storage).
function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
