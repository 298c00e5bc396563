import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { describeWithRedis, startRedisServer, type RedisServerHandle } from '../../../../test/support/redis-server';
import { IdScanConfigurationError } from '../errors/id-scan-configuration.error';
import { IdScanStoreUnavailableError } from '../errors/id-scan-store-unavailable.error';
import { recordOf } from '../testing/transaction-record.fixture';
import { OPEN_INDEX_SHARDS, RedisTransactionStore } from './redis-transaction.store';
import { CaptureLogger } from '../testing/capture-logger.util';
import { ConsoleLogger, Logger } from '@nestjs/common';

const STORES = join(__dirname, 'index.ts');

/** Redis Cluster's slot of a key (CRC16/XMODEM of its hash tag, or of the whole key), as the cluster computes it. */
function clusterSlotOf(key: string): number {
  const open = key.indexOf('{');
  const close = open >= 0 ? key.indexOf('}', open + 1) : -1;
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;
  let crc = 0;
  for (const byte of Buffer.from(hashed)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** The declarations the stores' public entry emits, keyed by path relative to this folder. */
function emitStoreDeclarations(): Map<string, string> {
  const emitted = new Map<string, string>();
  const program = ts.createProgram([STORES], {
    declaration: true,
    emitDeclarationOnly: true,
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    outDir: '/out',
    rootDir: dirname(__dirname),
  });
  const result = program.emit(undefined, (fileName, text) => {
    emitted.set(fileName.replace(/^\/out\//, ''), text);
  });
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost({})));
  return emitted;
}

describe('RedisTransactionStore typings', () => {
  let declarations: Map<string, string>;
  let dir: string;

  beforeAll(() => {
    declarations = emitStoreDeclarations();
    dir = mkdtempSync(join(tmpdir(), 'id-scan-typings-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('import nothing from ioredis', () => {
    const store = declarations.get('stores/redis-transaction-store.interface.d.ts');
    expect(store).toContain('export interface RedisTransactionStoreClient');
    for (const [file, text] of declarations) {
      expect({ file, imports: text.match(/(from|import\(|require\()\s*['"]ioredis['"]/g) }).toEqual({
        file,
        imports: null,
      });
    }
  });

  it('compile with skipLibCheck: false where ioredis is not installed, and accept a structural client', () => {
    for (const [file, text] of declarations) {
      mkdirSync(dirname(join(dir, 'lib', file)), { recursive: true });
      writeFileSync(join(dir, 'lib', file), text);
    }
    const consumer = join(dir, 'consumer.ts');
    writeFileSync(
      consumer,
      `import { RedisTransactionStore, type RedisTransactionStoreClient } from './lib/stores';
declare const client: RedisTransactionStoreClient;
export const fromClient = new RedisTransactionStore(client, { keyPrefix: 'app:', commandTimeoutMs: 500 });
export const fromUrl = new RedisTransactionStore('redis://127.0.0.1:6379');
export const fromOptions = new RedisTransactionStore({ host: '127.0.0.1', port: 6379, db: 2 });
export const answers: Promise<void> = fromUrl.ping();
`,
    );
    const program = ts.createProgram([consumer], {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    expect(ts.formatDiagnostics(diagnostics, ts.createCompilerHost({}))).toBe('');
    // The check is only meaningful if ioredis really cannot be found from there.
    expect(ts.resolveModuleName('ioredis', consumer, {}, ts.sys).resolvedModule).toBeUndefined();
  });
});

/** A loopback port with nothing listening on it. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('RedisTransactionStore failures', () => {
  it('refuses a commandTimeoutMs that is not a positive integer', () => {
    expect(() => new RedisTransactionStore('redis://127.0.0.1:1', { commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
  });

  it('fails within commandTimeoutMs with IdScanStoreUnavailableError when Redis was never reachable', async () => {
    const store = new RedisTransactionStore(`redis://127.0.0.1:${await deadPort()}`, { commandTimeoutMs: 300 });
    try {
      const started = performance.now();
      const error = await store.get(randomUUID()).catch((failure: unknown) => failure);
      expect(error).toBeInstanceOf(IdScanStoreUnavailableError);
      expect(error).toMatchObject({ code: 'not_connected', message: expect.stringContaining('300 ms') as string });
      // A correctness bound, not a speed: without commandTimeoutMs the call would wait for ever (ioredis queues it
      // until a connection comes). The ceiling sits far above 300 ms, out of reach of a busy machine, and far below
      // Jest's test timeout, so a hang fails here with the time it took.
      expect(performance.now() - started).toBeLessThan(10_000);
      await expect(store.ping()).rejects.toBeInstanceOf(IdScanStoreUnavailableError);
    } finally {
      await store.close();
    }
  });
});

describeWithRedis('RedisTransactionStore on a redis-server', () => {
  let server: RedisServerHandle;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
  });

  afterAll(async () => {
    await redis?.quit();
    await server?.stop();
  });

  const shards = (prefix: string) => Array.from({ length: OPEN_INDEX_SHARDS }, (_, n) => `${prefix}{open-${n}}:open`);
  /** The index shard holding an id, or `undefined` when none does. */
  async function shardHolding(prefix: string, id: string): Promise<string | undefined> {
    for (const shard of shards(prefix)) if ((await redis.zscore(shard, id)) !== null) return shard;
    return undefined;
  }

  it('tags every key of a transaction with its id, and writes records as JSON expiring after the retention', async () => {
    const store = new RedisTransactionStore(redis, { keyPrefix: 'shape:', retentionMs: 60_000 });
    const record = recordOf({ expiresAt: new Date(Date.now() + 120_000).toISOString() });
    const id = record.transactionId;
    await store.save(record);
    const key = `shape:{${id}}:transaction`;
    expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual(record);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(120_000);
    expect(ttl).toBeLessThanOrEqual(180_000);
    await expect(shardHolding('shape:', id)).resolves.toBeDefined();
    await store.markCompleted(id, 'result-1', 'passed', { token: 't', leaseMs: 5000, via: 'iframe' });
    expect(JSON.parse((await redis.get(`shape:{${id}}:completed`)) ?? 'null')).toEqual({
      resultId: 'result-1',
      outcome: 'passed',
      via: 'iframe',
    });
    await expect(redis.get(`shape:{${id}}:claim`)).resolves.toBe('t');
    expect(await redis.pttl(`shape:{${id}}:completed`)).toBeGreaterThan(120_000);
    // Open until its delivery is marked done: the sweep repairs a delivery nobody finished.
    await expect(shardHolding('shape:', id)).resolves.toBeDefined();
    await store.markDelivered(id);
    await expect(shardHolding('shape:', id)).resolves.toBeUndefined();
    await expect(redis.exists(`shape:{${id}}:claim`)).resolves.toBe(0);
    await expect(store.getCompletion(id)).resolves.toMatchObject({ delivered: true });
  });

  it('spreads the open index over tagged shards, each in its own slot', async () => {
    const store = new RedisTransactionStore(redis, { keyPrefix: 'spread:' });
    const records = Array.from({ length: 64 }, () => recordOf());
    for (const record of records) await store.save(record);
    const used = new Set(await Promise.all(records.map((r) => shardHolding('spread:', r.transactionId))));
    expect(used.size).toBeGreaterThan(OPEN_INDEX_SHARDS / 2);
    const slots = shards('spread:').map((shard) => clusterSlotOf(shard));
    expect(new Set(slots).size).toBe(OPEN_INDEX_SHARDS);
  });

  it('prunes index entries whose records are past their retention', async () => {
    const store = new RedisTransactionStore(redis, { keyPrefix: 'prune:', retentionMs: 60_000 });
    const record = recordOf();
    await store.save(record);
    const shard = (await shardHolding('prune:', record.transactionId)) as string;
    await redis.zadd(shard, Date.now() - 120_000, 'long-gone', Date.now() - 30_000, 'recent');
    await store.save(record);
    await expect(redis.zscore(shard, 'long-gone')).resolves.toBeNull();
    await expect(redis.zscore(shard, 'recent')).resolves.not.toBeNull();
  });

  it('uses the default prefix id-scan:', async () => {
    const store = new RedisTransactionStore(redis);
    const eventId = randomUUID();
    await store.markEventSeen(eventId);
    await expect(redis.exists(`id-scan:event:${eventId}`)).resolves.toBe(1);
  });

  it('refuses a keyPrefix with a hash tag, which would put every key in one cluster slot', () => {
    expect(() => new RedisTransactionStore(redis, { keyPrefix: '{id-scan}:' })).toThrow(/must not contain \{/);
  });

  it('opens its own client from a URL and closes it on close()', async () => {
    const store = new RedisTransactionStore(server.url);
    const record = recordOf();
    await store.save(record);
    await expect(store.get(record.transactionId)).resolves.toEqual(record);
    await store.close();
    await expect(store.get(record.transactionId)).rejects.toThrow();
  });

  it('leaves a client it was given open on close()', async () => {
    const store = new RedisTransactionStore(redis);
    await store.close();
    await expect(redis.ping()).resolves.toBe('PONG');
  });

  it('refuses a retention or event lifetime that is not a positive integer', () => {
    expect(() => new RedisTransactionStore(redis, { retentionMs: 0 })).toThrow(IdScanConfigurationError);
    expect(() => new RedisTransactionStore(redis, { eventTtlMs: 1.5 })).toThrow(/eventTtlMs/);
  });

  it('answers ping while Redis is up, and refuses every call once closed', async () => {
    const store = new RedisTransactionStore(server.url);
    await expect(store.ping()).resolves.toBeUndefined();
    await store.close();
    await expect(store.ping()).rejects.toThrow(/closed/);
    await expect(store.markEventSeen(randomUUID())).rejects.toBeInstanceOf(IdScanStoreUnavailableError);
  });

  describe('foreign data at a key the store reads', () => {
    let logs: CaptureLogger;
    beforeEach(() => {
      logs = new CaptureLogger();
      Logger.overrideLogger(logs);
    });
    afterEach(() => {
      Logger.overrideLogger(new ConsoleLogger());
    });

    const SECRETISH = 'someone-elses-value-4711';
    /** Asserts the refusal: unavailable (503 on the routes), one error line naming the kind, never the value. */
    async function expectRefused(call: Promise<unknown>, kind: string): Promise<void> {
      const error = await call.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(IdScanStoreUnavailableError);
      expect(error).toMatchObject({ code: 'foreign_data' });
      expect(String((error as Error).message)).not.toContain(SECRETISH);
      expect(logs.at('error')).toEqual([expect.stringContaining(`at a ${kind} key`)]);
      expect(logs.all()).not.toContain(SECRETISH);
    }

    it('refuses a record key holding a non-JSON string, or JSON of another shape', async () => {
      const store = new RedisTransactionStore(redis, { keyPrefix: 'foreign-a:' });
      const id = randomUUID();
      await redis.set(`foreign-a:{${id}}:transaction`, SECRETISH);
      await expectRefused(store.get(id), 'transaction record');
      await redis.set(`foreign-a:{${id}}:transaction`, JSON.stringify({ transactionId: SECRETISH, expiresAt: 'x' }));
      // Logged once a minute per kind: the second refusal adds no line.
      await expectRefused(store.get(id), 'transaction record');
    });

    it('refuses a completion key holding a non-JSON string', async () => {
      const store = new RedisTransactionStore(redis, { keyPrefix: 'foreign-b:' });
      const record = recordOf();
      await store.save(record);
      await redis.set(`foreign-b:{${record.transactionId}}:completed`, SECRETISH);
      await expectRefused(store.getCompletion(record.transactionId), 'completion mark');
    });

    it('refuses a hash where a string is expected (WRONGTYPE), as unavailable rather than as a crash', async () => {
      const store = new RedisTransactionStore(redis, { keyPrefix: 'foreign-c:' });
      const id = randomUUID();
      await redis.hset(`foreign-c:{${id}}:transaction`, 'field', SECRETISH);
      await expectRefused(store.get(id), 'transaction record');
    });

    it('refuses at ping, before any transaction is created, when an open-index shard is of the wrong type', async () => {
      const store = new RedisTransactionStore(redis, { keyPrefix: 'foreign-d:' });
      await redis.set('foreign-d:{open-7}:open', SECRETISH);
      await expectRefused(store.ping(), 'open index');
      await redis.del('foreign-d:{open-7}:open');
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('notices at the first ping, in one warning, keys under its prefix that another application wrote', async () => {
      const store = new RedisTransactionStore(redis, { keyPrefix: 'shared:' });
      await redis.set('shared:session:42', SECRETISH);
      await store.save(recordOf());
      await store.ping();
      await store.ping();
      expect(logs.at('warn')).toEqual([expect.stringMatching(/1 of 4 sampled keys under the keyPrefix "shared:"/)]);
      expect(logs.all()).not.toContain(SECRETISH);
    });
  });
});
