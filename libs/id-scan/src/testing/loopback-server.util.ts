import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the loopback server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Answers one request; `index` counts requests from 0. */
export type LoopbackHandler = (
  request: RecordedRequest,
  res: ServerResponse,
  index: number,
  raw: IncomingMessage,
) => unknown;

/** A real HTTP server on 127.0.0.1 and a free port, recording every request, for specs. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>/` */
  origin: string;
  /** The API base URL to configure: `<origin>id-scan/v1/`. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  /** Replaces the handler. */
  handle(handler: LoopbackHandler): void;
  /** Resolves when the server has received `count` requests in total. */
  received(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Sends a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/** Starts a loopback server; by default it answers 404 with an error body of docs/id-scan-api.md §B6. */
export async function startLoopbackServer(handler?: LoopbackHandler): Promise<LoopbackServer> {
  let current: LoopbackHandler =
    handler ?? ((_, res) => sendJson(res, 404, { code: 'not_found', message: 'Nothing here.' }));
  const requests: RecordedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = requests.push(recorded) - 1;
      for (const waiter of waiters.filter((w) => requests.length >= w.count)) waiter.resolve();
      Promise.resolve(current(recorded, res, index, req)).catch((error: unknown) => {
        res.destroy(error instanceof Error ? error : new Error(String(error)));
      });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}/`;

  return {
    origin,
    baseUrl: `${origin}id-scan/v1/`,
    port,
    requests,
    handle: (next) => {
      current = next;
    },
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
