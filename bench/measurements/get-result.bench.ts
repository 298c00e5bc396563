import { EventEmitterModule } from '@nestjs/event-emitter';
import { Test } from '@nestjs/testing';
import axios from 'axios';
import { IdScanModule, IdScanService, type IdScanModuleOptions } from 'nestjs-id-scan';
import { Agent as HttpAgent } from 'node:http';
import { Agent, request } from 'undici';
import { IdScanTelemetryService } from '../../libs/id-scan/src/telemetry/id-scan-telemetry.service';
import type { BenchEnvironment } from '../support/bench-environment.interface';
import type { BenchRow } from '../support/bench-row.interface';
import { createIdScanContext, type IdScanContext } from '../support/id-scan-context.util';
import { runConcurrent, runSequential, type Operation } from '../support/load.util';
import { rotate } from '../support/rotate.util';
import { median } from '../support/statistics.util';

const SEQUENTIAL_CALLS = 2000;
const SEQUENTIAL_ROUNDS = 4;
const WARM_UP_CALLS = 300;
const CONCURRENCY = 200;
const THROUGHPUT_MS = 5000;
const THROUGHPUT_ROUNDS = 2;

type Contestant = 'ours' | 'withoutOpenTelemetry' | 'undici' | 'axios';

/**
 * The package with its telemetry as a host without `@opentelemetry/api` gets it: every telemetry call a no-op, as
 * if the telemetry code were not there. Against `ours` (the API installed, no SDK registered) it prices the
 * telemetry a host pays for without using it.
 */
async function createContextWithoutOpenTelemetry(options: IdScanModuleOptions): Promise<IdScanContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [EventEmitterModule.forRoot(), IdScanModule.forRoot({ ...options, routes: false })],
  })
    .overrideProvider(IdScanTelemetryService)
    .useValue(new IdScanTelemetryService())
    .setLogger({ log: () => undefined, error: () => undefined, warn: () => undefined })
    .compile();
  await moduleRef.init();
  return { service: moduleRef.get(IdScanService), close: () => moduleRef.close() };
}

/**
 * The per-call cost of `getResult` and its throughput under 200 concurrent calls, against plain `axios` (the
 * transport the package is built on, which the targets are set against) and, for reference, raw `undici.request`
 * with a hand-signed token (the floor: no validation, no retries, no error mapping). A fourth contestant is the
 * package without `@opentelemetry/api`, for the cost of telemetry without an SDK. Contestants take turns in rounds,
 * so a burst of load from elsewhere on the machine hits all of them alike.
 */
