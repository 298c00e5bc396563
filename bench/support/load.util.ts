import { performance } from 'node:perf_hooks';
import { cpuMicrosSince } from './statistics.util';

/** One operation under measurement; it rejects when the operation failed. */
export type Operation = () => Promise<unknown>;

/** What a sequential run measured. */
export interface SequentialRun {
  /** Latency of each call, in milliseconds. */
  latenciesMs: number[];
  /** Client CPU time (user + system) spent over the whole run, in microseconds. */
  cpuMicros: number;
}

/** Runs `operation` `count` times, one after the other. */
export async function runSequential(operation: Operation, count: number): Promise<SequentialRun> {
  const latenciesMs: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await operation();
    latenciesMs.push(performance.now() - started);
  }
  return { latenciesMs, cpuMicros: cpuMicrosSince(cpu) };
}

/** What a concurrent run measured. */
export interface ConcurrentRun {
  completed: number;
  failed: number;
  elapsedMs: number;
  latenciesMs: number[];
  /** The first failure, to report when a run was not clean. */
  firstError?: unknown;
}

/**
 * Keeps `concurrency` calls in flight until `durationMs` has passed (or `operations` ran out, when given as a list
 * length), and counts what completed.
 * @param operation receives the index of the call (0, 1, 2, ... across all workers)
 * @param limit stop after this many calls, whatever the time
 */
export async function runConcurrent(
  operation: (index: number) => Promise<unknown>,
  concurrency: number,
  durationMs: number,
  limit = Number.POSITIVE_INFINITY,
): Promise<ConcurrentRun> {
  const run: ConcurrentRun = {
    completed: 0,
    failed: 0,
    elapsedMs: 0,
    latenciesMs: [],
  };
  const started = performance.now();
  const deadline = started + durationMs;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline && next < limit) {
      const index = next++;
      const callStarted = performance.now();
      try {
        await operation(index);
        run.completed++;
        run.latenciesMs.push(performance.now() - callStarted);
      } catch (error) {
        run.failed++;
        run.firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  run.elapsedMs = performance.now() - started;
  return run;
}
