import * as http from 'node:http';
import * as https from 'node:https';

/** How one POST ended: the receiver's status, or why there was none. */
export type PostOutcome = { status: number; error: null } | { status: null; error: string };

/**
 * POSTs a body without connection reuse (so nothing lingers after the emulator stops) and resolves once the
 * receiver's answer is read, the time is up (`error: 'timeout'`), the connection fails (`error` is its code), or
 * `signal` aborts (`error: 'aborted'`). Never rejects.
 */
export function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<PostOutcome> {
  // An aborted delivery sends nothing: a request destroyed before its 'error' listener exists would crash the process.
  if (signal.aborted) return Promise.resolve({ status: null, error: 'aborted' });
  return new Promise((resolve) => {
    let settled = false;
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
    });
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = (): void => {
      finish({ status: null, error: 'aborted' });
      request.destroy();
    };
    const timer = setTimeout(() => {
      finish({ status: null, error: 'timeout' });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, error: error.code ?? 'error' }));
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      response.on('error', () => finish({ status, error: null }));
      response.on('end', () => finish({ status, error: null }));
      response.resume();
    });
    request.end(body);
  });
}
