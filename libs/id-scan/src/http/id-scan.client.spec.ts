import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import {
  IdScanAbortError,
  IdScanApiError,
  IdScanAuthenticationError,
  IdScanBadRequestError,
  IdScanConnectionError,
  IdScanError,
  IdScanGoneError,
  IdScanNotFoundError,
  IdScanRateLimitError,
  IdScanServerError,
  IdScanTimeoutError,
} from '../errors';
import type { IdScanModuleOptions } from '../interfaces/id-scan-module-options.interface';
import { FakeClock } from '../testing/fake-clock.util';
import {
  createIdScanTestingModule,
  TEST_KEY_ID,
  TEST_SECRET,
  type IdScanTestingContext,
} from '../testing/id-scan-testing-module.util';
import {
  sendJson,
  startLoopbackServer,
  type LoopbackHandler,
  type LoopbackServer,
} from '../testing/loopback-server.util';
import { IdScanClient, type IdScanHttpRequest } from './id-scan.client';
import { IdScanApiRoutes } from './id-scan-api-paths';
import { RETRY_AFTER_CAP_MS } from './id-scan-retry.util';

const GET: IdScanHttpRequest = {
  operation: 'getTransaction',
  method: 'GET',
  route: IdScanApiRoutes.transaction,
  path: 'transactions/5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d',
};
const POST: IdScanHttpRequest = {
  operation: 'createTransaction',
  method: 'POST',
  route: IdScanApiRoutes.transactions,
  path: 'transactions',
  body: { tasks: ['document_scan'] },
};
const DELETE: IdScanHttpRequest = {
  operation: 'deleteWebhook',
  method: 'DELETE',
  route: IdScanApiRoutes.webhook,
  path: 'webhooks/0c7e1f52-9a3d-4b8e-a6f1-3d2c1b0a9f8e',
};
const OK = { id: '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d', state: 'pending' };

/** Answers the requests in turn: the i-th request gets `steps[i]` (the last one repeats). */
function sequence(...steps: LoopbackHandler[]): LoopbackHandler {
  return (request, res, index, raw) => steps[Math.min(index, steps.length - 1)](request, res, index, raw);
}
const ok: LoopbackHandler = (_, res) => sendJson(res, 200, OK);
const status =
  (code: number, headers: Record<string, string> = {}): LoopbackHandler =>
  (_, res) =>
    sendJson(res, code, { code: `status_${code}`, message: `Answered ${code}.` }, headers);
/** Closes the connection after the whole request arrived, without answering. */
const reset: LoopbackHandler = (_, res) => res.socket?.destroy();
/** Never answers (until the server closes). */
const stall: LoopbackHandler = () => undefined;

