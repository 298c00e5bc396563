import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postOnce } from './http-post.util';

describe('postOnce', () => {
  let server: Server;
  let url: string;
  let received: number;
  let respond: (request: IncomingMessage, response: ServerResponse) => void;

  beforeEach(async () => {
    received = 0;
    respond = (_request, response) => response.writeHead(204).end();
    server = createServer((request, response) => {
      received++;
      respond(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("resolves with the receiver's status", async () => {
    await expect(postOnce(url, '{}', {}, 5000, new AbortController().signal)).resolves.toEqual({
      status: 204,
      error: null,
    });
    expect(received).toBe(1);
  });

  it('sends nothing and does not throw when the signal has already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(postOnce(url, '{}', {}, 5000, controller.signal)).resolves.toEqual({
      status: null,
      error: 'aborted',
    });
    expect(received).toBe(0);
  });

  it('ends a stalled delivery when the signal aborts', async () => {
    const controller = new AbortController();
    respond = () => controller.abort();
    await expect(postOnce(url, '{}', {}, 30_000, controller.signal)).resolves.toEqual({
      status: null,
      error: 'aborted',
    });
  });

  it('reports a refused connection by its code', async () => {
    const port = (server.address() as AddressInfo).port;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    await expect(
      postOnce(`http://127.0.0.1:${port}/hook`, '{}', {}, 5000, new AbortController().signal),
    ).resolves.toEqual({ status: null, error: 'ECONNREFUSED' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
});
