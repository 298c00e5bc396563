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
import { RedisTransactionStore } from './redis-transaction.store';

const STORES = join(__dirname, 'index.ts');

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

  it('writes records under the prefix as JSON expiring after the transaction plus the retention', async () => {
    const store = new RedisTransactionStore(redis, { keyPrefix: 'shape:', retentionMs: 60_000 });
    const record = recordOf({ expiresAt: new Date(Date.now() + 120_000).toISOString() });
    await store.save(record);
    const key = `shape:transaction:${record.transactionId}`;
    expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual(record);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(120_000);
    expect(ttl).toBeLessThanOrEqual(180_000);
    await store.markCompleted(record.transactionId, 'result-1', 'passed');
    expect(JSON.parse((await redis.get(`shape:completed:${record.transactionId}`)) ?? 'null')).toEqual({
      resultId: 'result-1',
      outcome: 'passed',
    });
    await expect(redis.zscore('shape:open', record.transactionId)).resolves.toBeNull();
    expect(await redis.pttl(`shape:completed:${record.transactionId}`)).toBeGreaterThan(120_000);
  });

  it('prunes index entries whose records are past their retention', async () => {
    const store = new RedisTransactionStore(redis, { keyPrefix: 'prune:', retentionMs: 60_000 });
    await redis.zadd('prune:open', Date.now() - 120_000, 'long-gone', Date.now() - 30_000, 'recent');
    await store.save(recordOf());
    await expect(redis.zscore('prune:open', 'long-gone')).resolves.toBeNull();
    await expect(redis.zscore('prune:open', 'recent')).resolves.not.toBeNull();
  });

  it('uses the default prefix id-scan:', async () => {
    const store = new RedisTransactionStore(redis);
    const eventId = randomUUID();
    await store.markEventSeen(eventId);
    await expect(redis.exists(`id-scan:event:${eventId}`)).resolves.toBe(1);
  });

  it('treats foreign data under a record key as an unknown transaction', async () => {
    const store = new RedisTransactionStore(redis, { keyPrefix: 'foreign:' });
    const id = randomUUID();
    await redis.set(`foreign:transaction:${id}`, 'not json');
    await expect(store.get(id)).resolves.toBeUndefined();
    await redis.set(`foreign:transaction:${id}`, JSON.stringify({ transactionId: randomUUID(), expiresAt: 'x' }));
    await expect(store.get(id)).resolves.toBeUndefined();
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

  it('lets a reply error that means wrong data through as it is, not as an outage', async () => {
    const store = new RedisTransactionStore(redis, { keyPrefix: 'wrong-type:' });
    const id = randomUUID();
    await redis.lpush(`wrong-type:transaction:${id}`, 'a list, not a record');
    const error = await store.get(id).catch((failure: unknown) => failure);
    expect(error).not.toBeInstanceOf(IdScanStoreUnavailableError);
    expect(error).toMatchObject({ name: 'ReplyError', message: expect.stringMatching(/^WRONGTYPE/) as string });
  });
});
