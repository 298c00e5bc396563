import { randomUUID } from 'node:crypto';
import { readField, summarizeResult, type IdScanTransactionResult } from 'nestjs-id-scan';
import cmResultExample from '../fixtures/cm-result-example.json';
import { ProbePaths, type ProbeAnswer } from '../runner/api-probe.client';
import { SHARED_TRANSACTION_REQUEST, type ConformanceContext } from '../runner/conformance.context';
import { allOf, describeAnswer, expectStatus, isRecord, safeWord, shapeOf } from '../runner/observation.util';
import type { CheckObservation, ConformanceCheck } from './conformance-check.interface';

const TRANSACTIONS = 'TransactionsService (libs/id-scan-emulator/src/transactions/transactions.service.ts)';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** ISO-8601 with whole seconds and an explicit `+00:00` offset, as every documented example (§A1). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

/**
 * Reads CM's documented result example (`docs/id-scan-api.md §A5`, kept as `fixtures/cm-result-example.json`)
 * through the package's `readField` and `summarizeResult`. Expectations are looked up in the example itself
 * (the `mrz` value of an entry, the task score), and only key names reach the report.
 */
function packageReadsCmResultExample(): Promise<CheckObservation> {
  const example = cmResultExample as unknown as IdScanTransactionResult;
  const task = example.tasks[0];
  const entry = (field: string) => (task.result ?? []).find((item) => item.field === field);
  const valueOf = (field: string, source: string) => entry(field)?.values.find((v) => v.source === source)?.value;
  const summary = summarizeResult(example);
  const documentFile = (task.files ?? []).find((file) => file.category === 'document');
  const parts = [
    {
      label: 'readField(document_number) is the mrz value',
      passed: readField(example, 'document_number') === valueOf('document_number', 'mrz'),
    },
    {
      label: 'readField(surname) is the mrz value',
      passed: readField(example, 'surname') === valueOf('surname', 'mrz'),
    },
    {
      label: 'readField(nationality) ignores the localised copy',
      passed: readField(example, 'nationality') === undefined,
    },
    {
      label: 'readField(nationality, nl-BE) is the localised visual value',
      passed: readField(example, 'nationality', { locale: 'nl-BE' }) === valueOf('nationality', 'visual'),
    },
    {
      label: 'summary documentNumber and surname are the mrz values',
      passed:
        summary.documentNumber === valueOf('document_number', 'mrz') && summary.surname === valueOf('surname', 'mrz'),
    },
    { label: 'summary documentType is the document file type', passed: summary.documentType === documentFile?.type },
    { label: 'summary documentScore is the task score', passed: summary.documentScore === task.score },
    {
      label: 'summary lists no invalid field and no face scores',
      passed:
        summary.invalidFields.length === 0 &&
        summary.livenessScore === undefined &&
        summary.faceMatchScore === undefined,
    },
  ];
  return Promise.resolve(allOf(parts.map((part) => ({ ...part, seen: 'differs' }))));
}

/** The answer that created the run's transaction; it is this check group's one transaction. */
async function creation(context: ConformanceContext): Promise<ProbeAnswer> {
  return (await context.transaction()).answer;
}

async function createAnswers201(context: ConformanceContext): Promise<CheckObservation> {
  return expectStatus(await creation(context), 201);
}

/** The documented keys of the create answer (§A3.4), with the echoes of what was sent. */
async function createAnswerHasDocumentedShape(context: ConformanceContext): Promise<CheckObservation> {
  const answer = await creation(context);
  const body = isRecord(answer.json) ? answer.json : {};
  return allOf([
    { label: 'id is a UUID', passed: typeof body.id === 'string' && UUID.test(body.id), seen: shapeOf(body.id) },
    { label: 'state is pending', passed: body.state === 'pending', seen: safeWord(body.state) },
    {
      label: 'tasks echo the requested task names',
      passed: JSON.stringify(body.tasks) === JSON.stringify(SHARED_TRANSACTION_REQUEST.tasks),
      seen: shapeOf(body.tasks),
    },
    { label: 'settings is an object', passed: isRecord(body.settings), seen: shapeOf(body.settings) },
    { label: 'url is an absolute URL', passed: isAbsoluteUrl(body.url), seen: shapeOf(body.url) },
    {
      label: 'locale is echoed',
      passed: body.locale === SHARED_TRANSACTION_REQUEST.locale,
      seen: safeWord(body.locale),
    },
    {
      label: 'mobileOnly is echoed',
      passed: body.mobileOnly === SHARED_TRANSACTION_REQUEST.mobileOnly,
      seen: shapeOf(body.mobileOnly),
    },
    {
      label: 'created and expires are strings',
      passed: typeof body.created === 'string' && typeof body.expires === 'string',
      seen: `created ${shapeOf(body.created)}, expires ${shapeOf(body.expires)}`,
    },
  ]);
}

