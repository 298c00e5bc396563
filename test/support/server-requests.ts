import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

/**
 * Counts the HTTP requests a server of this process receives on one port, through Node's
 * `http.server.request.start` diagnostics channel: the emulator needs no hook of its own, and what is counted is
 * every request that reached it, whatever route or fault it met.
 */
export class ServerRequestCounter {
  private readonly port: number;
  private seen = 0;
  private readonly onRequest = (message: unknown): void => {
    if ((message as { request: IncomingMessage }).request.socket.localPort === this.port) this.seen++;
  };

  /** @param url any URL of the server, such as the emulator's `url` */
  constructor(url: string) {
    this.port = Number(new URL(url).port);
    subscribe('http.server.request.start', this.onRequest);
  }

  /** Requests received since the counter was made. */
  get count(): number {
    return this.seen;
  }

  close(): void {
    unsubscribe('http.server.request.start', this.onRequest);
  }
}
