import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorEvent } from 'nestjs-id-scan-emulator';

/** One delivery as the receiver saw it. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: EmulatorEvent;
}

/** What the receiver answers to the next requests: a status, or `hang` (never answer). */
export type PlannedAnswer = number | 'hang';

/** A loopback webhook receiver whose answers a test scripts; it answers 200 once the plan runs out. */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  private plan: PlannedAnswer[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(path = '/id-scan/events'): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}${path}`);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => receiver.handle(request.headers, Buffer.concat(chunks), response));
    });
    return receiver;
  }

  /** Answers the next requests as listed. */
  answer(...plan: PlannedAnswer[]): void {
    this.plan.push(...plan);
  }

  /** Resolves once `count` deliveries in total have arrived. */
  waitFor(count: number): Promise<ReceivedDelivery[]> {
    if (this.received.length >= count) return Promise.resolve(this.received.slice(0, count));
    return new Promise((resolve) => {
      this.waiters.push({ count, resolve: () => resolve(this.received.slice(0, count)) });
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(headers: IncomingHttpHeaders, body: Buffer, response: import('node:http').ServerResponse): void {
    this.received.push({ headers, body: JSON.parse(body.toString('utf8')) as EmulatorEvent });
    const answer = this.plan.shift() ?? 200;
    if (answer !== 'hang') response.writeHead(answer, { 'content-type': 'text/plain' }).end('ok');
    this.waiters = this.waiters.filter((waiter) => {
      if (this.received.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}
