import { randomBytes, randomUUID } from 'node:crypto';
import { ProbePaths } from '../runner/api-probe.client';
import type { ConformanceContext } from '../runner/conformance.context';
import { expectStatus } from '../runner/observation.util';
import type { CheckObservation, ConformanceCheck } from './conformance-check.interface';

const DOWNLOADS = 'DownloadsController (libs/id-scan-emulator/src/files/downloads.controller.ts)';
const REPORTS = 'TransactionsController (libs/id-scan-emulator/src/transactions/transactions.controller.ts): report()';

/** A token of the documented download form: 50 characters of `[A-Za-z0-9]` (§A1), matching nothing. */
function unknownDownloadToken(): string {
  return randomBytes(64)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 50);
}

async function unknownDownloadIs404(context: ConformanceContext): Promise<CheckObservation> {
  return expectStatus(await context.send({ method: 'GET', path: ProbePaths.download(unknownDownloadToken()) }), 404);
}

async function downloadNeedsToken(context: ConformanceContext): Promise<CheckObservation> {
  const answer = await context.api.send({
    method: 'GET',
    path: ProbePaths.download(unknownDownloadToken()),
    authorization: null,
  });
  return expectStatus(answer, 401);
}

async function reportNeedsToken(context: ConformanceContext): Promise<CheckObservation> {
  const answer = await context.api.send({
    method: 'GET',
    path: ProbePaths.report(randomUUID(), randomUUID()),
    authorization: null,
  });
  return expectStatus(answer, 401);
}

/** The report of the run's unfinished transaction, for a result id it cannot have: 404. */
function reportOfPendingTransaction(query: string) {
  return async (context: ConformanceContext): Promise<CheckObservation> => {
    const id = await context.transactionId();
    const answer = await context.send({ method: 'GET', path: `${ProbePaths.report(id, randomUUID())}${query}` });
    return expectStatus(answer, 404);
  };
}

/**
 * Status codes of the report and download endpoints (`docs/id-scan-api.md §B1`, `§B2`), for an unfinished
 * transaction: nothing here needs a person to go through the hosted flow.
 */
export const downloadChecks: ConformanceCheck[] = [
  {
    id: 'downloads.unknown-token-404',
    title: 'An unknown download token answers 404',
    group: 'downloads',
    cost: 'free',
    basis: 'assumption',
    section: 'B1',
    emulator: `${DOWNLOADS}: FilesService.resolve() answers 404`,
    run: unknownDownloadIs404,
  },
  {
    id: 'downloads.needs-token',
    title: 'A download without a bearer token answers 401',
    group: 'downloads',
    cost: 'free',
    basis: 'assumption',
    section: 'B2',
    emulator: `${DOWNLOADS}: @UseGuards(JwtAuthGuard)`,
    run: downloadNeedsToken,
  },
  {
    id: 'downloads.report-needs-token',
    title: 'A report request without a bearer token answers 401',
    group: 'downloads',
    cost: 'free',
    basis: 'assumption',
    section: 'B2',
    emulator: `${REPORTS}, guarded by JwtAuthGuard`,
    run: reportNeedsToken,
  },
  {
    id: 'downloads.report-pending-404',
    title: 'The simple report of an unfinished transaction answers 404',
    group: 'downloads',
    cost: 'one transaction',
    basis: 'assumption',
    section: 'B1',
    emulator: `${REPORTS}: completedRecord() answers 404 before completion`,
    run: reportOfPendingTransaction(''),
  },
  {
    id: 'downloads.extended-report-pending-404',
    title: 'The extended report of an unfinished transaction answers 404',
    group: 'downloads',
    cost: 'one transaction',
    basis: 'assumption',
    section: 'B1',
    emulator: `${REPORTS}: completedRecord() answers 404 before completion`,
    run: reportOfPendingTransaction('?type=extended'),
  },
];
