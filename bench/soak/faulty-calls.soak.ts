import { performance } from 'node:perf_hooks';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  IdScanConnectionError,
  IdScanServerError,
  IdScanTimeoutError,
  type IdScanFile,
  type IdScanService,
} from 'nestjs-id-scan';
import type { EmulatorFaults } from 'nestjs-id-scan-emulator';
import type {
  EmulatorCompletionSummary,
  EmulatorTraffic,
  EmulatorTransactionSummary,
  EmulatorWorkerInfo,
} from '../processes/emulator.process';
import type { BenchWorker } from '../support/bench-worker.util';
import { createIdScanContext } from '../support/id-scan-context.util';
import { runConcurrent } from '../support/load.util';
import { SeededRandom } from '../support/seeded-random.util';
import type { SoakCheck, SoakReport } from '../support/soak-report.interface';
import { percentile } from '../support/statistics.util';

const CALLS = 10_000;
const CONCURRENCY = 32;
const POOL = 16;
const TIMEOUT_MS = 1000;
const MAX_RETRIES = 8;

/**
 * 20% of all API requests fail: 429 with `Retry-After: 1`, 500, 503, a dropped connection, or a stall (the emulator
 * never answers; the client's 1 s timeout ends the attempt). On creations a quarter of those faults come after the
 * transaction is made: the answer is dropped, which is what the reconciliation's ambiguous-but-created count is for.
 */
const FAULTS: EmulatorFaults = {
  '*': {
    rateLimit: 0.05,
    retryAfterSeconds: 1,
    serverError: 0.04,
    unavailable: 0.04,
    dropConnection: 0.04,
    stall: 0.03,
  },
  createTransaction: {
    rateLimit: 0.04,
    retryAfterSeconds: 1,
    serverError: 0.03,
    unavailable: 0.03,
    dropConnection: 0.03,
    stall: 0.02,
    dropAfterProcessing: 0.05,
  },
};

/**
 * The longest a call may take: every attempt timing out, and the longest wait before each retry. The client's
 * backoff starts at 500 ms and doubles up to 8 s (with downward jitter); a `Retry-After` (here 1 s) replaces it.
 * The slack covers a busy event loop on a shared machine.
 */
const RETRY_BASE_MS = 500;
const RETRY_CAP_MS = 8000;
const RETRY_AFTER_MS = 1000;
const SLACK_MS = 3000;
const BUDGET_MS =
  (MAX_RETRIES + 1) * TIMEOUT_MS +
  Array.from({ length: MAX_RETRIES }, (_, retry) =>
    Math.max(Math.min(RETRY_BASE_MS * 2 ** retry, RETRY_CAP_MS), RETRY_AFTER_MS),
  ).reduce((sum, wait) => sum + wait, 0) +
  SLACK_MS;

const MIX = [
  ['createTransaction', 0.3],
  ['getTransaction', 0.25],
  ['getResult', 0.25],
  ['downloadFile', 0.1],
  ['getReport', 0.05],
  ['listWebhooks', 0.05],
] as const;

type CallKind = (typeof MIX)[number][0];

interface CallRecord {
  kind: CallKind;
  ok: boolean;
  ms: number;
  error?: unknown;
  /** The transaction a successful create returned. */
  createdId?: string;
}

/** A completed transaction the read calls use, with its files. */
interface PoolEntry {
  transactionId: string;
  resultId: string;
  files: IdScanFile[];
}

const RETURN_URL_MARKER = 'soak-call';

async function drain(stream: Readable): Promise<void> {
  await pipeline(stream, new Writable({ write: (_chunk, _encoding, callback) => callback() }));
}

/** A POST failure after which the API may or may not have created the transaction. */
function isAmbiguous(error: unknown): boolean {
  if (error instanceof IdScanServerError) return error.status !== 503;
  if (error instanceof IdScanConnectionError) return error.code !== 'ECONNREFUSED';
  return error instanceof IdScanTimeoutError;
}

function errorName(error: unknown): string {
  if (error instanceof IdScanServerError) return `${error.name} ${error.status}`;
  if (error instanceof IdScanConnectionError) return `${error.name} ${error.code ?? ''}`.trim();
  return error instanceof Error ? error.name : String(error);
}

/** Completed transactions (with rendered files and reports) for the read calls, made before the faults start. */
async function preparePool(emulator: BenchWorker<EmulatorWorkerInfo>): Promise<PoolEntry[]> {
  const { url, keyId, secret } = emulator.info;
  const context = await createIdScanContext({ keyId, secret, baseUrl: url });
  try {
    const ids: string[] = [];
    for (let i = 0; i < POOL; i++) {
      ids.push(
        (
          await context.service.createTransaction({
            tasks: ['document_scan', 'face_liveness', 'face_match'],
          })
        ).id,
      );
    }
    const completions = await emulator.call<EmulatorCompletionSummary[]>('complete', { transactionIds: ids });
    const pool: PoolEntry[] = [];
    for (const { transactionId, resultId } of completions) {
      const result = await context.service.getResult(transactionId, resultId);
      const files = result.tasks.flatMap((task) => task.files ?? []).filter((file) => file.url !== null);
      // Rendered once here, so that the 1 s timeout measures the faults, not the first rendering of a picture.
      for (const file of files) await drain((await context.service.downloadFile(file)).stream);
      for (const type of ['simple', 'extended'] as const) {
        await drain((await context.service.getReport(transactionId, resultId, { type })).stream);
      }
      pool.push({ transactionId, resultId, files });
    }
    return pool;
  } finally {
    await context.close();
  }
}

