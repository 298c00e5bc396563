import { randomBytes, randomUUID } from 'node:crypto';
import { EMULATOR_ROUTE_NAMES } from '../emulator.constants';
import { EmulatorConfigurationError } from '../errors';
import type {
  EmulatorFaultRule,
  EmulatorFaults,
  IdScanEmulatorCredentials,
  IdScanEmulatorOptions,
} from '../interfaces';
import type { ResolvedEmulatorOptions } from './resolved-emulator-options.interface';

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/**
 * The fault kinds, each a probability key of a fault rule, in the order their ranges are laid out on [0, 1) when a
 * request's fate is drawn. New kinds go last, so that a rule without them draws the same fates as before.
 */
export const FAULT_KINDS = [
  'rateLimit',
  'serverError',
  'unavailable',
  'dropConnection',
  'stall',
  'dropAfterProcessing',
] as const;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** A fresh key pair shaped like CM.com's: a UUID key id and a 54-character alphanumeric secret. */
export function generateCredentials(): IdScanEmulatorCredentials {
  const bytes = randomBytes(54);
  const secret = Array.from(bytes, (byte) => SECRET_ALPHABET[byte % SECRET_ALPHABET.length]).join('');
  return { keyId: randomUUID(), secret };
}

/**
 * Applies the defaults and checks every option.
 * @throws EmulatorConfigurationError listing every problem (secrets are never echoed).
 */
export function resolveEmulatorOptions(options: IdScanEmulatorOptions = {}): ResolvedEmulatorOptions {
  const problems: string[] = [];
  const port = options.port ?? 0;
  checkPort('port', port, problems);
  if (options.pagePort !== undefined) checkPort('pagePort', options.pagePort, problems);
  if (options.pagePort !== undefined && options.pagePort !== 0 && options.pagePort === port) {
    problems.push('pagePort must differ from port');
  }
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') problems.push('host must be a non-empty string');
  const publicHost = options.publicHost ?? (WILDCARD_HOSTS.has(host) ? 'localhost' : host);

  const publicUrl = options.publicUrl === undefined ? undefined : publicOrigin(options.publicUrl, problems);
  if (options.warmUp !== undefined && typeof options.warmUp !== 'boolean') problems.push('warmUp must be a boolean');

  const credentials = options.credentials ?? [generateCredentials()];
  if (!Array.isArray(credentials) || credentials.length === 0) {
    problems.push('credentials must be a non-empty list of { keyId, secret }');
  } else {
    const seen = new Set<string>();
    credentials.forEach((pair, index) => {
      if (typeof pair?.keyId !== 'string' || pair.keyId === '') {
        problems.push(`credentials[${index}].keyId must be a non-empty string`);
      } else if (seen.has(pair.keyId)) {
        problems.push(`credentials[${index}].keyId is a duplicate`);
      } else {
        seen.add(pair.keyId);
      }
      if (typeof pair?.secret !== 'string' || pair.secret.length < 32) {
        problems.push(`credentials[${index}].secret must be a string of at least 32 characters (***)`);
      }
    });
  }

  const webhookRetryDelaysMs = options.webhookRetryDelaysMs ?? [1000, 2000, 4000, 8000, 16000];
  if (
    !Array.isArray(webhookRetryDelaysMs) ||
    webhookRetryDelaysMs.some((delay) => !Number.isFinite(delay) || delay < 0)
  ) {
    problems.push('webhookRetryDelaysMs must be a list of non-negative numbers');
  }
  const webhookTimeoutMs = options.webhookTimeoutMs ?? 10_000;
  if (!Number.isFinite(webhookTimeoutMs) || webhookTimeoutMs <= 0) {
    problems.push('webhookTimeoutMs must be a positive number');
  }
  const maxUploadBytes = options.maxUploadBytes ?? 5 * 1024 * 1024;
  if (!Number.isInteger(maxUploadBytes) || maxUploadBytes <= 0) {
    problems.push('maxUploadBytes must be a positive integer');
  }
  const authClock = options.authClock ?? 'wall';
  if (authClock !== 'wall' && authClock !== 'emulated') problems.push("authClock must be 'wall' or 'emulated'");
  const faults = options.faults ?? {};
  problems.push(...faultProblems(faults));

  if (problems.length > 0) throw new EmulatorConfigurationError(problems);
  return {
    port,
    host,
    pagePort: options.pagePort,
    publicHost,
    publicUrl,
    warmUp: options.warmUp ?? true,
    credentials: credentials.map((pair) => ({ keyId: pair.keyId, secret: pair.secret })),
    faults,
    webhookRetryDelaysMs: [...webhookRetryDelaysMs],
    webhookTimeoutMs,
    duplicateDeliveries: options.duplicateDeliveries ?? false,
    reorderDeliveries: options.reorderDeliveries ?? false,
    authClock,
    seed: String(options.seed ?? randomBytes(6).readUIntBE(0, 6)),
    seeded: options.seed !== undefined,
    maxUploadBytes,
    logger: options.logger,
  };
}

/** The origin of a `publicUrl` option, or `undefined` after recording why it is unusable. */
function publicOrigin(value: unknown, problems: string[]): string | undefined {
  const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    problems.push('publicUrl must be an absolute http: or https: URL without credentials');
    return undefined;
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    problems.push('publicUrl must be an origin, without a path, query or fragment');
    return undefined;
  }
  return url.origin;
}

/** Every problem of a fault configuration (empty when it is usable). */
export function faultProblems(faults: EmulatorFaults): string[] {
  if (typeof faults !== 'object' || faults === null) return ['faults must be an object keyed by route name'];
  const problems: string[] = [];
  for (const [route, rule] of Object.entries(faults) as [string, EmulatorFaultRule | undefined][]) {
    if (route !== '*' && !(EMULATOR_ROUTE_NAMES as readonly string[]).includes(route)) {
      problems.push(`faults.${route}: unknown route (use '*' or one of ${EMULATOR_ROUTE_NAMES.join(', ')})`);
      continue;
    }
    if (rule === undefined) continue;
    let sum = 0;
    for (const key of FAULT_KINDS) {
      const value = rule[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        problems.push(`faults.${route}.${key} must be a probability between 0 and 1`);
      } else {
        sum += value;
      }
    }
    if (sum > 1 + 1e-9) problems.push(`faults.${route}: the probabilities add up to more than 1`);
    const latency = rule.latencyMs;
    if (latency !== undefined) {
      const range = Array.isArray(latency) ? latency : [latency, latency];
      if (range.length !== 2 || range.some((ms) => !Number.isFinite(ms) || ms < 0) || range[0] > range[1]) {
        problems.push(`faults.${route}.latencyMs must be a non-negative number or a [min, max] range`);
      }
    }
    if (
      rule.retryAfterSeconds !== undefined &&
      (!Number.isInteger(rule.retryAfterSeconds) || rule.retryAfterSeconds < 0)
    ) {
      problems.push(`faults.${route}.retryAfterSeconds must be a non-negative integer`);
    }
    if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 0)) {
      problems.push(`faults.${route}.times must be a non-negative integer`);
    }
  }
  return problems;
}

function checkPort(name: string, port: number, problems: string[]): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`${name} must be an integer from 0 to 65535`);
}
