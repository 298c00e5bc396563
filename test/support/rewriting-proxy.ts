import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOP_BY_HOP = new Set(['transfer-encoding', 'connection', 'keep-alive']);

/** An answer passing through the proxy, as the rewrite sees it. */
export interface ProxiedAnswer {
  method: string;
  /** Path and query, as requested. */
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What the rewrite replaces an answer with; `undefined` passes the answer on unchanged. */
export type AnswerRewrite = (
  answer: ProxiedAnswer,
) => { status: number; contentType: string; body: string } | undefined;

/** A loopback reverse proxy in front of an upstream server. */
export interface RewritingProxy {
  /** The upstream's base URL with the proxy's origin, e.g. `http://127.0.0.1:PORT/id-scan/v1/`. */
  url: string;
  /** Every answer the proxy passed on (after rewriting), in order. */
  answers: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 and a free port that forwards every request to `upstreamUrl`'s origin and lets
 * `rewrite` change the answers: a second API that behaves differently from the emulator behind it.
 */
export async function startRewritingProxy(upstreamUrl: string, rewrite: AnswerRewrite): Promise<RewritingProxy> {
  const upstream = new URL(upstreamUrl);
  const answers: RewritingProxy['answers'] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const requestBody = await readAll(req);
      const forwarded = httpRequest({
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      });
      forwarded.end(requestBody);
      const [answer] = (await once(forwarded, 'response')) as [IncomingMessage];
      const original: ProxiedAnswer = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status: answer.statusCode ?? 502,
        headers: answer.headers,
        body: await readAll(answer),
      };
      const replaced = rewrite(original);
      answers.push({ method: original.method, path: original.path, status: replaced?.status ?? original.status });
      if (replaced) {
        res.writeHead(replaced.status, { 'content-type': replaced.contentType }).end(replaced.body);
      } else {
        // The body is passed on whole, so the upstream's framing headers no longer apply.
        const headers = Object.entries(original.headers).filter(([name]) => !HOP_BY_HOP.has(name));
        res.writeHead(original.status, Object.fromEntries(headers)).end(original.body);
      }
    })().catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
