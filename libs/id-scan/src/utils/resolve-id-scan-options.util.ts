import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import type { IdScanModuleOptions, ResolvedIdScanOptions } from '../interfaces/id-scan-module-options.interface';
import type { IdScanTransactionStore } from '../stores/id-scan-transaction-store.interface';
import { InMemoryTransactionStore } from '../stores/in-memory-transaction.store';
import { durationOption, isDurationIn } from './duration-option.util';
import { isHeaderName } from './is-header-name.util';
import { resolveBaseUrl, warnAboutBaseUrlPath } from './resolve-base-url.util';
import { isRecord } from './is-record.util';

export const DEFAULT_WEBHOOK_HEADER = 'x-id-scan-webhook-secret';
/** Shorter shared secrets can be guessed; generate one with `openssl rand -hex 32`. */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

const KNOWN_KEYS = new Set<string>([
  'keyId',
  'secret',
  'baseUrl',
  'tokenTtlSeconds',
  'timeoutMs',
  'maxRetries',
  'callbacks',
  'webhooks',
  'store',
  'delivery',
  'expirySweep',
]);
const STORE_METHODS = [
  'save',
  'get',
  'markCompleted',
  'markEventSeen',
  'getCompletion',
  'countResultCheck',
  'leaseExpired',
  'claimExpiry',
] as const;
/** About 1 s, 5 s, 30 s, 2 min, 10 min, 30 min and 1 h: a listener's dependency has time to come back. */
export const DEFAULT_DELIVERY_RETRY_DELAYS_MS = Object.freeze([
  1000, 5000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000,
]);
export const DEFAULT_DELIVERY_QUEUE_NAME = 'id-scan-deliveries';
export const DEFAULT_EXPIRY_SWEEP_INTERVAL_MS = 60_000;
/** Longer than any retry schedule needs, shorter than a Node timer can hold (2^31 - 1 ms). */
const MAX_RETRY_DELAY_MS = 86_400_000;
/** Ten minutes: an API call (a download included) that takes longer has failed, and a timer holds it. */
const MAX_TIMEOUT_MS = 600_000;
/**
 * What a webhook secret may hold: visible ASCII. HTTP header values carry nothing else intact (other characters are
 * re-encoded or refused on the way) and are trimmed, so a secret with a space or a non-ASCII letter never matches.
 */
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;
/** Headers CM.com could not add to a delivery, or that would break it. */
const RESERVED_HEADERS = new Set(['host', 'content-type', 'content-length', 'transfer-encoding', 'connection']);
/**
 * One leading slash and nothing a browser could read as another host: `//evil` and `/\evil` are
 * protocol-relative, and browsers drop tabs and newlines, which turns `/\t/evil` into `//evil`.
 */
// eslint-disable-next-line no-control-regex
const HOST_RELATIVE_PATH = /^\/(?![/\\])[^\s\u0000-\u001f\u007f]*$/;

/**
 * Applies the defaults, checks every option, and freezes the result. All problems are reported together in one
 * {@link IdScanConfigurationError}; no message ever contains the secret or a webhook secret.
 *
 * @throws IdScanConfigurationError when any option is missing or invalid
 */
export function resolveIdScanOptions(options: IdScanModuleOptions): ResolvedIdScanOptions {
  const problems: string[] = [];
  if (!isRecord(options)) {
    throw new IdScanConfigurationError(
      'the options must be an object (check what your forRootAsync factory or class returns).',
    );
  }

  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) problems.push(`unknown option "${key}"; known options: ${[...KNOWN_KEYS].join(', ')}.`);
  }

  if (!isNonEmptyString(options.keyId)) {
    problems.push('keyId is required: the Key ID issued by CM.com (ID_SCAN_KEY_ID with idScanConfig).');
  }
  if (!isNonEmptyString(options.secret)) {
    problems.push('secret is required: the secret issued by CM.com (ID_SCAN_SECRET with idScanConfig).');
  }
  checkCredentialWhitespace(options, problems);

  const baseUrl = resolveBaseUrl(options.baseUrl, problems);
  const tokenTtlSeconds = integerIn('tokenTtlSeconds', options.tokenTtlSeconds, 60, 1, 3600, problems);
  const timeoutMs = durationOption(
    'timeoutMs',
    options.timeoutMs,
    { fallback: 30_000, min: 1, max: MAX_TIMEOUT_MS },
    problems,
  );
  const maxRetries = integerIn('maxRetries', options.maxRetries, 2, 0, 10, problems);
  const callbacks = resolveCallbacks(options.callbacks, problems);
  const webhooks = resolveWebhooks(options.webhooks, problems);
  const store = resolveStore(options.store, problems);
  const delivery = resolveDelivery(options.delivery, problems);
  const expirySweep = resolveExpirySweep(options.expirySweep, problems);

  if (problems.length > 0) throw new IdScanConfigurationError(problems);
  warnAboutBaseUrlPath(baseUrl);
  return Object.freeze({
    keyId: options.keyId,
    secret: options.secret,
    baseUrl,
    tokenTtlSeconds,
    timeoutMs,
    maxRetries,
    callbacks,
    webhooks,
    store,
    delivery,
    expirySweep,
  });
}