/** One call of the mix, drawn before the run so that it replays for the same seed whatever the timing. */
interface PlannedCall {
  kind: CallKind;
  entry: PoolEntry;
  file: IdScanFile;
}

/** Runs a planned call; resolves with the transaction id for a creation. */
async function execute(service: IdScanService, planned: PlannedCall, index: number): Promise<string | undefined> {
  const { entry } = planned;
  switch (planned.kind) {
    case 'createTransaction': {
      const transaction = await service.createTransaction({
        tasks: ['document_scan'],
        returnUrl: `http://127.0.0.1/soak/return?${RETURN_URL_MARKER}=${index}`,
      });
      return transaction.id;
    }
    case 'getTransaction':
      await service.getTransaction(entry.transactionId);
      return undefined;
    case 'getResult':
      await service.getResult(entry.transactionId, entry.resultId);
      return undefined;
    case 'downloadFile':
      await drain((await service.downloadFile(planned.file)).stream);
      return undefined;
    case 'getReport':
      await drain((await service.getReport(entry.transactionId, entry.resultId)).stream);
      return undefined;
    case 'listWebhooks':
      await service.listWebhooks();
      return undefined;
  }
}

function pickKind(random: SeededRandom): CallKind {
  let draw = random.next();
  for (const [kind, share] of MIX) {
    if (draw < share) return kind;
    draw -= share;
  }
  return MIX[0][0];
}

/**
 * 10 000 mixed calls through `IdScanService` while 20% of the API's answers are faults. Idempotent calls must all
 * succeed within their retry budget; creations may fail only ambiguously (500, a broken connection, a timeout), and
 * the emulator's own list of transactions must match what the client believes it created: no duplicates, and every
 * ambiguous failure accounted for.
 */
