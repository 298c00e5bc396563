import { randomUUID } from 'node:crypto';
import { ProbePaths, type ProbeAnswer } from '../runner/api-probe.client';
import type { ConformanceContext } from '../runner/conformance.context';
import { allOf, describeAnswer, errorCode, isRecord, shapeOf } from '../runner/observation.util';
import type { CheckObservation, ConformanceCheck } from './conformance-check.interface';

const FILTER = 'EmulatorExceptionFilter (libs/id-scan-emulator/src/filters/emulator-exception.filter.ts)';
const ERROR = 'EmulatorApiError (libs/id-scan-emulator/src/errors/emulator-api.error.ts)';

/** The B6 findings every error answer shares: the status, a JSON body, `code` and `message`. */
function errorBodyParts(answer: ProbeAnswer, status: number, code: string) {
  const body = isRecord(answer.json) ? answer.json : undefined;
  return [
    { label: `status ${status}`, passed: answer.status === status, seen: describeAnswer(answer) },
    {
      label: 'JSON body',
      passed: answer.contentType === 'application/json' && body !== undefined,
      seen: `${answer.contentType || 'no content type'}, ${body === undefined ? 'not a JSON object' : 'object'}`,
    },
    {
      label: `{code: "${code}", message: string}`,
      passed: body?.code === code && typeof body.message === 'string',
      seen: body === undefined ? 'no body' : `code ${errorCode(answer) ?? 'absent'}, shape ${shapeOf(body)}`,
    },
  ];
}

function expectErrorBody(answer: ProbeAnswer, status: number, code: string): CheckObservation {
  return allOf(errorBodyParts(answer, status, code));
}

/** A 400 lists every problem in `details`, each with the dotted path of its field. */
async function validationBodyListsEachProblem(context: ConformanceContext): Promise<CheckObservation> {
  const answer = await context.createExpectingRefusal({
    body: { tasks: ['document_scan'], locale: 'de-DE', expiresIn: 600 },
  });
  const details = isRecord(answer.json) && Array.isArray(answer.json.details) ? answer.json.details : undefined;
  const fields = (details ?? []).map((detail) => (isRecord(detail) ? detail.field : undefined));
  return allOf([
    ...errorBodyParts(answer, 400, 'validation_failed'),
    {
      label: 'details name locale and expiresIn, each with a message',
      passed:
        fields.includes('locale') &&
        fields.includes('expiresIn') &&
        (details ?? []).every((detail) => isRecord(detail) && typeof detail.message === 'string'),
      seen: details === undefined ? 'no details array' : shapeOf(details),
    },
  ]);
}

async function malformedJsonIsValidationFailed(context: ConformanceContext): Promise<CheckObservation> {
  return expectErrorBody(await context.createExpectingRefusal({ rawBody: '{"tasks": [' }), 400, 'validation_failed');
}

async function unauthorizedBody(context: ConformanceContext): Promise<CheckObservation> {
  const answer = await context.api.send({
    method: 'GET',
    path: ProbePaths.transaction(randomUUID()),
    authorization: null,
  });
  return expectErrorBody(answer, 401, 'unauthorized');
}

async function notFoundBody(context: ConformanceContext): Promise<CheckObservation> {
  return expectErrorBody(
    await context.send({ method: 'GET', path: ProbePaths.transaction(randomUUID()) }),
    404,
    'not_found',
  );
}

async function resultNotFoundBody(context: ConformanceContext): Promise<CheckObservation> {
  const id = await context.transactionId();
  return expectErrorBody(
    await context.send({ method: 'GET', path: ProbePaths.result(id, randomUUID()) }),
    404,
    'result_not_found',
  );
}

/** Error body shapes (`docs/id-scan-api.md §B6`). */
export const errorChecks: ConformanceCheck[] = [
  {
    id: 'errors.validation-failed',
    title: 'A refused request answers 400 validation_failed listing each problem in details',
    group: 'errors',
    cost: 'free',
    basis: 'assumption',
    section: 'B6',
    emulator: `EmulatorValidationPipe (libs/id-scan-emulator/src/pipes/emulator-validation.pipe.ts) and ${ERROR}`,
    run: validationBodyListsEachProblem,
  },
  {
    id: 'errors.malformed-json',
    title: 'A body that is not JSON answers 400 validation_failed',
    group: 'errors',
    cost: 'free',
    basis: 'assumption',
    section: 'B6',
    emulator: `${FILTER}: malformed JSON`,
    run: malformedJsonIsValidationFailed,
  },
  {
    id: 'errors.unauthorized',
    title: 'A request without a token answers 401 unauthorized',
    group: 'errors',
    cost: 'free',
    basis: 'assumption',
    section: 'B6',
    emulator: `${ERROR}: unauthorized()`,
    run: unauthorizedBody,
  },
  {
    id: 'errors.not-found',
    title: 'An unknown transaction answers 404 not_found',
    group: 'errors',
    cost: 'free',
    basis: 'assumption',
    section: 'B6',
    emulator: `${ERROR}: notFound()`,
    run: notFoundBody,
  },
  {
    id: 'errors.result-not-found',
    title: 'The result of an unfinished transaction answers 404 result_not_found',
    group: 'errors',
    cost: 'one transaction',
    basis: 'assumption',
    section: 'B6',
    emulator: `${ERROR}: resultNotFound()`,
    run: resultNotFoundBody,
  },
];
