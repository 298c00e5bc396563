import type { IdScanTransactionStore } from '../stores/id-scan-transaction-store.interface';

/** Where the return endpoint sends the person afterwards. Host-relative paths or same-origin URLs only. */
export interface IdScanCallbacksOptions {
  /** @default '/' */
  successRedirect?: string;
  /** @default '/' */
  failureRedirect?: string;
}

/** How event deliveries from ID Scan are authenticated (Part B5: a shared secret in a custom header). */
export interface IdScanWebhooksOptions {
  /** Accepted delivery secrets; the first is used by `subscribeEvents`. Several allow rotation. */
  secrets: string[];
  /** @default 'x-id-scan-webhook-secret' */
  headerName?: string;
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
}
