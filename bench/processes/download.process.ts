import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import axios from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent, request } from 'undici';
import { serveWorker } from '../support/bench-worker.util';
import { handSignedToken } from '../support/hand-signed-token.util';
import { createIdScanContext } from '../support/id-scan-context.util';

/** How the download worker is started. */
export interface DownloadWorkerArgs {
  variant: 'ours' | 'undici' | 'axios';
  keyId: string;
  secret: string;
  /** The API base URL the client is configured with (the download front). */
  baseUrl: string;
  /** The large file. */
  url: string;
  /** A small real file (a document image) behind the same front, fetched once before measuring. */
  warmUpUrl: string;
}

/** One download, measured. */
export interface DownloadMeasurement {
  bytes: number;
  elapsedMs: number;
  /** RSS right before the download, after a full garbage collection. */
  rssBeforeBytes: number;
  /** Highest RSS sampled (every 5 ms) while the download ran. */
  rssPeakBytes: number;
}

type Fetch = (url: string) => Promise<Readable>;

/** Consumes a stream and counts its bytes, keeping nothing. */
async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  await pipeline(stream, sink);
  return bytes;
}

/**
 * A process of its own per contestant, so that the memory a download adds is all that changes the process's RSS
 * while it runs. The package goes through `downloadFile` (URL checks, bearer token, guarded stream); the baseline is
 * `undici.request` with a hand-signed token; plain `axios` (the package's transport) is a reference.
 */
void serveWorker(async (raw) => {
  const args = raw as unknown as DownloadWorkerArgs;
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  let fetch: Fetch;
  let close: () => Promise<void>;
  if (args.variant === 'ours') {
    const context = await createIdScanContext({
      keyId: args.keyId,
      secret: args.secret,
      baseUrl: args.baseUrl,
    });
    fetch = async (url) => (await context.service.downloadFile(url)).stream;
    close = () => context.close();
  } else if (args.variant === 'axios') {
    const agent = new HttpAgent({ keepAlive: true });
    const authorization = `Bearer ${await handSignedToken(args.keyId, args.secret)}`;
    fetch = async (url) =>
      (
        await axios.get<Readable>(url, {
          headers: { authorization },
          responseType: 'stream',
          httpAgent: agent,
        })
      ).data;
    close = () => Promise.resolve(agent.destroy());
  } else {
    const dispatcher = new Agent();
    const authorization = `Bearer ${await handSignedToken(args.keyId, args.secret)}`;
    fetch = async (url) => {
      const { statusCode, body } = await request(url, {
        headers: { authorization },
        dispatcher,
      });
      if (statusCode !== 200) throw new Error(`undici baseline got ${statusCode}`);
      return body;
    };
    close = () => dispatcher.close();
  }
  await drain(await fetch(args.warmUpUrl));

  return {
    info: {},
    handlers: {
      /** Downloads `url` (default: the large file) into a sink and measures it. */
      download: async (url: string = args.url): Promise<DownloadMeasurement> => {
        gc();
        const rssBeforeBytes = process.memoryUsage.rss();
        let rssPeakBytes = rssBeforeBytes;
        const sampler = setInterval(() => {
          rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
        }, 5);
        const started = performance.now();
        try {
          const bytes = await drain(await fetch(url));
          const elapsedMs = performance.now() - started;
          rssPeakBytes = Math.max(rssPeakBytes, process.memoryUsage.rss());
          return { bytes, elapsedMs, rssBeforeBytes, rssPeakBytes };
        } finally {
          clearInterval(sampler);
        }
      },
    },
    onStop: close,
  };
});