async function timestampsAreIsoSeconds(context: ConformanceContext): Promise<CheckObservation> {
  const body = await createdBody(context);
  const format = (value: unknown) =>
    typeof value === 'string' && TIMESTAMP.test(value) ? 'ISO +00:00' : shapeOfTime(value);
  return allOf(
    (['created', 'expires'] as const).map((key) => ({
      label: `${key} is ISO-8601 with seconds and +00:00`,
      passed: typeof body[key] === 'string' && TIMESTAMP.test(body[key]),
      seen: format(body[key]),
    })),
  );
}

async function expiresIsCreatedPlusExpiresIn(context: ConformanceContext): Promise<CheckObservation> {
  const body = await createdBody(context);
  const lifetime = (Date.parse(String(body.expires)) - Date.parse(String(body.created))) / 1000;
  return {
    passed: lifetime === SHARED_TRANSACTION_REQUEST.expiresIn,
    expected: `expires - created = ${SHARED_TRANSACTION_REQUEST.expiresIn} s`,
    seen: Number.isFinite(lifetime) ? `${lifetime} s` : 'not computable',
  };
}

async function urlCarriesLowerCaseLocale(context: ConformanceContext): Promise<CheckObservation> {
  const body = await createdBody(context);
  const path = isAbsoluteUrl(body.url) ? new URL(body.url).pathname : '';
  const expectedSegment = `/${SHARED_TRANSACTION_REQUEST.locale.toLowerCase()}/identifications/`;
  const match = /^\/([^/]+)\/identifications\/[^/]+$/.exec(path);
  return {
    passed: path.startsWith(expectedSegment) && match !== null,
    expected: `url path ${expectedSegment}{token}`,
    seen: match ? `/${safeWord(match[1])}/identifications/{token}` : 'another path form',
  };
}

/** `GET /transactions/{id}` of the pending transaction (§A4). */
async function detailsOfPendingTransaction(context: ConformanceContext): Promise<CheckObservation> {
  const id = await context.transactionId();
  const created = await createdBody(context);
  const answer = await context.send({ method: 'GET', path: ProbePaths.transaction(id) });
  const body = isRecord(answer.json) ? answer.json : {};
  const tasks = Array.isArray(body.tasks) ? body.tasks : [];
  return allOf([
    { label: 'status 200', passed: answer.status === 200, seen: describeAnswer(answer) },
    { label: 'id is the transaction id', passed: body.id === id, seen: shapeOf(body.id) },
    { label: 'state is pending', passed: body.state === 'pending', seen: safeWord(body.state) },
    { label: 'completed is null', passed: body.completed === null, seen: shapeOf(body.completed) },
    {
      label: 'created and expires as in the create answer',
      passed: body.created === created.created && body.expires === created.expires,
      seen: 'differ',
    },
    {
      // §A4 shows the document_scan task only; what face tasks look like there is not documented.
      label: 'tasks are objects with type and state, document_scan among them',
      passed:
        tasks.length > 0 &&
        tasks.every((task) => isRecord(task) && typeof task.type === 'string' && typeof task.state === 'string') &&
        tasks.some((task) => isRecord(task) && task.type === 'document_scan'),
      seen: shapeOf(body.tasks),
    },
  ]);
}

async function unknownTransactionIs404(context: ConformanceContext): Promise<CheckObservation> {
  return expectStatus(await context.send({ method: 'GET', path: ProbePaths.transaction(randomUUID()) }), 404);
}