/**
 * Whitespace around a credential is never part of it: a `kid` with a space is unknown to CM.com, a secret with a
 * newline signs every token wrongly, and a webhook secret with one can never match, because HTTP strips whitespace
 * around header values. The usual cause is a value read from a file. The values themselves are never printed.
 */
function checkCredentialWhitespace(options: IdScanModuleOptions, problems: string[]): void {
  const fix =
    'a trailing newline from a file? Remove it where the value is read, e.g. readFileSync(path, "utf8").trim()';
  if (hasEdgeWhitespace(options.keyId)) {
    problems.push(`keyId (ID_SCAN_KEY_ID with idScanConfig) has whitespace at its start or end (${fix}).`);
  }
  if (hasEdgeWhitespace(options.secret)) {
    problems.push(`secret (ID_SCAN_SECRET with idScanConfig) has whitespace at its start or end (${fix}).`);
  }
  const secrets: unknown = isRecord(options.webhooks) ? options.webhooks.secrets : undefined;
  if (!Array.isArray(secrets)) return;
  secrets.forEach((secret: unknown, index) => {
    if (hasEdgeWhitespace(secret)) {
      problems.push(`webhooks.secrets[${index}] has whitespace at its start or end (${fix}).`);
    }
  });
}

/** A non-blank string that starts or ends with whitespace (a blank one is reported as missing instead). */
function hasEdgeWhitespace(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '' && value.trim() !== value;
}

function integerIn(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(`${name} must be an integer from ${min} to ${max} (default ${fallback}).`);
    return fallback;
  }
  return value;
}

function resolveCallbacks(value: unknown, problems: string[]): ResolvedIdScanOptions['callbacks'] {
  const callbacks = optionalRecord('callbacks', value, problems);
  const redirect = (name: 'successRedirect' | 'failureRedirect'): string => {
    const path = callbacks[name];
    if (path === undefined) return '/';
    if (typeof path !== 'string' || !HOST_RELATIVE_PATH.test(path)) {
      problems.push(
        `callbacks.${name} must be a path on this host starting with a single "/" (such as "/verified"); ` +
          'absolute and protocol-relative URLs are refused so the return route can never redirect elsewhere.',
      );
      return '/';
    }
    return path;
  };
  return Object.freeze({ successRedirect: redirect('successRedirect'), failureRedirect: redirect('failureRedirect') });
}

function resolveWebhooks(value: unknown, problems: string[]): ResolvedIdScanOptions['webhooks'] {
  const webhooks = optionalRecord('webhooks', value, problems);
  let secrets: string[] = [];
  if (webhooks.secrets !== undefined) {
    if (!Array.isArray(webhooks.secrets)) {
      problems.push('webhooks.secrets must be an array of strings.');
    } else {
      webhooks.secrets.forEach((secret: unknown, index) => {
        if (typeof secret !== 'string' || secret.length < MIN_WEBHOOK_SECRET_LENGTH) {
          problems.push(
            `webhooks.secrets[${index}] must be a string of at least ${MIN_WEBHOOK_SECRET_LENGTH} characters ` +
              '(generate one with `openssl rand -hex 32`).',
          );
        } else if (!VISIBLE_ASCII.test(secret) && !hasEdgeWhitespace(secret)) {
          // Whitespace at an end only is reported with its likely cause by checkCredentialWhitespace.
          problems.push(
            `webhooks.secrets[${index}] must be visible ASCII only (characters 0x21 to 0x7E: no space, tab, ` +
              'newline or non-ASCII letter anywhere), or it can never match the header CM.com sends ' +
              '(generate one with `openssl rand -hex 32`).',
          );
        }
      });
      secrets = webhooks.secrets.filter((s): s is string => typeof s === 'string');
    }
  }

  let headerName = DEFAULT_WEBHOOK_HEADER;
  if (webhooks.headerName !== undefined) {
    const name = typeof webhooks.headerName === 'string' ? webhooks.headerName.toLowerCase() : '';
    if (!isHeaderName(name) || RESERVED_HEADERS.has(name)) {
      problems.push(
        `webhooks.headerName must be a valid HTTP header name other than ${[...RESERVED_HEADERS].join(', ')} ` +
          `(default ${DEFAULT_WEBHOOK_HEADER}).`,
      );
    } else {
      headerName = name;
    }
  }
  return Object.freeze({ secrets: Object.freeze(secrets), headerName });
}

