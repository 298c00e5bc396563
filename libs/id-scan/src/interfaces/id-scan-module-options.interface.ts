import type { IdScanTransactionStore } from '../stores/id-scan-transaction-store.interface';

/** Where the return endpoint sends the person afterwards. Host-relative paths or same-origin URLs only. */
export interface IdScanCallbacksOptions {
  /** @default '/' */
  successRedirect?: string;
  /** @default '/' */
  failureRedirect?: string;
}

/**
 * How event deliveries from ID Scan are authenticated (docs/id-scan-api.md §B5: a shared secret in a custom header).
 */
export interface IdScanWebhooksOptions {
  /** Accepted delivery secrets; the first is used by `subscribeEvents`. Several allow rotation. */
  secrets: string[];
  /** @default 'x-id-scan-webhook-secret' */
  headerName?: string;
}

/** A BullMQ queue for deliveries (optional peer `bullmq`), shared by every instance of the host. */
export interface IdScanDeliveryQueueOptions {
  /**
   * BullMQ's `connection`: an ioredis client or ioredis options, typically the Redis that `RedisTransactionStore`
   * uses. A client stays yours to close; the queue duplicates it for its blocking connection.
   */
  connection: object;
  /** The queue's name; instances that share it share deliveries. @default 'id-scan-deliveries' */
  name?: string;
  /** Deliveries one instance runs at the same time. @default 1 */
  concurrency?: number;
  /** BullMQ's key prefix. @default 'bull' */
  prefix?: string;
}

/** How completion, expiry and task events reach the host's listeners (see the README's "Completion"). */
export interface IdScanDeliveryOptions {
  /**
   * Delays before each retry of a delivery that failed; the length is the number of retries. Each retry fetches the
   * result from the API again. @default [1000, 5000, 30000, 120000, 600000, 1800000, 3600000]
   */
  retryDelaysMs?: number[];
  /** Deliveries go through this BullMQ queue, durable across restarts; without it they are retried in the process. */
  queue?: IdScanDeliveryQueueOptions;
}

/** The expiry sweep: how the host learns of transactions that expired, without any event subscription. */
export interface IdScanExpirySweepOptions {
  /** How often each instance looks for open transactions past their expiry. @default 60000 */
  intervalMs?: number;
}

/** Options for `IdScanModule.forRoot` / `forRootAsync`, as the host gives them. */
export interface IdScanModuleOptions {
  /** The Key ID issued by CM.com; sent as the JWT `kid` header. */
  keyId: string;
  /** The secret issued by CM.com; signs the JWTs (HS256). Never logged or printed. */
  secret: string;
  /** @default 'https://api.cm.com/id-scan/v1/' */
  baseUrl?: string;
  /** Lifetime of each signed token. @default 60 */
  tokenTtlSeconds?: number;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
  /** Retries of a failed request (see the README's retry rules). @default 2 */
  maxRetries?: number;
  callbacks?: IdScanCallbacksOptions;
  webhooks?: IdScanWebhooksOptions;
  /** @default new InMemoryTransactionStore() */
  store?: IdScanTransactionStore;
  /** @default in-process retries with the default delays */
  delivery?: IdScanDeliveryOptions;
  /**
   * `false` turns the sweep off (for hosts that receive every expiry as an event delivery). @default { intervalMs:
   * 60000 }
   */
  expirySweep?: IdScanExpirySweepOptions | false;
}

/** The options after defaults and validation; frozen. Everything inside the package injects this. */
export interface ResolvedIdScanOptions {
  readonly keyId: string;
  readonly secret: string;
  readonly baseUrl: string;
  readonly tokenTtlSeconds: number;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly callbacks: Readonly<Required<IdScanCallbacksOptions>>;
  readonly webhooks: Readonly<{ secrets: readonly string[]; headerName: string }>;
  readonly store: IdScanTransactionStore;
  readonly delivery: Readonly<{
    retryDelaysMs: readonly number[];
    queue?: Readonly<Required<IdScanDeliveryQueueOptions>>;
  }>;
  readonly expirySweep: Readonly<Required<IdScanExpirySweepOptions>> | false;
}
