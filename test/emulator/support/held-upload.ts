import { request as httpRequest, type ClientRequest } from 'node:http';
import { randomBytes } from 'node:crypto';

/** What the server answered to a task form. */
export interface UploadAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A task form whose body is sent only in part until {@link finish}: the upload of a slow (or hostile) client. */
export interface HeldUpload {
  /**
   * Resolves once the server has taken the request's headers in (its `100 Continue`): Node then runs the route's
   * guards and interceptors before it reads anything else from the network, so the upload is admitted or refused
   * before any later request is looked at.
   */
  received: Promise<void>;
  /** Settles when the server answers, whether or not the body was sent in full. */
  answer: Promise<UploadAnswer>;
  /** Sends the rest of the body. */
  finish(): void;
  /** Drops the connection. */
  abort(): void;
}

/** Options of {@link holdUpload}. */
export interface HoldUploadOptions {
  /** The picture (random bytes of this size by default). */
  photo?: Buffer | number;
  type?: string;
  scenario?: string;
  /** How much of the body goes out at once. @default 64 KiB */
  firstBytes?: number;
  /** Send `Transfer-Encoding: chunked` instead of a `Content-Length`. */
  chunked?: boolean;
}

/**
 * Posts a multipart task form to `{pageUrl}/tasks/{task}` with its full `Content-Length` declared, but writes only
 * the first bytes: a server that reads the body before deciding cannot answer until {@link HeldUpload.finish}.
 */
export function holdUpload(pageUrl: string, task: string, options: HoldUploadOptions = {}): HeldUpload {
  const boundary = `----held${randomBytes(8).toString('hex')}`;
  const photo =
    typeof options.photo === 'number' || options.photo === undefined
      ? randomBytes(options.photo ?? 256 * 1024)
      : options.photo;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="scenario"\r\n\r\n${options.scenario ?? 'genuine_passport'}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="photo.jpg"\r\n` +
        `Content-Type: ${options.type ?? 'image/jpeg'}\r\n\r\n`,
    ),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const url = new URL(pageUrl);
  url.pathname = `${url.pathname}/tasks/${task}`;
  const headers: Record<string, string> = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    expect: '100-continue',
  };
  if (!options.chunked) headers['content-length'] = String(body.length);
  const request: ClientRequest = httpRequest(url, { method: 'POST', headers, agent: false });
  const answer = new Promise<UploadAnswer>((resolve, reject) => {
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      response.once('error', reject);
    });
    request.on('error', reject);
  });
  const first = Math.min(options.firstBytes ?? 64 * 1024, body.length - 1);
  const received = new Promise<void>((resolve) => request.once('continue', resolve));
  request.flushHeaders();
  void received.then(() => request.write(body.subarray(0, first)));
  let sent = false;
  return {
    received,
    answer,
    finish: () => {
      if (sent) return;
      sent = true;
      void received.then(() => request.end(body.subarray(first)));
    },
    abort: () => {
      // An answer nobody waits for any more: its connection's end is no failure.
      answer.catch(() => undefined);
      request.destroy();
    },
  };
}