export async function soakFaultyCalls(emulator: BenchWorker<EmulatorWorkerInfo>, seed: string): Promise<SoakReport> {
  const pool = await preparePool(emulator);
  const random = new SeededRandom(seed);
  const plan = Array.from({ length: CALLS }, (): PlannedCall => {
    const kind = pickKind(random);
    const entry = pool[random.below(pool.length)];
    return { kind, entry, file: entry.files[random.below(entry.files.length)] };
  });

  const { url, keyId, secret } = emulator.info;
  const context = await createIdScanContext({
    keyId,
    secret,
    baseUrl: url,
    timeoutMs: TIMEOUT_MS,
    maxRetries: MAX_RETRIES,
  });
  const records: CallRecord[] = new Array<CallRecord>(CALLS);
  let traffic: EmulatorTraffic;
  let elapsedMs: number;
  try {
    await emulator.call('setFaults', FAULTS);
    await emulator.call('resetTraffic');
    const run = await runConcurrent(
      async (index) => {
        const { kind } = plan[index];
        const started = performance.now();
        try {
          const createdId = await execute(context.service, plan[index], index);
          records[index] = {
            kind,
            ok: true,
            ms: performance.now() - started,
            createdId,
          };
        } catch (error) {
          records[index] = {
            kind,
            ok: false,
            ms: performance.now() - started,
            error,
          };
        }
      },
      CONCURRENCY,
      Number.POSITIVE_INFINITY,
      CALLS,
    );
    elapsedMs = run.elapsedMs;
    traffic = await emulator.call<EmulatorTraffic>('traffic');
  } finally {
    await emulator.call('setFaults', {});
    await context.close();
  }

  // Reconcile with the emulator: which call made each transaction it holds.
  const transactions = await emulator.call<EmulatorTransactionSummary[]>('transactions');
  const madeBy = new Map<number, string[]>();
  for (const transaction of transactions) {
    const index = Number(new URL(transaction.returnUrl ?? 'http://x/').searchParams.get(RETURN_URL_MARKER) ?? NaN);
    if (Number.isInteger(index)) madeBy.set(index, [...(madeBy.get(index) ?? []), transaction.id]);
  }
  const creates = records
    .map((record, index) => ({ record, index }))
    .filter(({ record }) => record.kind === 'createTransaction');
  const believed = creates.filter(({ record }) => record.ok);
  const ambiguous = creates.filter(({ record }) => !record.ok && isAmbiguous(record.error));
  const ambiguousButCreated = ambiguous.filter(({ index }) => (madeBy.get(index)?.length ?? 0) > 0);
  const unexpectedCreateFailures = creates.filter(({ record }) => !record.ok && !isAmbiguous(record.error));
  const duplicates = [...madeBy.entries()].filter(([, ids]) => ids.length > 1);
  const unconfirmed = believed.filter(
    ({ index, record }) => !(madeBy.get(index) ?? []).includes(record.createdId ?? ''),
  );
  const emulatorCreated = [...madeBy.values()].reduce((sum, ids) => sum + ids.length, 0);
  const idempotentFailures = records.filter((record) => record.kind !== 'createTransaction' && !record.ok);
  const overBudget = records.filter((record) => record.ms > BUDGET_MS);

  const lines = [
    `${CALLS.toLocaleString('en-US')} calls, ${CONCURRENCY} at a time, in ${(elapsedMs / 1000).toFixed(1)} s; ` +
      `faults on 20% of requests (${describeFaults()}); client timeout ${TIMEOUT_MS} ms, maxRetries ${MAX_RETRIES}, ` +
      `budget per call ${(BUDGET_MS / 1000).toFixed(1)} s.`,
    `The emulator answered ${traffic.api.requests.toLocaleString('en-US')} requests over ` +
      `${traffic.api.connections.toLocaleString('en-US')} connections: ` +
      `${(traffic.api.requests / CALLS).toFixed(2)} attempts per call.`,
    '',
    '| call | count | succeeded | failed | p50 ms | p99 ms | max ms |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...MIX.map(([kind]) => {
      const ofKind = records.filter((record) => record.kind === kind);
      const ms = ofKind.map((record) => record.ms);
      const ok = ofKind.filter((record) => record.ok).length;
      return `| ${kind} | ${ofKind.length} | ${ok} | ${ofKind.length - ok} | ${percentile(ms, 50).toFixed(0)} | ${percentile(ms, 99).toFixed(0)} | ${Math.max(...ms).toFixed(0)} |`;
    }),
    '',
    `Creations: ${believed.length} succeeded; ${ambiguous.length} failed ambiguously and were surfaced as errors ` +
      `(${summarize(ambiguous.map(({ record }) => errorName(record.error)))}), of which ` +
      `${ambiguousButCreated.length} had in fact been created; the emulator holds ${emulatorCreated}.`,
  ];
  const checks: SoakCheck[] = [
    {
      description: 'every idempotent call succeeded within its retries',
      passed: idempotentFailures.length === 0,
      detail:
        idempotentFailures.length === 0
          ? 'none failed'
          : summarize(idempotentFailures.map((r) => `${r.kind}: ${errorName(r.error)}`)),
    },
    {
      description: `no call took longer than its budget (${(BUDGET_MS / 1000).toFixed(1)} s)`,
      passed: overBudget.length === 0,
      detail: `slowest call ${Math.max(...records.map((record) => record.ms)).toFixed(0)} ms`,
    },
    {
      description: 'creations failed only ambiguously (500, broken connection, timeout); 429/503 were retried',
      passed: unexpectedCreateFailures.length === 0,
      detail:
        unexpectedCreateFailures.length === 0
          ? 'none otherwise'
          : summarize(unexpectedCreateFailures.map(({ record }) => errorName(record.error))),
    },
    {
      description: 'answers lost after creating were exercised: some ambiguous failures had in fact created one',
      passed: ambiguousButCreated.length > 0,
      detail: `${ambiguousButCreated.length} of ${ambiguous.length} ambiguous failures`,
    },
    {
      description: 'no duplicate transactions: each creation call made at most one',
      passed: duplicates.length === 0,
      detail: `${duplicates.length} calls made more than one`,
    },
    {
      description: 'every transaction the client believes it created exists in the emulator',
      passed: unconfirmed.length === 0,
      detail: `${unconfirmed.length} not found`,
    },
    {
      description: 'the emulator created exactly what the client believes it created, plus the ambiguous-but-created',
      passed: emulatorCreated === believed.length + ambiguousButCreated.length,
      detail: `${emulatorCreated} = ${believed.length} + ${ambiguousButCreated.length}`,
    },
  ];
  return { title: 'Faulty API: 10 000 mixed calls, 20% faults', lines, checks };
}

function describeFaults(): string {
  const rule = FAULTS['*'] ?? {};
  const create = FAULTS.createTransaction ?? {};
  return (
    `429 ${pct(rule.rateLimit)}, 500 ${pct(rule.serverError)}, 503 ${pct(rule.unavailable)}, ` +
    `dropped ${pct(rule.dropConnection)}, stalled ${pct(rule.stall)}; on creations 429 ${pct(create.rateLimit)}, ` +
    `500 ${pct(create.serverError)}, 503 ${pct(create.unavailable)}, dropped ${pct(create.dropConnection)}, ` +
    `stalled ${pct(create.stall)}, answer dropped after creating ${pct(create.dropAfterProcessing)}`
  );
}

function pct(share: number | undefined): string {
  return `${Math.round((share ?? 0) * 100)}%`;
}

/** `name ×count` for each distinct value. */
function summarize(values: readonly string[]): string {
  if (values.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].map(([value, count]) => `${value} ×${count}`).join(', ');
}
