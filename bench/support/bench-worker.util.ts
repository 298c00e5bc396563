import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A request from the parent to a worker process. */
interface WorkerRequest {
  id: number;
  command: string;
  args?: unknown;
}

/** A worker's answer to one {@link WorkerRequest}. */
interface WorkerReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

/** The first message a worker sends, once it is ready. */
interface WorkerReady {
  ready: true;
  info: unknown;
}

/** What a worker does on each command; the return value (JSON-serialisable) goes back to the parent. */
export type WorkerHandlers = Record<string, (args: never) => unknown>;

const STOP_GRACE_MS = 10_000;

/** Where the compiled worker entry points live (beside this folder, in `processes/`). */
export function workerEntry(name: string): string {
  return join(__dirname, '..', 'processes', `${name}.js`);
}

/**
 * A child Node process driven over IPC: the parent sends commands, the worker answers each one. The bench runs the
 * emulator, the host applications and each download in workers of their own, so that what the bench process
 * measures (CPU, memory) is the client alone.
 */
export class BenchWorker<Info> {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly info: Info,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: WorkerReply) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error ?? 'worker command failed'));
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`worker exited (${signal ?? code ?? 'unknown'}) before answering`));
      }
      this.pending.clear();
    });
  }

  /**
   * Starts `processes/<name>.js` and resolves with the worker once it reported ready.
   * @throws when the worker exits or fails before it is ready.
   */
  static start<Info>(name: string, args: object = {}): Promise<BenchWorker<Info>> {
    const child = fork(workerEntry(name), [JSON.stringify(args)], {
      // BENCH_NODE_ARGS (for instance `--cpu-prof`) lets a profiler look at one worker's side of a measurement.
      execArgv: [
        '--expose-gc',
        '-r',
        'tsconfig-paths/register',
        ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null): void =>
        reject(new Error(`worker ${name} exited (${signal ?? code ?? 'unknown'}) before it was ready`));
      child.once('error', reject);
      child.once('exit', onExit);
      child.once('message', (message: WorkerReady | WorkerReply) => {
        child.off('exit', onExit);
        child.off('error', reject);
        if ('ready' in message) resolve(new BenchWorker<Info>(child, message.info as Info));
        else reject(new Error(`worker ${name} failed to start: ${message.error ?? 'unknown error'}`));
      });
    });
  }

  /** Sends a command and resolves with the worker's answer. */
  call<T>(command: string, args?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      const request: WorkerRequest = { id, command, args };
      this.child.send(request);
    });
  }

  /** Asks the worker to stop, then kills it if it has not exited after a grace period. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    this.child.send({ id: -1, command: 'stop' } satisfies WorkerRequest);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * The worker side: reports `info` as ready, answers each command with its handler, and on `stop` runs `onStop`
 * and exits. A failed start is reported to the parent, which then rejects {@link BenchWorker.start}.
 */
export async function serveWorker<Info>(
  start: (args: Record<string, unknown>) => Promise<{
    info: Info;
    handlers: WorkerHandlers;
    onStop: () => Promise<void>;
  }>,
): Promise<void> {
  const send = (message: WorkerReady | WorkerReply): void => {
    process.send?.(message);
  };
  let served: Awaited<ReturnType<typeof start>>;
  try {
    served = await start(JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>);
  } catch (error) {
    send({ id: -1, ok: false, error: describe(error) });
    process.exit(1);
  }
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= served.onStop();
    return stopping.finally(() => process.exit(0));
  };
  process.on('message', (message: WorkerRequest) => {
    void (async () => {
      if (message.command === 'stop') return stop();
      const handler = served.handlers[message.command];
      try {
        if (!handler) throw new Error(`unknown command ${message.command}`);
        send({
          id: message.id,
          ok: true,
          result: await handler(message.args as never),
        });
      } catch (error) {
        send({ id: message.id, ok: false, error: describe(error) });
      }
    })();
  });
  // The parent going away (a crash, Ctrl-C) must not leave a server running.
  process.on('disconnect', () => void stop());
  send({ ready: true, info: served.info });
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
