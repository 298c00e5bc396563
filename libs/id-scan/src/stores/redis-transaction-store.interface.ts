/**
 * The Redis commands the store sends, typed structurally so that the package's declarations never import ioredis:
 * an ioredis `Redis` client satisfies it, and a host without ioredis installed still compiles with
 * `skipLibCheck: false`. One line per command (or per form of a command) the store uses.
 */
export interface RedisTransactionStoreClient {
  get(key: string): Promise<string | null>;
  /** Several keys of one transaction (one hash slot). */
  mget(...keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string, expiry: 'PX', milliseconds: number, condition: 'NX'): Promise<'OK' | null>;
  set(key: string, value: string, expiry: 'PX', milliseconds: number): Promise<'OK' | null>;
  del(...keys: string[]): Promise<number>;
  zrem(key: string, ...members: string[]): Promise<number>;
  eval(script: string, numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  /** One page of keys, for the start-up check of the key prefix; optional, and skipped when missing. */
  scan?(cursor: string, match: 'MATCH', pattern: string, count: 'COUNT', howMany: number): Promise<[string, string[]]>;
  quit(): Promise<unknown>;
  disconnect(): void;
  /** ioredis's connection status: `ready` once commands can be sent, `end` once closed for good. */
  readonly status: string;
  on(event: 'error' | 'close' | 'ready' | 'end', listener: (error?: Error) => void): unknown;
  once(event: 'ready' | 'end', listener: () => void): unknown;
  removeListener(event: 'ready' | 'end', listener: () => void): unknown;
}

/**
 * Options of the ioredis client the store creates (ioredis's `RedisOptions`: `host`, `port`, `username`,
 * `password`, `db`, `tls`, ...), typed loosely so the package's declarations need no ioredis. The store's bounds
 * (see {@link RedisTransactionStoreOptions.commandTimeoutMs}) apply unless these options set them.
 */
export interface RedisTransactionStoreConnectionOptions {
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  db?: number;
  [option: string]: unknown;
}

/** Options of {@link RedisTransactionStore}. */
export interface RedisTransactionStoreOptions {
  /**
   * Prefix of every key the store writes, so several applications (or environments) can share one Redis database.
   * Applied on top of any `keyPrefix` the ioredis client itself has.
   * @default 'id-scan:'
   */
  keyPrefix?: string;
  /** How long a record (and its completion mark) outlives its transaction, for late completion signals. @default 3600000 (1 hour) */
  retentionMs?: number;
  /** How long an event delivery id is remembered, longer than the sender's retry window. @default 172800000 (48 hours) */
  eventTtlMs?: number;
  /**
   * How long a call waits for a disconnected client to (re)connect before it fails with
   * `IdScanStoreUnavailableError`, so routes answer 503 quickly while Redis is unreachable. For a client the store
   * creates (from a URL or options), also the timeout of each command. A client passed in keeps its own settings
   * (see the README for the ioredis options to give it).
   * @default 1000
   */
  commandTimeoutMs?: number;
}
