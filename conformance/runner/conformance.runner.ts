import { isAxiosError } from 'axios';
import { IdScanEmulator, type IdScanEmulatorOptions } from 'nestjs-id-scan-emulator';
import { CONFORMANCE_CHECKS, NotCheckableError, type ConformanceCheck } from '../checks';
import { ConformanceContext, SHARED_TRANSACTION_REQUEST, type CreationLedger } from './conformance.context';
import type { ConformanceCredentials } from './conformance-tokens.util';

/** `embedded`: against an emulator this process started; `live`: against a real account (CM.com by default). */
export type ConformanceMode = 'embedded' | 'live';

/** How a check ended. */
export type CheckVerdict = 'pass' | 'fail' | 'not_checkable';

/** One check's outcome, as reports show it. Holds no personal data, token or secret. */
export interface CheckResult extends Omit<ConformanceCheck, 'run'> {
  verdict: CheckVerdict;
  expected: string;
  /** What was seen, or why the check could not decide. */
  seen: string;
}

/** A whole run. */
export interface ConformanceRun {
  mode: ConformanceMode;
  /** The API base URL probed, without credentials, query or fragment. */
  target: string;
  startedAt: string;
  finishedAt: string;
  results: CheckResult[];
  created: CreationLedger;
}

/** What {@link runConformance} needs. */
export interface ConformanceRunOptions {
  mode: ConformanceMode;
  /** API base URL, ending in `/id-scan/v1/`. */
  baseUrl: string;
  credentials: ConformanceCredentials;
  /** @default every check, {@link CONFORMANCE_CHECKS} */
  checks?: readonly ConformanceCheck[];
  /** @default {@link DEFAULT_WEBHOOK_URL} */
  webhookUrl?: string;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
}

/**
 * Where the webhook checks subscribe. A reserved documentation domain: the subscription is deleted within the run,
 * before anything could be delivered, and nothing of ours answers there anyway.
 */
export const DEFAULT_WEBHOOK_URL = 'https://example.com/nestjs-id-scan-conformance';

/**
 * Runs the checks in order against `baseUrl` and resolves with every outcome; never throws for a failing check.
 * In live mode a request the kit expects to be refused may create at most one transaction before such requests
 * stop (see `ConformanceContext`). Webhooks the run created are deleted at the end, whatever happened.
 */
export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRun> {
  const context = new ConformanceContext({
    baseUrl: options.baseUrl,
    credentials: options.credentials,
    webhookUrl: options.webhookUrl ?? DEFAULT_WEBHOOK_URL,
    unplannedTransactionAllowance: options.mode === 'live' ? 1 : Number.POSITIVE_INFINITY,
    timeoutMs: options.timeoutMs,
  });
  const startedAt = new Date().toISOString();
  const results: CheckResult[] = [];
  try {
    for (const check of options.checks ?? CONFORMANCE_CHECKS) results.push(await runCheck(check, context));
  } finally {
    await context.cleanUp();
  }
  return {
    mode: options.mode,
    target: displayUrl(options.baseUrl),
    startedAt,
    finishedAt: new Date().toISOString(),
    results,
    created: context.ledger,
  };
}

/**
 * Starts an emulator on a free loopback port, runs every check against it with its credentials, and stops it.
 * Every check must pass: the emulator is built to Part B, so a failure is a defect in the emulator or the kit.
 */
export async function runEmbeddedConformance(
  emulatorOptions: IdScanEmulatorOptions = {},
  checks?: readonly ConformanceCheck[],
): Promise<ConformanceRun> {
  const emulator = await IdScanEmulator.start({ port: 0, ...emulatorOptions });
  try {
    return await runConformance({
      mode: 'embedded',
      baseUrl: emulator.url,
      credentials: emulator.credentials[0],
      checks,
    });
  } finally {
    await emulator.stop();
  }
}

/** What a live run will create, said before it starts. */
export function livePlan(
  baseUrl: string,
  checks: readonly ConformanceCheck[] = CONFORMANCE_CHECKS,
  webhookUrl: string = DEFAULT_WEBHOOK_URL,
): string[] {
  const costly = checks.filter((check) => check.cost === 'one transaction').length;
  return [
    `Live mode against ${displayUrl(baseUrl)}: ${checks.length} checks, none needs a person to finish a flow.`,
    `It will create ${costly > 0 ? '1 transaction' : 'no transaction'}` +
      (costly > 0
        ? ` (tasks ${SHARED_TRANSACTION_REQUEST.tasks.join(', ')}; never started; it expires after ` +
          `${SHARED_TRANSACTION_REQUEST.expiresIn} s)`
        : '') +
      ` and 1 webhook to ${webhookUrl} (deleted before the run ends).`,
    'If the API accepts a request the kit expects it to refuse, that request may create 1 more transaction; ' +
      'after that, such requests are not sent.',
  ];
}

async function runCheck(check: ConformanceCheck, context: ConformanceContext): Promise<CheckResult> {
  const { id, title, group, cost, basis, section, emulator } = check;
  const description: Omit<ConformanceCheck, 'run'> = { id, title, group, cost, basis, section, emulator };
  try {
    const observation = await check.run(context);
    return {
      ...description,
      verdict: observation.passed ? 'pass' : 'fail',
      expected: observation.expected,
      seen: observation.seen,
    };
  } catch (error) {
    if (error instanceof NotCheckableError) {
      return { ...description, verdict: 'not_checkable', expected: '', seen: error.message };
    }
    const seen = isAxiosError(error) ? `no answer (${failureName(error)})` : `the check threw ${failureName(error)}`;
    return { ...description, verdict: 'fail', expected: 'an answer', seen };
  }
}

// The name or code only: a message could carry a URL with a token in it.
function failureName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return typeof error;
}

/** A base URL for display: no user info, query or fragment. */
export function displayUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
