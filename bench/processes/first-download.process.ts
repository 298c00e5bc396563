import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { IdScanEmulator } from 'nestjs-id-scan-emulator';
import { request } from 'undici';
import { serveWorker } from '../support/bench-worker.util';
import { handSignedToken } from '../support/hand-signed-token.util';

/** How the first-download worker is started. */
export interface FirstDownloadWorkerArgs {
  /** The emulator's `warmUp` option. */
  warmUp: boolean;
}

/** What the worker tells the parent once its emulator listens. */
export interface FirstDownloadWorkerInfo {
  url: string;
}

/**
 * A fresh process with one emulator in it, so that nothing is rendered before the measured download: a transaction
 * is created and completed, `personMs` pass (the person going through the hosted pages), and the first document
 * image is downloaded.
 */
void serveWorker<FirstDownloadWorkerInfo>(async (args) => {
  const emulator = await IdScanEmulator.start({
    logger: false,
    warmUp: (args as unknown as FirstDownloadWorkerArgs).warmUp,
  });
  const [{ keyId, secret }] = emulator.credentials;
  const token = await handSignedToken(keyId, secret);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const json = async <T>(method: 'GET' | 'POST', url: string, body?: object): Promise<T> => {
    const response = await request(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
    if (response.statusCode >= 300) throw new Error(`${method} ${url} answered ${response.statusCode}`);
    return (await response.body.json()) as T;
  };
  return {
    info: { url: emulator.url },
    handlers: {
      firstDownload: async ({ personMs }: { personMs: number }) => {
        const trx = await json<{ id: string }>('POST', `${emulator.url}transactions`, { tasks: ['document_scan'] });
        const { resultId } = emulator.completeTransaction(trx.id, 'genuine_passport');
        const result = await json<{ tasks: { files?: { category: string; url: string | null }[] }[] }>(
          'GET',
          `${emulator.url}transactions/${trx.id}/results/${resultId}`,
        );
        const url = result.tasks[0].files?.find((file) => file.category === 'document')?.url;
        if (!url) throw new Error('the result has no document image');
        await delay(personMs);
        const started = performance.now();
        const response = await request(url, { headers });
        await response.body.arrayBuffer();
        if (response.statusCode !== 200) throw new Error(`the download answered ${response.statusCode}`);
        return performance.now() - started;
      },
    },
    onStop: () => emulator.stop(),
  };
});
