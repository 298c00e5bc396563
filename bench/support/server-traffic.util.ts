import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** Connections and requests one listening port received. */
export interface PortTraffic {
  connections: number;
  requests: number;
}

/**
 * Counts, per local port, the TCP connections and HTTP requests every server of this process accepts, through
 * Node's `net.server.socket` and `http.server.request.start` diagnostics channels: no server needs a hook of its
 * own, so the emulator is counted exactly as it runs.
 */
export class ServerTraffic {
  private readonly ports = new Map<number, PortTraffic>();
  private readonly onSocket = (message: unknown): void => {
    const port = (message as { socket: Socket }).socket.localPort;
    if (port !== undefined) this.entry(port).connections++;
  };
  private readonly onRequest = (message: unknown): void => {
    const port = (message as { request: IncomingMessage }).request.socket.localPort;
    if (port !== undefined) this.entry(port).requests++;
  };

  constructor() {
    subscribe('net.server.socket', this.onSocket);
    subscribe('http.server.request.start', this.onRequest);
  }

  /** What `port` received since the start or the last {@link reset}. */
  of(port: number): PortTraffic {
    return { ...this.entry(port) };
  }

  reset(): void {
    this.ports.clear();
  }

  close(): void {
    unsubscribe('net.server.socket', this.onSocket);
    unsubscribe('http.server.request.start', this.onRequest);
  }

  private entry(port: number): PortTraffic {
    let traffic = this.ports.get(port);
    if (!traffic) {
      traffic = { connections: 0, requests: 0 };
      this.ports.set(port, traffic);
    }
    return traffic;
  }
}
