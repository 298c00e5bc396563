import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EmulatorClockService } from '../simulation/emulator-clock.service';
import { formatDate, formatTimestamp } from '../simulation/time.util';
import type { CreateTransactionDto } from '../api/dto';
import { EMULATOR_OPTIONS } from '../emulator.constants';
import { EmulatorApiError } from '../errors';
import { FilesService } from './files.service';
import { MediaService } from '../media/media.service';
import { createIdentity } from '../simulation/identities/identity-factory.util';
import type {
  ApiDocumentScanSettings,
  ApiFile,
  ApiTaskResult,
  ApiTaskStatus,
  ApiTransaction,
  ApiTransactionDetails,
  ApiTransactionResult,
  EmulatedTaskType,
  EmulatedTransactionSnapshot,
  EmulatorCompletion,
} from '../interfaces';
import type { ResolvedEmulatorOptions } from '../options/resolved-emulator-options.interface';
import { RandomService } from '../simulation/random.service';
import type { RandomSource } from '../simulation/random-source.interface';
import { extractFields, readDocument } from '../simulation/document-fields.util';
import type { EmulatorScenario } from '../simulation/emulator-scenario';
import { EmulatorUrlsService } from '../options/emulator-urls.service';
import { WebhookDispatcherService } from './webhooks/webhook-dispatcher.service';
import type { TransactionEventDraft } from './transaction-event.interface';
import type { AttemptRecord, FileEntry, TaskRecord, TransactionRecord } from './transaction-record.interface';

/** The longest a timer can wait in Node (about 24.8 days); later expiries are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the person (or a test) decided for one task. */
export type TaskOutcome =
  | { task: 'document_scan'; scenario: DocumentScenario; photo?: Buffer; photoBack?: Buffer }
  | { task: 'face_liveness'; live: boolean; photo?: Buffer }
  | { task: 'face_match'; match: boolean };

/** Scenarios that decide the document step. */
export type DocumentScenario = Extract<
  EmulatorScenario,
  'genuine_passport' | 'genuine_id_card' | 'expired_document' | 'invalid_document_number' | 'under_minimum_age'
>;

/**
 * Holds the transactions in memory and moves them through their life: created `pending`, each task `completed`
 * or `failed` as the person goes through the hosted flow, the transaction `completed` with a result once every task
 * is done, or `expired` when its time runs out first. Every state change is announced to the webhook dispatcher.
 */
@Injectable()
export class TransactionsService implements OnModuleInit, OnApplicationShutdown {
  private readonly records = new Map<string, TransactionRecord>();
  private readonly byPageToken = new Map<string, string>();
  private readonly ids: RandomSource;
  private readonly tokens: RandomSource;
  private expiryTimer: NodeJS.Timeout | undefined;
  private unsubscribeClock: (() => void) | undefined;

  constructor(
    @Inject(EMULATOR_OPTIONS) private readonly options: ResolvedEmulatorOptions,
    private readonly clock: EmulatorClockService,
    private readonly random: RandomService,
    private readonly urls: EmulatorUrlsService,
    private readonly files: FilesService,
    private readonly media: MediaService,
    private readonly dispatcher: WebhookDispatcherService,
  ) {
    this.ids = random.stream('ids');
    this.tokens = random.stream('page-tokens');
  }

  onModuleInit(): void {
    this.unsubscribeClock = this.clock.onAdvance(() => this.expireDue());
  }

  onApplicationShutdown(): void {
    this.unsubscribeClock?.();
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
  }