export async function measureGetResult(env: BenchEnvironment): Promise<BenchRow[]> {
  const { emulator, token, transactionId, resultId, resultUrl } = env;
  const options = { keyId: emulator.info.keyId, secret: emulator.info.secret, baseUrl: emulator.info.url };
  const context = await createIdScanContext(options);
  const withoutOpenTelemetry = await createContextWithoutOpenTelemetry(options);
  const dispatcher = new Agent();
  const axiosAgent = new HttpAgent({ keepAlive: true });
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/json',
  };
  const operations: Record<Contestant, Operation> = {
    ours: () => context.service.getResult(transactionId, resultId),
    withoutOpenTelemetry: () => withoutOpenTelemetry.service.getResult(transactionId, resultId),
    undici: async () => {
      const { statusCode, body } = await request(resultUrl, {
        headers,
        dispatcher,
      });
      const result: unknown = await body.json();
      if (statusCode !== 200) throw new Error(`undici baseline got ${statusCode}`);
      return result;
    },
    axios: async () => (await axios.get<unknown>(resultUrl, { headers, httpAgent: axiosAgent })).data,
  };
  const contestants = Object.keys(operations) as Contestant[];
  // Throughput is compared with the transport only; the telemetry question is one of CPU.
  const throughputContestants = contestants.filter((name) => name !== 'withoutOpenTelemetry');

  try {
    for (const name of contestants) await runSequential(operations[name], WARM_UP_CALLS);

    const latencies: Record<Contestant, number[]> = {
      ours: [],
      withoutOpenTelemetry: [],
      undici: [],
      axios: [],
    };
    const cpu: Record<Contestant, number> = { ours: 0, withoutOpenTelemetry: 0, undici: 0, axios: 0 };
    for (let round = 0; round < SEQUENTIAL_ROUNDS; round++) {
      for (const name of rotate(contestants, round)) {
        const run = await runSequential(operations[name], SEQUENTIAL_CALLS / SEQUENTIAL_ROUNDS);
        latencies[name].push(...run.latenciesMs);
        cpu[name] += run.cpuMicros;
      }
    }

    const completed: Record<Contestant, number> = { ours: 0, withoutOpenTelemetry: 0, undici: 0, axios: 0 };
    const failed: Record<Contestant, number> = { ours: 0, withoutOpenTelemetry: 0, undici: 0, axios: 0 };
    const elapsed: Record<Contestant, number> = { ours: 0, withoutOpenTelemetry: 0, undici: 0, axios: 0 };
    for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
      for (const name of rotate(throughputContestants, round)) {
        const run = await runConcurrent(operations[name], CONCURRENCY, THROUGHPUT_MS / THROUGHPUT_ROUNDS);
        // A failure is counted, not fatal: a keep-alive race with the server's idle timeout is part of what is measured.
        if (run.failed > 0) process.stderr.write(`${name}: ${run.failed} calls failed: ${describe(run.firstError)}\n`);
        failed[name] += run.failed;
        completed[name] += run.completed;
        elapsed[name] += run.elapsedMs;
      }
    }

    const label = `getResult (${env.resultFields} fields, ${(env.resultBytes / 1024).toFixed(1)} KiB)`;
    const perCall = (name: Contestant): number => cpu[name] / SEQUENTIAL_CALLS;
    const rate = (name: Contestant): number => (completed[name] / elapsed[name]) * 1000;
    const failures = (name: Contestant): string => (failed[name] > 0 ? ` (${failed[name]} failed)` : '');
    return [
      {
        measure: `${label}: median latency, ${SEQUENTIAL_CALLS} sequential calls`,
        unit: 'ms',
        ours: median(latencies.ours),
        baseline: median(latencies.axios),
        baselineName: 'plain axios',
        target: { kind: 'ratio-at-most', value: 1.05 },
        decimals: 3,
      },
      {
        measure: `${label}: client CPU per call`,
        unit: 'µs',
        ours: perCall('ours'),
        baseline: perCall('axios'),
        baselineName: 'plain axios',
        target: { kind: 'ratio-at-most', value: 1.05 },
      },
      {
        measure:
          `${label}: throughput, ${CONCURRENCY} concurrent calls for ${THROUGHPUT_MS / 1000} s` +
          `${failures('ours')}${failures('axios')}`,
        unit: 'calls/s',
        ours: rate('ours'),
        baseline: rate('axios'),
        baselineName: 'plain axios',
        target: { kind: 'ratio-at-least', value: 0.95 },
      },
      {
        measure: `${label}: client CPU per call, @opentelemetry/api installed and no SDK registered`,
        unit: 'µs',
        ours: perCall('ours'),
        baseline: perCall('withoutOpenTelemetry'),
        baselineName: 'without @opentelemetry/api',
        target: { kind: 'ratio-at-most', value: 1.05 },
      },
      {
        measure: 'reference: median latency',
        unit: 'ms',
        ours: median(latencies.ours),
        baseline: median(latencies.undici),
        baselineName: 'raw undici',
        decimals: 3,
      },
      {
        measure: 'reference: client CPU per call',
        unit: 'µs',
        ours: perCall('ours'),
        baseline: perCall('undici'),
        baselineName: 'raw undici',
      },
      {
        measure: `reference: throughput${failures('ours')}${failures('undici')}`,
        unit: 'calls/s',
        ours: rate('ours'),
        baseline: rate('undici'),
        baselineName: 'raw undici',
      },
      {
        measure: 'reference: median latency',
        subject: 'plain axios',
        unit: 'ms',
        ours: median(latencies.axios),
        baseline: median(latencies.undici),
        baselineName: 'raw undici',
        decimals: 3,
      },
      {
        measure: 'reference: client CPU per call',
        subject: 'plain axios',
        unit: 'µs',
        ours: perCall('axios'),
        baseline: perCall('undici'),
        baselineName: 'raw undici',
      },
      {
        measure: `reference: throughput${failures('axios')}${failures('undici')}`,
        subject: 'plain axios',
        unit: 'calls/s',
        ours: rate('axios'),
        baseline: rate('undici'),
        baselineName: 'raw undici',
      },
    ];
  } finally {
    await context.close();
    await withoutOpenTelemetry.close();
    await dispatcher.close();
    axiosAgent.destroy();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}