function resolveStore(value: unknown, problems: string[]): IdScanTransactionStore {
  if (value === undefined) return new InMemoryTransactionStore();
  const missing = STORE_METHODS.filter((m) => !isRecord(value) || typeof value[m] !== 'function');
  if (missing.length > 0) {
    problems.push(`store must implement IdScanTransactionStore; missing: ${missing.join(', ')}.`);
    return new InMemoryTransactionStore();
  }
  return value as IdScanTransactionStore;
}

function resolveDelivery(value: unknown, problems: string[]): ResolvedIdScanOptions['delivery'] {
  const delivery = optionalRecord('delivery', value, problems);
  let retryDelaysMs: readonly number[] = DEFAULT_DELIVERY_RETRY_DELAYS_MS;
  if (delivery.retryDelaysMs !== undefined) {
    const delays: unknown = delivery.retryDelaysMs;
    if (!Array.isArray(delays) || delays.length > 50 || !delays.every((d) => isDurationIn(d, 0, MAX_RETRY_DELAY_MS))) {
      problems.push(
        `delivery.retryDelaysMs must be an array of at most 50 integers from 0 to ${MAX_RETRY_DELAY_MS} ` +
          '(milliseconds before each retry; [] for no retry).',
      );
    } else {
      retryDelaysMs = Object.freeze([...delays]);
    }
  }
  if (delivery.queue === undefined) return Object.freeze({ retryDelaysMs });
  const queue = optionalRecord('delivery.queue', delivery.queue, problems);
  if (!isRecord(queue.connection)) {
    problems.push('delivery.queue.connection is required: an ioredis client or ioredis options, as BullMQ takes.');
  }
  let name = DEFAULT_DELIVERY_QUEUE_NAME;
  if (queue.name !== undefined) {
    // BullMQ builds Redis keys as prefix:name:...; a colon in the name would blur them.
    if (typeof queue.name !== 'string' || queue.name === '' || queue.name.includes(':')) {
      problems.push(
        `delivery.queue.name must be a non-empty string without ":" (default ${DEFAULT_DELIVERY_QUEUE_NAME}).`,
      );
    } else {
      name = queue.name;
    }
  }
  let prefix = 'bull';
  if (queue.prefix !== undefined) {
    if (typeof queue.prefix !== 'string' || queue.prefix === '') {
      problems.push('delivery.queue.prefix must be a non-empty string (default bull).');
    } else {
      prefix = queue.prefix;
    }
  }
  const concurrency = integerIn('delivery.queue.concurrency', queue.concurrency, 1, 1, 1000, problems);
  return Object.freeze({
    retryDelaysMs,
    queue: Object.freeze({ connection: queue.connection as object, name, prefix, concurrency }),
  });
}

function resolveExpirySweep(value: unknown, problems: string[]): ResolvedIdScanOptions['expirySweep'] {
  if (value === false) return false;
  const sweep = optionalRecord('expirySweep', value, problems);
  const intervalMs = durationOption(
    'expirySweep.intervalMs',
    sweep.intervalMs,
    { fallback: DEFAULT_EXPIRY_SWEEP_INTERVAL_MS, min: 10, max: MAX_RETRY_DELAY_MS },
    problems,
  );
  return Object.freeze({ intervalMs });
}

function optionalRecord(name: string, value: unknown, problems: string[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (isRecord(value)) return value;
  problems.push(`${name} must be an object.`);
  return {};
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
