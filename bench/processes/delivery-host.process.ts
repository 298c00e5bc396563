import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  IdScanEvents,
  IdScanModule,
  RedisTransactionStore,
  type DeliveryFailedEvent,
  type TransactionCompletedEvent,
} from 'nestjs-id-scan';
import { sinkKeys } from '../soak/delivery-sink.util';
import { serveWorker } from '../support/bench-worker.util';
import { createTransactions, hostWorkerOptions, listenOnLoopback } from '../support/host-worker.util';

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
        ...hostWorkerOptions(args),
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
  const origin = await listenOnLoopback(app);

  return {
    info: { origin, pid: process.pid },
    handlers: {
      /** Starts `count` transactions through the package, so its store knows them. */
      create: (count: number): Promise<string[]> => createTransactions(app, count, ['document_scan']),
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