  /** Creates a pending transaction from a validated request and answers as `POST /transactions` does. */
  create(request: CreateTransactionDto): ApiTransaction {
    const createdAt = Math.floor(this.clock.now() / 1000) * 1000;
    const expiresIn = request.expiresIn ?? 3600;
    const settingsEcho = request.settings ? toPlain(request.settings) : undefined;
    const record: TransactionRecord = {
      id: this.ids.uuid(),
      pageToken: this.tokens.alphanumeric(32),
      locale: request.locale ?? 'en-US',
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
    this.records.set(record.id, record);
    this.byPageToken.set(record.pageToken, record.id);
    this.scheduleExpiry();
    const answer: ApiTransaction = {
      id: record.id,
      state: record.state,
      tasks: [...request.tasks],
      url: this.urls.pageUrl(record.locale, record.pageToken),
      locale: record.locale,
      mobileOnly: record.mobileOnly,
      expires: formatTimestamp(record.expiresAt),
      created: formatTimestamp(record.createdAt),
    };
    if (settingsEcho) answer.settings = settingsEcho;
    return answer;
  }

  /**
   * The transaction with this id, its expiry applied.
   * @throws EmulatorApiError 404 `not_found` when there is none.
   */
  get(transactionId: string): TransactionRecord {
    const record = this.records.get(transactionId);
    if (!record) throw EmulatorApiError.notFound('The transaction');
    this.expireIfDue(record);
    return record;
  }

  /** The transaction behind a hosted-flow token, its expiry applied; `undefined` when unknown. */
  findByPageToken(pageToken: string): TransactionRecord | undefined {
    const id = this.byPageToken.get(pageToken);
    return id === undefined ? undefined : this.get(id);
  }

  /** Whether the transaction's validity period is over (also for a completed one: it limits extended reports). */
  isPastExpiry(record: TransactionRecord): boolean {
    return this.clock.now() >= record.expiresAt;
  }

  /**
   * `GET /transactions/{id}`: state, and per task its progress; document-scan attempts list their files only
   * while the transaction is pending (completed ones have them in the result, expired ones have none).
   * @throws EmulatorApiError 404 `not_found`.
   */
  details(transactionId: string): ApiTransactionDetails {
    const record = this.get(transactionId);
    const withFiles = record.state === 'pending';
    return {
      id: record.id,
      state: record.state,
      created: formatTimestamp(record.createdAt),
      expires: formatTimestamp(record.expiresAt),
      completed: record.completedAt === null ? null : formatTimestamp(record.completedAt),
      tasks: record.tasks.map((task): ApiTaskStatus => {
        if (task.type !== 'document_scan') return { type: task.type, state: task.state, attempts: task.attempts };
        return {
          type: task.type,
          state: task.state,
          ...(record.documentScan.level !== undefined ? { level: record.documentScan.level } : {}),
          attempts: task.attempts,
          attemptsInvoiced: task.attempts > 0 ? 1 : 0,
          documentScans: record.attempts.map((attempt) => ({
            created: formatTimestamp(attempt.createdAt),
            code: attempt.code,
            score: attempt.score,
            source: attempt.source,
            linked: attempt.linked,
            files: withFiles ? attempt.files.map((file) => this.toApiFile(file)) : [],
          })),
        };
      }),
    };
  }

  /**
   * `GET /transactions/{id}/results/{resultId}`.
   * @throws EmulatorApiError 404 `not_found` (unknown transaction) or `result_not_found` (not completed, wrong pair).
   */
  result(transactionId: string, resultId: string): ApiTransactionResult {
    return this.completedRecord(transactionId, resultId).result as ApiTransactionResult;
  }

  /**
   * The completed transaction behind a transaction/result pair.
   * @throws EmulatorApiError 404 `not_found` or `result_not_found`.
   */
  completedRecord(transactionId: string, resultId: string): TransactionRecord {
    const record = this.get(transactionId);
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
    events.push(this.taskEvent(record, task));
    this.finishIfDone(record, events);
    this.dispatcher.publish(events);
  }

  /**
   * The person gives up: the current task and every later one fail, and the transaction completes with a result
   * that says so (the host learns of it as of any completion).
   * @throws EmulatorApiError 410 when the transaction expired, 409 when it is already completed.
   */
  giveUp(transactionId: string): void {
    const record = this.pendingRecord(transactionId);
    record.scenarios.push('gives_up');
    const events: TransactionEventDraft[] = [];
    for (const task of record.tasks) {
      if (task.state !== 'pending') continue;
      task.state = 'failed';
      task.score = 0;
      events.push(this.taskEvent(record, task));
    }
    this.finishIfDone(record, events);
    this.dispatcher.publish(events);
  }

  /**
   * Finishes every remaining task as if the person chose `scenario` (see {@link EmulatorScenarios}); scenarios
   * that concern another task leave that task genuine. Announces each state change as the hosted flow would.
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
        events.push(this.taskEvent(record, task));
      }
      this.finishIfDone(record, events);
      this.dispatcher.publish(events);
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

  /** Snapshots of every transaction, oldest first. */
  snapshots(): EmulatedTransactionSnapshot[] {
    return [...this.records.values()].map((record) => {
      this.expireIfDue(record);
      return {
        id: record.id,
        state: record.state,
        tasks: record.tasks.map((task) => ({ type: task.type, state: task.state })),
        url: this.urls.pageUrl(record.locale, record.pageToken),
        locale: record.locale,
        mobileOnly: record.mobileOnly,
        returnUrl: record.returnUrl,
        scanReturnUrl: record.scanReturnUrl,
        created: formatTimestamp(record.createdAt),
        expires: formatTimestamp(record.expiresAt),
        completed: record.completedAt === null ? null : formatTimestamp(record.completedAt),
        resultId: record.resultId,
        scenarios: [...record.scenarios],
      };
    });
  }

  /** Expires every pending transaction whose time is up (run by the timer and after the clock moves). */
  expireDue(): void {
    for (const record of this.records.values()) this.expireIfDue(record);
    this.scheduleExpiry();
  }

  /** The API form of a stored file: its download URL. */
  toApiFile(file: FileEntry, withUrl = true): ApiFile {
    return {
      category: file.category,
      type: file.type,
      ...(file.name !== undefined ? { name: file.name } : {}),
      ...(file.score !== undefined ? { score: file.score } : {}),
      url: withUrl ? this.urls.downloadUrl(file.token) : null,
    };
  }

  private pendingRecord(transactionId: string): TransactionRecord {
    const record = this.get(transactionId);
    if (record.state === 'expired') throw EmulatorApiError.transactionExpired('The transaction');
    if (record.state === 'completed') {
      throw new EmulatorApiError(409, 'conflict', 'The transaction is already completed');
    }
    return record;
  }

  private runTask(record: TransactionRecord, task: TaskRecord, outcome: TaskOutcome): void {
    const random = this.random.stream(`transaction:${record.id}`);
    switch (outcome.task) {
      case 'document_scan':
        this.scanDocument(record, task, outcome, random);
        break;
      case 'face_liveness':
        if (outcome.photo) record.photos.selfie = outcome.photo;
        record.live = outcome.live;
        if (!outcome.live) record.scenarios.push('liveness_fails');
        task.attempts = 1;
        task.score = outcome.live ? random.between(0.86, 0.99, 2) : random.between(0.04, 0.28, 2);
        task.state = outcome.live ? 'completed' : 'failed';
        task.files = [{ category: 'image', type: 'selfie', token: this.files.register(record.id, 'selfie') }];
        break;
      case 'face_match':
        if (!outcome.match) record.scenarios.push('face_mismatch');
        task.attempts = 1;
        task.score = outcome.match ? random.between(0.81, 0.97, 2) : random.between(0.06, 0.27, 2);
        task.state = outcome.match ? 'completed' : 'failed';
        break;
    }
  }

  private scanDocument(
    record: TransactionRecord,
    task: TaskRecord,
    outcome: Extract<TaskOutcome, { task: 'document_scan' }>,
    random: RandomSource,
  ): void {
    const scanDate = formatDate(this.clock.now());
    const identity = createIdentity(outcome.scenario, record.documentScan, scanDate, random);
    const reading = readDocument(identity, record.documentScan, scanDate);
    record.identity = identity;
    record.reading = reading;
    record.scenarios.push(outcome.scenario);
    if (outcome.photo) record.photos.front = outcome.photo;
    if (outcome.photoBack) record.photos.back = outcome.photoBack;

    const score =
      outcome.scenario === 'invalid_document_number' ? random.between(0.55, 0.74, 2) : random.between(0.9, 0.99, 2);
    const sources = record.documentScan.captureSources ?? ['camera', 'file'];
    const source = outcome.photo || !sources.includes('camera') ? 'file' : 'camera';
    const finalCode = reading.accepted ? 'document_accepted' : 'document_rejected';
    const now = Math.floor(this.clock.now() / 1000) * 1000;
    const raw = (kind: 'document_front' | 'document_back'): FileEntry => ({
      category: 'document',
      type: 'raw_document_image',
      token: this.files.register(record.id, kind),
    });
    const recognised = (kind: 'document_front' | 'document_back', fileScore: number): FileEntry => ({
      category: 'document',
      type: identity.documentType,
      name: kind === 'document_front' ? identity.documentName : `${identity.documentName} Side B`,
      score: fileScore,
      token: this.files.register(record.id, kind),
    });
    const portrait: FileEntry = {
      category: 'image',
      type: 'portrait',
      token: this.files.register(record.id, 'portrait'),
    };
    const rawFront = raw('document_front');
    const front = recognised('document_front', score);
    const attempts: AttemptRecord[] = [];
    task.files = [front];
    if (identity.documentType === 'ID_CARD') {
      const back = recognised('document_back', Math.min(0.99, random.between(score - 0.04, score + 0.02, 2)));
      task.files.push(back);
      // A card is scanned side by side: the first attempt asks for the back, the second is linked to it.
      attempts.push(
        {
          // The front was read a little before the back, but never before the transaction existed.
          createdAt: Math.max(record.createdAt, now - 20_000),
          code: 'front_side_provided_back_side_required',
          score: random.between(0.88, 0.97, 2),
          source,
          linked: false,
          files: [rawFront, { ...portrait }],
        },
        {
          createdAt: now,
          code: finalCode,
          score,
          source,
          linked: true,
          files: [rawFront, raw('document_back'), front, back],
        },
      );
    } else {
      attempts.push({
        createdAt: now,
        code: finalCode,
        score,
        source,
        linked: false,
        files: [rawFront, front, portrait],
      });
    }
    task.files.push(portrait);
    record.attempts.push(...attempts);
    task.attempts = attempts.length;
    task.score = score;
    task.state = reading.accepted ? 'completed' : 'failed';
  }

  private finishIfDone(record: TransactionRecord, events: TransactionEventDraft[]): void {
    if (record.tasks.some((task) => task.state === 'pending')) return;
    record.state = 'completed';
    record.completedAt = Math.floor(this.clock.now() / 1000) * 1000;
    record.resultId = this.ids.uuid();
    record.result = this.buildResult(record);
    events.push({
      type: 'transaction.state.updated',
      transaction: { id: record.id, state: record.state, resultId: record.resultId },
    });
  }

  private buildResult(record: TransactionRecord): ApiTransactionResult {
    const settings: ApiDocumentScanSettings = record.documentScan;
    const extract = settings.extractFields;
    const documentImage = !extract || extract.includes('document_image');
    const portrait = !extract || extract.includes('portrait');
    return {
      id: record.id,
      state: record.state,
      tasks: record.tasks.map((task): ApiTaskResult => {
        switch (task.type) {
          case 'document_scan':
            return {
              type: task.type,
              state: task.state,
              attempts: task.attempts,
              score: task.score ?? 0,
              result: record.reading && task.attempts > 0 ? extractFields(record.reading.fields, settings) : [],
              files: task.files
                .filter((file) => file.type !== 'portrait' || portrait)
                .map((file) => this.toApiFile(file, file.category !== 'document' || documentImage)),
            };
          case 'face_liveness':
            return {
              type: task.type,
              state: task.state,
              attempts: task.attempts,
              score: task.score ?? 0,
              result: [],
              files: task.files.map((file) => this.toApiFile(file)),
            };
          case 'face_match':
            return { type: task.type, state: task.state, score: task.score ?? 0, result: [] };
        }
      }),
    };
  }

  private taskEvent(record: TransactionRecord, task: TaskRecord): TransactionEventDraft {
    return {
      type: 'task.state.updated',
      transaction: { id: record.id, state: record.state, resultId: record.resultId },
      task: { type: task.type, state: task.state },
    };
  }

  private expireIfDue(record: TransactionRecord): void {
    if (record.state !== 'pending' || this.clock.now() < record.expiresAt) return;
    record.state = 'expired';
    this.media.forget(record.id);
    this.dispatcher.publish([
      { type: 'transaction.state.updated', transaction: { id: record.id, state: 'expired', resultId: null } },
    ]);
  }

  // One timer, armed for the earliest pending expiry, so expiry events fire on time without polling.
  private scheduleExpiry(): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    let next = Number.POSITIVE_INFINITY;
    for (const record of this.records.values()) {
      if (record.state === 'pending') next = Math.min(next, record.expiresAt);
    }
    if (next === Number.POSITIVE_INFINITY) return;
    const delay = Math.min(Math.max(next - this.clock.now(), 0), MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => this.expireDue(), delay);
    this.expiryTimer.unref();
  }
}

/** `url` with `trxid` and `resultid` appended, its own query kept (Part B5). */
export function appendCompletion(url: string, record: TransactionRecord): string {
  const target = new URL(url);
  target.searchParams.append('trxid', record.id);
  target.searchParams.append('resultid', record.resultId ?? '');
  return target.toString();
}

function scenarioOutcome(task: EmulatedTaskType, scenario: Exclude<EmulatorScenario, 'gives_up'>): TaskOutcome {
  switch (task) {
    case 'document_scan':
      return {
        task,
        scenario: scenario === 'liveness_fails' || scenario === 'face_mismatch' ? 'genuine_passport' : scenario,
      };
    case 'face_liveness':
      return { task, live: scenario !== 'liveness_fails' };
    case 'face_match':
      return { task, match: scenario !== 'face_mismatch' };
  }
}

// The validated DTO instances become plain JSON again for the echo (and for storage).
function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