describe('IdScanClient', () => {
  let server: LoopbackServer;
  /** Other servers a spec started; closed after it. */
  const others: Server[] = [];
  let context: IdScanTestingContext | undefined;
  let client: IdScanClient;
  let clock: FakeClock;

  async function setup(options: Partial<IdScanModuleOptions> = {}): Promise<void> {
    context = await createIdScanTestingModule({ baseUrl: server.baseUrl, ...options });
    client = context.moduleRef.get(IdScanClient);
    clock = context.clock;
  }

  beforeEach(async () => {
    server = await startLoopbackServer();
  });

  afterEach(async () => {
    await context?.moduleRef.close();
    context = undefined;
    await server.close();
    for (const other of others.splice(0)) {
      other.closeAllConnections();
      if (other.listening) {
        other.close();
        await once(other, 'close');
      }
    }
  });

  describe('each non-2xx status becomes its error class', () => {
    it.each([
      [400, IdScanBadRequestError],
      [401, IdScanAuthenticationError],
      [403, IdScanAuthenticationError],
      [404, IdScanNotFoundError],
      [409, IdScanApiError],
      [410, IdScanGoneError],
      [429, IdScanRateLimitError],
      [500, IdScanServerError],
      [503, IdScanServerError],
    ])('%i → %p', async (code, type) => {
      await setup({ maxRetries: 0 });
      server.handle((_, res) =>
        sendJson(res, code, { code: 'the_code', message: 'The message.', details: [1] }, { 'x-request-id': 'r-1' }),
      );
      const error = await client.json(GET).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect((error as IdScanApiError).constructor).toBe(type);
      expect(error).toMatchObject({ status: code, code: 'the_code', requestId: 'r-1', details: [1] });
      expect(server.requests).toHaveLength(1);
    });
  });

  it('parses JSON answers and gives undefined for an empty one', async () => {
    await setup();
    server.handle(sequence(ok, (_, res) => res.writeHead(204).end()));
    await expect(client.json(GET)).resolves.toEqual(OK);
    await expect(client.json(DELETE)).resolves.toBeUndefined();
  });

  it('refuses a 2xx answer that is not JSON', async () => {
    await setup();
    server.handle((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'));
    await expect(client.json(GET)).rejects.toMatchObject({ code: 'invalid_response', status: 200 });
  });

  it('sends the base URL, the JSON body and the bearer token, over one kept-alive connection', async () => {
    await setup();
    const ports: (number | undefined)[] = [];
    server.handle((_, res, _index, raw) => {
      ports.push(raw.socket.remotePort);
      sendJson(res, 201, OK);
    });
    await client.json(POST);
    await client.json(GET);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /id-scan/v1/transactions',
      `GET /id-scan/v1/${GET.path}`,
    ]);
    expect(JSON.parse(server.requests[0].body)).toEqual(POST.body);
    expect(server.requests[0].headers['content-type']).toMatch(/^application\/json/);
    expect(server.requests[0].headers.authorization).toMatch(/^Bearer ey/);
    expect(ports[1]).toBe(ports[0]);
  });

  it('signs a token another implementation verifies (docs/id-scan-api.md §B2): header, integer claims, nbf = iat, exp - iat = ttl', async () => {
    await setup({ tokenTtlSeconds: 120 });
    server.handle(ok);
    await client.json(GET);
    const jwt = (server.requests[0].headers.authorization ?? '').replace(/^Bearer /, '');

    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'HS256', typ: 'JWT', kid: TEST_KEY_ID });
    const { payload } = await jwtVerify(jwt, new TextEncoder().encode(TEST_SECRET), {
      algorithms: ['HS256'],
      currentDate: new Date(clock.now()),
    });
    const { iat, nbf, exp } = payload;
    expect([iat, nbf, exp].every(Number.isInteger)).toBe(true);
    expect(iat).toBe(Math.floor(clock.now() / 1000));
    expect(nbf).toBe(iat);
    expect(exp! - iat!).toBe(120);
    await expect(jwtVerify(jwt, new TextEncoder().encode('another-secret'))).rejects.toThrow();
  });

  it('reuses the token between requests until it must be renewed', async () => {
    await setup({ tokenTtlSeconds: 60 });
    server.handle(ok);
    await client.json(GET);
    await client.json(GET);
    clock.advance(45_000);
    await client.json(GET);
    const [first, second, third] = server.requests.map((r) => r.headers.authorization);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
  });

  describe('retries idempotent requests on transient failures', () => {
    it.each([
      ['GET', '503', GET, status(503)],
      ['GET', '500', GET, status(500)],
      ['GET', '502', GET, status(502)],
      ['GET', '429', GET, status(429)],
      ['GET', 'a reset connection', GET, reset],
      ['DELETE', '500', DELETE, status(500)],
      ['DELETE', 'a reset connection', DELETE, reset],
    ])('%s after %s', async (_method, _failure, request, failure) => {
      await setup();
      server.handle(sequence(failure, ok));
      await expect(client.json(request)).resolves.toEqual(OK);
      expect(server.requests).toHaveLength(2);
      expect(clock.sleeps).toHaveLength(1);
    });

    it('GET after a timeout', async () => {
      // Long enough that the answered retry never times out on a busy machine; the stall costs one such wait.
      await setup({ timeoutMs: 3000 });
      server.handle(sequence(stall, ok));
      await expect(client.json(GET)).resolves.toEqual(OK);
      expect(server.requests).toHaveLength(2);
    });

    it('honours Retry-After in seconds', async () => {
      await setup();
      server.handle(sequence(status(429, { 'retry-after': '3' }), ok));
      await expect(client.json(GET)).resolves.toEqual(OK);
      expect(clock.sleeps).toEqual([3000]);
    });

    it('honours Retry-After as an HTTP-date', async () => {
      await setup();
      server.handle(sequence(status(503, { 'retry-after': new Date(clock.now() + 20_000).toUTCString() }), ok));
      await expect(client.json(GET)).resolves.toEqual(OK);
      expect(clock.sleeps).toEqual([20_000]);
    });

    it('caps a long Retry-After', async () => {
      await setup();
      server.handle(sequence(status(429, { 'retry-after': '3600' }), ok));
      await client.json(GET);
      expect(clock.sleeps).toEqual([RETRY_AFTER_CAP_MS]);
    });

    it('backs off exponentially, with jitter, up to maxRetries, then throws the last error', async () => {
      await setup({ maxRetries: 3 });
      server.handle(status(503));
      await expect(client.json(GET)).rejects.toBeInstanceOf(IdScanServerError);
      expect(server.requests).toHaveLength(4);
      expect(clock.sleeps).toHaveLength(3);
      clock.sleeps.forEach((delay, retry) => {
        expect(delay).toBeGreaterThanOrEqual(0.75 * 500 * 2 ** retry);
        expect(delay).toBeLessThanOrEqual(500 * 2 ** retry);
      });
      expect(context!.logger.at('warn')).toHaveLength(3);
    });

    it('sends once with maxRetries 0', async () => {
      await setup({ maxRetries: 0 });
      server.handle(status(503));
      await expect(client.json(GET)).rejects.toBeInstanceOf(IdScanServerError);
      expect(server.requests).toHaveLength(1);
    });

    it.each([400, 401, 404, 410])('does not retry a %i', async (code) => {
      await setup();
      server.handle(status(code));
      await expect(client.json(GET)).rejects.toBeInstanceOf(IdScanApiError);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('retries a POST only when the server certainly did not process it', () => {
    it.each([
      ['429', status(429, { 'retry-after': '1' })],
      ['503', status(503)],
    ])('retried after %s', async (_failure, failure) => {
      await setup();
      server.handle(sequence(failure, (_, res) => sendJson(res, 201, OK)));
      await expect(client.json(POST)).resolves.toEqual(OK);
      expect(server.requests).toHaveLength(2);
    });

    it('retried after ECONNREFUSED', async () => {
      const closed = createServer();
      closed.listen(0, '127.0.0.1');
      await once(closed, 'listening');
      const { port } = closed.address() as AddressInfo;
      closed.close();
      await once(closed, 'close');

      await setup({ baseUrl: `http://127.0.0.1:${port}/id-scan/v1/` });
      // The server comes up on that port while the client waits to retry.
      let posts = 0;
      const revived = createServer((req, res) => {
        posts++;
        req.resume();
        req.on('end', () => sendJson(res, 201, OK));
      });
      others.push(revived);
      clock.onSleep = async () => {
        revived.listen(port, '127.0.0.1');
        await once(revived, 'listening');
      };
      await expect(client.json(POST)).resolves.toEqual(OK);
      expect(clock.sleeps).toHaveLength(1);
      expect(posts).toBe(1);
    });

    it.each([
      ['500', status(500), IdScanServerError],
      ['502', status(502), IdScanServerError],
      ['504', status(504), IdScanServerError],
      ['a connection reset after sending', reset, IdScanConnectionError],
    ])('not retried after %s: sent exactly once', async (_failure, failure, type) => {
      await setup();
      server.handle(sequence(failure, (_, res) => sendJson(res, 201, OK)));
      await expect(client.json(POST)).rejects.toBeInstanceOf(type);
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    });

    it('not retried after a timeout: sent exactly once', async () => {
      await setup({ timeoutMs: 300 });
      server.handle(sequence(stall, (_, res) => sendJson(res, 201, OK)));
      const error = await client.json(POST).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdScanTimeoutError);
      expect((error as Error).message).toContain('may still have been processed');
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('abort', () => {
    it('rejects promptly with IdScanAbortError while the request is in flight, without retrying', async () => {
      await setup({ timeoutMs: 30_000 });
      server.handle(stall);
      const controller = new AbortController();
      const pending = client.json({ ...GET, signal: controller.signal });
      await server.received(1);
      controller.abort(new Error('user left'));
      const error = await pending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IdScanAbortError);
      expect((error as Error).cause).toEqual(new Error('user left'));
      expect(server.requests).toHaveLength(1);
      expect(clock.sleeps).toEqual([]);
    });

    it('stops waiting between retries', async () => {
      await setup();
      server.handle(status(503));
      const controller = new AbortController();
      clock.onSleep = () => {
        controller.abort();
        return Promise.resolve();
      };
      await expect(client.json({ ...GET, signal: controller.signal })).rejects.toBeInstanceOf(IdScanAbortError);
      expect(server.requests).toHaveLength(1);
    });

    it('sends nothing for an already aborted signal', async () => {
      await setup();
      await expect(client.json({ ...GET, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(IdScanAbortError);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('never exposes the token or the secret', () => {
    it.each([
      ['an API error', status(401), IdScanAuthenticationError, 30_000],
      ['a connection error', reset, IdScanConnectionError, 30_000],
      ['a timeout', stall, IdScanTimeoutError, 300],
    ])('in %s, its cause, or the logs', async (_kind, failure, type, timeoutMs) => {
      await setup({ timeoutMs, maxRetries: 1 });
      server.handle(failure);
      const error = await client.json(GET).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      const token = (server.requests[0].headers.authorization ?? '').replace(/^Bearer /, '');
      expect(token.length).toBeGreaterThan(20);

      const cause = (error as IdScanError).cause;
      expect(cause).toEqual(expect.objectContaining({ method: 'GET', path: GET.path }));
      const printed = [
        JSON.stringify(error),
        inspect(error, { depth: Infinity, showHidden: true }),
        JSON.stringify(cause),
        inspect(cause, { depth: Infinity, showHidden: true }),
        String((error as Error).stack),
        context!.logger.all(),
      ].join('\n');
      expect(printed).not.toContain(token);
      expect(printed).not.toContain(token.split('.')[2]);
      expect(printed).not.toContain(TEST_SECRET);
      expect(printed).not.toMatch(/bearer|authorization/i);
    });
  });
});
