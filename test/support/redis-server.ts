import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** A throwaway `redis-server` started for one suite. */
export interface RedisServerHandle {
  readonly host: string;
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, for ioredis. */
  readonly url: string;
  /** Stops the server (SIGTERM, then SIGKILL) and removes its working directory. */
  stop(): Promise<void>;
  /**
   * Ends the server, keeping its working directory for {@link restart}: at once with SIGKILL (the default), as a
   * crash would, or with SIGTERM, as a restart or failover would (Redis answers what it has read, then exits).
   */
  kill(signal?: 'SIGKILL' | 'SIGTERM'): Promise<void>;
  /** Starts the server again on the same port and directory (so with its data, when `appendOnly` is on). */
  restart(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Persist every write to an append-only file (`appendfsync always`), so a restart keeps the data. */
  appendOnly?: boolean;
}

const INSTALL_HINT = 'run scripts/install-system-deps.sh to install it';

/** The `redis-server` binary: `$REDIS_SERVER_BIN`, then `$PATH`, then the usual install locations. */
export function findRedisServer(): string | undefined {
  const explicit = process.env.REDIS_SERVER_BIN;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/opt/homebrew/bin'];
  return dirs
    .filter(Boolean)
    .map((dir) => join(dir, 'redis-server'))
    .find((candidate) => existsSync(candidate));
}

/**
 * Whether a suite needing redis-server should run. Without the binary it warns loudly and answers `false`, except
 * under `CI=true`, where it answers `true` so the suite fails in {@link startRedisServer} and a missing dependency
 * never passes silently.
 */
export function redisServerUsable(suiteName: string): boolean {
  if (findRedisServer() || process.env.CI === 'true') return true;
  console.warn(
    [
      '',
      '*'.repeat(100),
      `*  SKIPPED "${suiteName}": redis-server was not found on this machine.`,
      `*  ${INSTALL_HINT} (or set REDIS_SERVER_BIN), then run the suite again.`,
      '*'.repeat(100),
      '',
    ].join('\n'),
  );
  return false;
}

/** `describe` for suites that need redis-server; skipped (loudly) when {@link redisServerUsable} says so. */
export function describeWithRedis(name: string, fn: () => void): void {
  if (redisServerUsable(name)) describe(name, fn);
  else describe.skip(name, fn);
}

/** A port nobody listens on right now (the kernel picks it); a race with another process is retried by the caller. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

/** Resolves once the server answers PING with PONG over a raw socket. */
async function ping(port: number): Promise<void> {
  const socket = new Socket();
  try {
    await new Promise<void>((resolve, reject) => {
      let received = '';
      socket.once('error', reject);
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        if (received.includes('\r\n')) {
          if (received.startsWith('+PONG')) resolve();
          else reject(new Error(`unexpected PING answer: ${received.trim()}`));
        }
      });
      socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    });
  } finally {
    socket.destroy();
  }
}

interface RunningRedis {
  /** Ends the process with this signal (SIGKILL after 5 s) and resolves once it has exited. */
  end(signal: NodeJS.Signals): Promise<void>;
}

async function run(binary: string, port: number, dir: string, options: RedisServerOptions): Promise<RunningRedis> {
  const persistence = options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      ...persistence,
      '--dir',
      dir,
      '--daemonize',
      'no',
      '--loglevel',
      'notice',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    void exited.then((code) =>
      reject(new Error(`redis-server exited with code ${String(code)} before it was ready:\n${output.slice(-2000)}`)),
    );
  });
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await ready;
    await ping(port);
  } catch (error) {
    await end('SIGTERM');
    throw error;
  }
  return { end };
}

async function launch(binary: string, port: number, options: RedisServerOptions): Promise<RedisServerHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'id-scan-redis-'));
  let running: RunningRedis | undefined;
  const stop = async (): Promise<void> => {
    await running?.end('SIGTERM');
    running = undefined;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    running = await run(binary, port, dir, options);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    kill: async (signal = 'SIGKILL') => {
      await running?.end(signal);
      running = undefined;
    },
    restart: async () => {
      await running?.end('SIGTERM');
      running = await run(binary, port, dir, options);
    },
  };
}

/**
 * Starts a private `redis-server` on a free loopback port, with persistence off unless `appendOnly` is set, and
 * resolves once it answers PING.
 * @throws when the binary is missing (naming scripts/install-system-deps.sh) or the server cannot start.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const binary = findRedisServer();
  if (!binary) throw new Error(`redis-server was not found; ${INSTALL_HINT}`);
  let lastError: unknown;
  // Another process may take the port between picking and binding; a fresh port usually succeeds.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(binary, await freePort(), options);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error('redis-server could not start');
}
