import { resolve } from 'node:path';
import type { IdScanEmulatorOptions } from 'nestjs-id-scan-emulator';
import { writeDriftReport } from './report/drift-report.writer';
import { resultsTable } from './report/results-table.util';
import type { ConformanceCredentials } from './runner/conformance-tokens.util';
import { livePlan, runConformance, runEmbeddedConformance, type ConformanceRun } from './runner/conformance.runner';

/** CM.com production (`docs/id-scan-api.md §B1`). */
export const CM_PRODUCTION_BASE_URL = 'https://api.cm.com/id-scan/v1/';

/** Where live reports go unless `CONFORMANCE_REPORT_DIR` says otherwise (ignored by git). */
export const DEFAULT_REPORT_DIRECTORY = 'test-output/conformance';

/** The line printed instead of a live run when credentials are missing. */
export const LIVE_SKIPPED_LINE =
  'Live mode skipped: set ID_SCAN_KEY_ID and ID_SCAN_SECRET (and optionally ID_SCAN_BASE_URL) to check a real account.';

/** What `npm run conformance` reads. */
export interface ConformanceCliOptions {
  /** The environment: `ID_SCAN_KEY_ID`, `ID_SCAN_SECRET`, `ID_SCAN_BASE_URL`, `CONFORMANCE_REPORT_DIR`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Writes one line of output. */
  write: (line: string) => void;
  /** Options of the embedded emulator. @default {} */
  emulator?: IdScanEmulatorOptions;
}

/** A live target from the environment, or why there is none. */
export type LiveTarget =
  | { kind: 'live'; baseUrl: string; credentials: ConformanceCredentials }
  | { kind: 'skipped'; line: string }
  | { kind: 'invalid'; line: string };

/** Reads the live target from the environment. Never echoes a credential. */
export function liveTarget(env: ConformanceCliOptions['env']): LiveTarget {
  const keyId = env.ID_SCAN_KEY_ID?.trim();
  const secret = env.ID_SCAN_SECRET;
  if (!keyId || !secret) return { kind: 'skipped', line: LIVE_SKIPPED_LINE };
  const baseUrl = env.ID_SCAN_BASE_URL?.trim() || CM_PRODUCTION_BASE_URL;
  if (!URL.canParse(baseUrl) || !/^https?:$/.test(new URL(baseUrl).protocol)) {
    return { kind: 'invalid', line: 'Live mode not run: ID_SCAN_BASE_URL must be an absolute http(s) URL.' };
  }
  return { kind: 'live', baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, credentials: { keyId, secret } };
}

/**
 * `npm run conformance`: every check against an embedded emulator (all must pass), then, with credentials in the
 * environment, the live run with its drift report; without them one line says live mode was skipped.
 * @returns the exit code: 0 when no check failed, 1 otherwise
 */
export async function runConformanceCli(options: ConformanceCliOptions): Promise<number> {
  const { write } = options;
  const embedded = await runEmbeddedConformance(options.emulator ?? {});
  write(resultsTable(embedded));
  write('');

  const target = liveTarget(options.env);
  if (target.kind !== 'live') {
    write(target.line);
    return exitCode([embedded], target.kind === 'invalid');
  }
  for (const line of livePlan(target.baseUrl)) write(line);
  const live = await runConformance({ mode: 'live', baseUrl: target.baseUrl, credentials: target.credentials });
  write(resultsTable(live));
  const files = await writeDriftReport(live, resolve(options.env.CONFORMANCE_REPORT_DIR || DEFAULT_REPORT_DIRECTORY));
  write(`Drift report: ${files.markdown} and ${files.json}`);
  return exitCode([embedded, live], false);
}

function exitCode(runs: ConformanceRun[], invalidConfiguration: boolean): number {
  const failed = runs.some((run) => run.results.some((result) => result.verdict === 'fail'));
  return failed || invalidConfiguration ? 1 : 0;
}
