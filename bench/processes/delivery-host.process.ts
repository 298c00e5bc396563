import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Redis } from 'ioredis';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdScanEvents,
  IdScanModule,
  IdScanService,
  RedisTransactionStore,
  type DeliveryFailedEvent,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { sinkKeys } from '../soak/delivery-sink.util';
import { serveWorker } from '../support/bench-worker.util';

/** How a delivery host worker is started. */
export interface DeliveryHostWorkerArgs {
  baseUrl: string;
  keyId: string;
  secret: string;
  redisUrl: string;
  /** Prefix of the store's keys and of the sink's keys, so runs never see each other. */
  prefix: string;
  /** The BullMQ queue both instances share. */
  queueName: string;
  webhookSecret: string;
  retryDelaysMs: number[];
  concurrency: number;
  /** Share of listener attempts that fail (throw), at random. */
  failureRate: number;
}

/** What the worker reports once it listens. */
export interface DeliveryHostWorkerInfo {
  origin: string;
  pid: number;
}

const CREATE_CONCURRENCY = 16;

void serveWorker<DeliveryHostWorkerInfo>(async (raw) => {
  const args = raw as unknown as DeliveryHostWorkerArgs;
  const keys = sinkKeys(args.prefix);
  const sinkClient = new Redis(args.redisUrl);
  const storeClient = new Redis(args.redisUrl, { maxRetriesPerRequest: null });

  /** An idempotent handler, as the README asks: its effect is applied once per transaction id. */
  @Injectable()
  class SinkListener {
    @OnEvent(IdScanEvents.TransactionCompleted, { suppressErrors: false })
    async onCompleted(event: TransactionCompletedEvent): Promise<void> {
      await sinkClient.hincrby(keys.attempts, event.transactionId, 1);
      if (Math.random() < args.failureRate) throw new Error('the sink refused this attempt');
      // Some work, so that a SIGKILL can land in the middle of a listener.
      await sleep(Math.floor(Math.random() * 10));
      const first = await sinkClient.hsetnx(keys.handledBy, event.transactionId, String(process.pid));
      if (first === 1) await sinkClient.hset(keys.handledAt, event.transactionId, String(Date.now()));
      else await sinkClient.rpush(keys.again, `${event.transactionId} ${process.pid}`);
    }

    @OnEvent(IdScanEvents.DeliveryFailed)
    async onDeliveryFailed(event: DeliveryFailedEvent): Promise<void> {
      await sinkClient.incr(keys.deliveryFailed);
      void event;
    }
  }

  @Module({
    imports: [
      EventEmitterModule.forRoot(),
      IdScanModule.forRoot({
        keyId: args.keyId,
        secret: args.secret,
        baseUrl: args.baseUrl,
        callbacks: { successRedirect: '/verified', failureRedirect: '/not-verified' },
        webhooks: { secrets: [args.webhookSecret] },
        store: new RedisTransactionStore(storeClient, { keyPrefix: args.prefix }),
        delivery: {
          retryDelaysMs: args.retryDelaysMs,
          queue: { connection: storeClient, name: args.queueName, concurrency: args.concurrency },
        },
        expirySweep: false,
      }),
    ],
    providers: [SinkListener],
  })
  class DeliveryHostModule {}

  const app: INestApplication = await NestFactory.create(DeliveryHostModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;

  return {
    info: { origin: `http://127.0.0.1:${port}`, pid: process.pid },
    handlers: {
      /** Starts `count` transactions through the package, so its store knows them. */
      create: async (count: number): Promise<string[]> => {
        const service = app.get(IdScanService);
        const ids: string[] = [];
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < count) {
            next++;
            const transaction = await service.createTransaction({ tasks: ['document_scan'] });
            ids.push(transaction.id);
          }
        };
        await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
        return ids;
      },
      /** Dies at once, as a crashed or OOM-killed process would: no shutdown hook runs, running listeners stop. */
      crash: (): void => {
        process.kill(process.pid, 'SIGKILL');
      },
    },
    onStop: async () => {
      await app.close();
      await Promise.all([sinkClient.quit(), storeClient.quit()]);
    },
  };
});
