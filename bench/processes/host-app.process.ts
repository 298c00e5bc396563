import { Controller, Get, Injectable, Module, Query, Res, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import type { Response } from 'express';
import { IdScanEvents, IdScanModule, RedisTransactionStore, type TransactionCompletedEvent } from 'nestjs-id-scan';
import { Agent, request } from 'undici';
import { serveWorker } from '../support/bench-worker.util';
import { createTransactions, hostWorkerOptions, listenOnLoopback } from '../support/host-worker.util';
import { handSignedToken } from '../support/hand-signed-token.util';

/** How a host application worker is started. */
export interface HostAppWorkerArgs {
  /**
   * `package`: a Nest application with `IdScanModule` (in-memory store) and its routes;
   * `bare`: a Nest application whose own `GET /id-scan/return` does the same fetch with undici and redirects.
   */
  variant: 'package' | 'bare';
  /** The API base URL. */
  baseUrl: string;
  keyId: string;
  secret: string;
  /** `package` only: share transactions through this Redis (`RedisTransactionStore`) instead of memory. */
  redisUrl?: string;
  /** Key prefix in Redis, so that runs never see each other's records. */
  redisKeyPrefix?: string;
  /** `package` only: the accepted event-delivery secret. */
  webhookSecret?: string;
}

/** What the worker reports once it listens. */
export interface HostAppWorkerInfo {
  /** The application's origin, `http://127.0.0.1:<port>`. */
  origin: string;
}

/** Records the domain events, as a host's listener would receive them. */
@Injectable()
class CompletionRecorder {
  readonly transactionIds: string[] = [];

  @OnEvent(IdScanEvents.TransactionCompleted)
  onCompleted(event: TransactionCompletedEvent): void {
    if (event.result.state === 'completed') this.transactionIds.push(event.transactionId);
  }
}

async function packageApp(args: HostAppWorkerArgs, store?: RedisTransactionStore): Promise<INestApplication> {
  @Module({
    imports: [EventEmitterModule.forRoot(), IdScanModule.forRoot({ ...hostWorkerOptions(args), store })],
    providers: [CompletionRecorder],
  })
  class PackageHostModule {}
  return NestFactory.create(PackageHostModule, { logger: false });
}

async function bareApp(args: HostAppWorkerArgs): Promise<INestApplication> {
  const authorization = `Bearer ${await handSignedToken(args.keyId, args.secret)}`;
  const dispatcher = new Agent();

  /** The least a return route can do: fetch the result with a ready token and redirect by its state. */
  @Controller('id-scan')
  class BareReturnController {
    @Get('return')
    async return(
      @Query('trxid') trxid: string,
      @Query('resultid') resultid: string,
      @Res() response: Response,
    ): Promise<void> {
      const url = `${args.baseUrl}transactions/${encodeURIComponent(trxid)}/results/${encodeURIComponent(resultid)}`;
      const { statusCode, body } = await request(url, {
        headers: { authorization },
        dispatcher,
      });
      const result = (await body.json()) as { state?: unknown };
      const passed = statusCode === 200 && result.state === 'completed';
      response.redirect(302, `/${passed ? 'verified' : 'not-verified'}?transactionId=${encodeURIComponent(trxid)}`);
    }
  }

  @Module({ controllers: [BareReturnController] })
  class BareHostModule {}
  return NestFactory.create(BareHostModule, { logger: false });
}

/** Everything this worker wrote to stderr (still passed through), for soak checks on what an outage prints. */
let stderrText = '';
const writeStderr = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
process.stderr.write = (chunk: unknown, ...rest: unknown[]) => {
  stderrText += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
  return writeStderr(chunk, ...rest);
};

void serveWorker<HostAppWorkerInfo>(async (raw) => {
  const args = raw as unknown as HostAppWorkerArgs;
  const store =
    args.redisUrl === undefined
      ? undefined
      : new RedisTransactionStore(args.redisUrl, {
          keyPrefix: args.redisKeyPrefix,
        });
  const app = args.variant === 'package' ? await packageApp(args, store) : await bareApp(args);
  const origin = await listenOnLoopback(app);

  return {
    info: { origin },
    handlers: {
      /** Starts `count` transactions through the package, so its store knows them. */
      create: (count: number): Promise<string[]> =>
        createTransactions(app, count, ['document_scan', 'face_liveness', 'face_match']),
      /** The transaction ids of every `id-scan.transaction.completed` event so far, in order. */
      completedEvents: (): string[] => app.get(CompletionRecorder).transactionIds,
      /** What the worker has written to stderr so far. */
      stderr: (): string => stderrText,
    },
    onStop: async () => {
      await app.close();
      await store?.close();
    },
  };
});