async function resultOfPendingTransactionIs404(context: ConformanceContext): Promise<CheckObservation> {
  const id = await context.transactionId();
  return expectStatus(await context.send({ method: 'GET', path: ProbePaths.result(id, randomUUID()) }), 404);
}

/** The create answer's body; checks that read it need the run's transaction to exist. */
async function createdBody(context: ConformanceContext): Promise<Record<string, unknown>> {
  await context.transactionId();
  const { answer } = await context.transaction();
  return isRecord(answer.json) ? answer.json : {};
}

function isAbsoluteUrl(value: unknown): value is string {
  return typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** A timestamp that is not in the documented form, described without its value. */
function shapeOfTime(value: unknown): string {
  if (typeof value !== 'string') return shapeOf(value);
  if (/Z$/.test(value)) return 'ISO with Z';
  if (/\.\d+/.test(value)) return 'ISO with fractional seconds';
  return 'another string form';
}

/** Create a transaction and read it back; CM's result example through the package (`docs/id-scan-api.md`). */
export const transactionChecks: ConformanceCheck[] = [
  {
    id: 'transactions.cm-result-example',
    title: "CM's documented result example reads as expected through readField and summarizeResult",
    group: 'transactions',
    cost: 'free',
    basis: 'documented',
    section: 'A5',
    emulator: 'document fields (libs/id-scan-emulator/src/results/document-fields.util.ts): entry shape and sources',
    run: packageReadsCmResultExample,
  },
  {
    id: 'transactions.unknown-404',
    title: 'An unknown transaction id answers 404',
    group: 'transactions',
    cost: 'free',
    basis: 'assumption',
    section: 'B1',
    emulator: `${TRANSACTIONS}: get() answers 404 for an unknown id`,
    run: unknownTransactionIs404,
  },
  {
    id: 'transactions.create-201',
    title: 'Creating a transaction answers 201',
    group: 'transactions',
    cost: 'one transaction',
    basis: 'assumption',
    section: 'B1',
    emulator:
      'TransactionsController (libs/id-scan-emulator/src/transactions/transactions.controller.ts): @HttpCode(201)',
    run: createAnswers201,
  },
  {
    id: 'transactions.create-shape',
    title: 'The create answer has the documented keys and echoes the request',
    group: 'transactions',
    cost: 'one transaction',
    basis: 'documented',
    section: 'A3',
    emulator: `${TRANSACTIONS}: create() answer`,
    run: createAnswerHasDocumentedShape,
  },
  {
    id: 'transactions.timestamps',
    title: 'Timestamps are ISO-8601 with whole seconds and +00:00',
    group: 'transactions',
    cost: 'one transaction',
    basis: 'documented',
    section: 'A1',
    emulator: 'formatTimestamp (libs/id-scan-emulator/src/clock/time.util.ts)',
    run: timestampsAreIsoSeconds,
  },
  {
    id: 'transactions.expires',
    title: 'expires is created plus expiresIn',
    group: 'transactions',
    cost: 'one transaction',
    basis: 'assumption',
    section: 'B3',
    emulator: `${TRANSACTIONS}: expires = created + expiresIn`,
    run: expiresIsCreatedPlusExpiresIn,
  },
  {
    id: 'transactions.url-locale',
    title: 'The hosted flow url carries the lower-case locale',
    group: 'transactions',
    cost: 'one transaction',
    basis: 'assumption',
    section: 'B3',
    emulator: 'EmulatorUrlsService (libs/id-scan-emulator/src/urls/emulator-urls.service.ts): pageUrl()',
    run: urlCarriesLowerCaseLocale,
  },
  {
    id: 'transactions.details',
    title: 'The details of the new transaction have the documented shape',
    group: 'transactions',
    cost: 'one transaction',
    basis: 'documented',
    section: 'A4',
    emulator: `${TRANSACTIONS}: details()`,
    run: detailsOfPendingTransaction,
  },
  {
    id: 'transactions.result-pending-404',
    title: 'The result of an unfinished transaction answers 404',
    group: 'transactions',
    cost: 'one transaction',
    basis: 'assumption',
    section: 'B1',
    emulator: `${TRANSACTIONS}: completedRecord() answers 404 result_not_found before completion`,
    run: resultOfPendingTransactionIs404,
  },
];
