import { randomUUID } from 'node:crypto';
import {
  InMemoryTransactionStore,
  type IdScanTransaction,
  type IdScanVerdict,
  type IdScanVerdictReasonCode,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { EmulatorScenarios, IdScanEmulator, type EmulatorScenario } from 'nestjs-id-scan-emulator';
import { postTask } from './emulator/support/hosted-flow';
import { startHost, type TestHost } from './support/id-scan-host';

// The verdict through the real routes: every scenario of the emulator, and what a person can do on its hosted pages,
// ends in a completed event whose verdict matches the table, the complete route's (or return route's) outcome and
// the stored outcome being that verdict's.

const ALL_TASKS = ['document_scan', 'face_liveness', 'face_match'];

const reason = (code: IdScanVerdictReasonCode, task: string, field?: string) => ({
  code,
  task,
  ...(field === undefined ? {} : { field }),
  retryable: !['document_expired', 'under_minimum_age'].includes(code),
});
const PASSED = { document: 'passed', liveness: 'passed', faceMatch: 'passed' } as const;
const NOT_FINISHED = [reason('not_finished', 'face_liveness'), reason('not_finished', 'face_match')];

/** Each scenario of `completeTransaction` over all three tasks, with a minimum age of 18. */
const SCENARIO_VERDICTS: Record<EmulatorScenario, IdScanVerdict> = {
  genuine_passport: { outcome: 'passed', reasons: [], checks: PASSED },
  genuine_id_card: { outcome: 'passed', reasons: [], checks: PASSED },
  expired_document: {
    outcome: 'failed',
    reasons: [reason('document_expired', 'document_scan', 'date_of_expiry')],
    checks: { ...PASSED, document: 'failed' },
  },
  invalid_document_number: {
    outcome: 'failed',
    reasons: [reason('field_invalid', 'document_scan', 'document_number')],
    checks: { ...PASSED, document: 'failed' },
  },
  under_minimum_age: {
    outcome: 'failed',
    reasons: [reason('under_minimum_age', 'document_scan', 'age')],
    checks: { ...PASSED, document: 'failed' },
  },
  liveness_fails: {
    outcome: 'failed',
    reasons: [reason('liveness_failed', 'face_liveness')],
    checks: { document: 'passed', liveness: 'failed', faceMatch: 'not_relied_on' },
  },
  face_mismatch: {
    outcome: 'failed',
    reasons: [reason('face_mismatch', 'face_match')],
    checks: { ...PASSED, faceMatch: 'failed' },
  },
  gives_up: {
    outcome: 'incomplete',
    reasons: [reason('not_finished', 'document_scan'), ...NOT_FINISHED],
    checks: { document: 'not_performed', liveness: 'not_performed', faceMatch: 'not_performed' },
  },
};

/** A person's way through the hosted pages: a scenario per page, then giving up if `giveUp`. */
interface HostedPath {
  name: string;
  tasks: string[];
  choices: string[];
  giveUp?: boolean;
  verdict: IdScanVerdict;
}

const HOSTED_PATHS: HostedPath[] = [
  {
    name: 'an expired document, then giving up',
    tasks: ALL_TASKS,
    choices: ['expired_document'],
    giveUp: true,
    verdict: {
      outcome: 'failed',
      reasons: [reason('document_expired', 'document_scan', 'date_of_expiry'), ...NOT_FINISHED],
      checks: { document: 'failed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'a failed liveness check, then giving up',
    tasks: ALL_TASKS,
    choices: ['genuine_passport', 'liveness_fails'],
    giveUp: true,
    verdict: {
      outcome: 'failed',
      reasons: [reason('liveness_failed', 'face_liveness'), reason('not_finished', 'face_match')],
      checks: { document: 'passed', liveness: 'failed', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'a genuine document, then giving up',
    tasks: ALL_TASKS,
    choices: ['genuine_id_card'],
    giveUp: true,
    verdict: {
      outcome: 'incomplete',
      reasons: NOT_FINISHED,
      checks: { document: 'passed', liveness: 'not_performed', faceMatch: 'not_performed' },
    },
  },
  {
    name: 'document only, genuine',
    tasks: ['document_scan'],
    choices: ['genuine_passport'],
    verdict: {
      outcome: 'passed',
      reasons: [],
      checks: { document: 'passed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'document only, an invalid document number',
    tasks: ['document_scan'],
    choices: ['invalid_document_number'],
    verdict: {
      outcome: 'failed',
      reasons: [reason('field_invalid', 'document_scan', 'document_number')],
      checks: { document: 'failed', liveness: 'not_requested', faceMatch: 'not_requested' },
    },
  },
  {
    name: 'document and liveness, genuine',
    tasks: ['document_scan', 'face_liveness'],
    choices: ['genuine_passport', 'live_person'],
    verdict: {
      outcome: 'passed',
      reasons: [],
      checks: { document: 'passed', liveness: 'passed', faceMatch: 'not_requested' },
    },
  },
];

describe('the verdict of every completion (e2e, emulator over loopback HTTP)', () => {
  let emulator: IdScanEmulator;
  let host: TestHost;
  const store = new InMemoryTransactionStore();

  beforeAll(async () => {
    emulator = await IdScanEmulator.start({ logger: false });
    host = await startHost({ emulator, store });
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.stop();
  });

  function startVerification(tasks: string[]): Promise<IdScanTransaction> {
    return host.idScan.createTransaction(
      { tasks, returnUrl: `${host.origin}/id-scan/return`, settings: { documentScan: { minimumAge: 18 } } },
      { reference: `order-${randomUUID()}` },
    );
  }

  function completedEvent(transactionId: string): Promise<TransactionCompletedEvent> {
    return host.events.next<TransactionCompletedEvent>(
      'id-scan.transaction.completed',
      (event) => event.transactionId === transactionId,
    );
  }

  it('has a row for every scenario the emulator offers', () => {
    expect(Object.keys(SCENARIO_VERDICTS).sort()).toEqual([...EmulatorScenarios].sort());
  });

  it.each([...EmulatorScenarios])(
    'scenario %s: the event, the complete route and the store agree',
    async (scenario) => {
      const transaction = await startVerification(ALL_TASKS);
      const { resultId } = emulator.completeTransaction(transaction.id, scenario);
      const response = await fetch(`${host.origin}/id-scan/transactions/${transaction.id}/complete`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ resultId }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { outcome: string };

      const event = await completedEvent(transaction.id);
      expect(event.verdict).toEqual(SCENARIO_VERDICTS[scenario]);
      expect(body.outcome).toBe(event.verdict.outcome);
      expect((await store.getCompletion(transaction.id))?.outcome).toBe(event.verdict.outcome);
      expect(Object.isFrozen(event)).toBe(true);
    },
  );

  it('weighs the result against the tasks the record says were requested, in the store and in the event alike', async () => {
    // A result that leaves out requested tasks must never pass: make the record ask for more than the API was told.
    const transaction = await startVerification(['document_scan']);
    const record = (await store.get(transaction.id))!;
    await store.save({ ...record, tasks: ALL_TASKS });
    const { resultId } = emulator.completeTransaction(transaction.id, 'genuine_passport');
    const response = await fetch(`${host.origin}/id-scan/transactions/${transaction.id}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resultId }),
    });
    expect(((await response.json()) as { outcome: string }).outcome).toBe('incomplete');
    const event = await completedEvent(transaction.id);
    expect(event.verdict).toEqual({
      outcome: 'incomplete',
      reasons: NOT_FINISHED,
      checks: { document: 'passed', liveness: 'not_performed', faceMatch: 'not_performed' },
    });
    expect((await store.getCompletion(transaction.id))?.outcome).toBe('incomplete');
  });

  it.each(HOSTED_PATHS.map((path) => [path.name, path] as const))(
    'on the hosted pages, %s: the event and the return route agree',
    async (_, { tasks, choices, giveUp, verdict }) => {
      const transaction = await startVerification(tasks);
      let end: Response | undefined;
      for (const [index, scenario] of choices.entries()) {
        end = await postTask(transaction.url, tasks[index], { scenario });
        expect(end.status).toBe(303);
      }
      if (giveUp) end = await postTask(transaction.url, tasks[choices.length], { scenario: 'gives_up' });
      // The hosted flow ends at the return URL: the person's browser follows it to the host's return route.
      const returnUrl = end!.headers.get('location')!;
      expect(returnUrl.startsWith(`${host.origin}/id-scan/return?`)).toBe(true);
      const landed = await fetch(returnUrl, { redirect: 'manual' });
      expect(landed.status).toBe(302);

      const event = await completedEvent(transaction.id);
      expect(event.verdict).toEqual(verdict);
      expect(event.via).toBe('return-url');
      expect((await store.getCompletion(transaction.id))?.outcome).toBe(verdict.outcome);
      // Only a passed verdict goes to the success page.
      const target = new URL(landed.headers.get('location')!, host.origin).pathname;
      expect(target).toBe(verdict.outcome === 'passed' ? '/verified' : '/verification-failed');
    },
  );
});
