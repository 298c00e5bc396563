import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdScanService, type CreateTransactionDto, type IdScanModuleOptions } from 'nestjs-id-scan';

/** How many transactions a host worker starts at once. */
const CREATE_CONCURRENCY = 16;

/** What a host worker needs to reach the API and accept event deliveries. */
export interface HostWorkerConnection {
  baseUrl: string;
  keyId: string;
  secret: string;
  /** The accepted event-delivery secret; none accepted without one. */
  webhookSecret?: string;
}

/**
 * The `IdScanModule` options every host worker shares: the API, its redirects (`/verified`, `/not-verified`, which
 * the soak checks), and the event-delivery secret. A worker spreads its own store and delivery options over them.
 */
export function hostWorkerOptions(connection: HostWorkerConnection): IdScanModuleOptions {
  return {
    keyId: connection.keyId,
    secret: connection.secret,
    baseUrl: connection.baseUrl,
    callbacks: { successRedirect: '/verified', failureRedirect: '/not-verified' },
    webhooks: connection.webhookSecret ? { secrets: [connection.webhookSecret] } : undefined,
  };
}

/** Makes a host worker's application listen on 127.0.0.1, on a free port; answers its origin. */
export async function listenOnLoopback(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Starts `count` transactions through the package, so that its store knows them; answers their ids. */
export async function createTransactions(
  app: INestApplication,
  count: number,
  tasks: CreateTransactionDto['tasks'],
): Promise<string[]> {
  const service = app.get(IdScanService);
  const ids: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const transaction = await service.createTransaction({ tasks });
      ids.push(transaction.id);
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
  return ids;
}
