import { transformFileSync } from '@swc/core';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { RedisServerHandle } from './redis-server';

/** Far longer than any state change takes; only a probe that is stuck reaches it. */
const STATE_TIMEOUT_MS = 20_000;
/** How long a stopped probe may take to close what it opened and exit. */
const EXIT_GRACE_MS = 3000;

const LIBS = join(__dirname, '..', '..', 'libs', 'id-scan', 'src');

/** What a probe process printed through an outage. */
export interface ProbeOutput {
  stdout: string;
  stderr: string;
}

/**
 * A plain Node process that runs package code against a `redis-server` through a crash and a restart, to see what
 * it prints. Jest cannot show this: ioredis prints "Unhandled error event" only for errors that are `instanceof
 * Error` in its own realm, and a socket error never is inside jest's sandbox.
 *
 * The probe script gets the Redis URL and `mode` as `process.argv[2]` and `[3]`, prints `state up` or `state down`
 * after each of its periodic calls, and closes what it opened when a line arrives on its stdin.
 */
export class OutageProbe {
  private constructor(private readonly dir: string) {}

  /**
   * Compiles `files` (paths under `libs/id-scan/src`, with everything they import at run time) to CommonJS in a
   * temporary directory, beside the probe `script` (`probe.js`, which requires them as `./<path>.js`).
   */
  static create(files: readonly string[], script: string): OutageProbe {
    const dir = mkdtempSync(join(tmpdir(), 'id-scan-outage-'));
    for (const file of files) {
      const { code } = transformFileSync(join(LIBS, file), {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      const target = join(dir, file.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, code);
    }
    writeFileSync(join(dir, 'probe.js'), script);
    return new OutageProbe(dir);
  }

  /** Runs the probe through a crash of Redis (with several failed calls in between) and its restart. */
  async throughOutage(redis: RedisServerHandle, mode: string): Promise<ProbeOutput> {
    const child = spawn(process.execPath, ['probe.js', redis.url, mode], {
      cwd: this.dir,
      env: { PATH: process.env.PATH, NODE_PATH: join(__dirname, '..', '..', 'node_modules'), NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const lines = createInterface({ input: child.stdout });
    const waiters: { state: string; count: number; resolve: () => void }[] = [];
    lines.on('line', (line) => {
      stdout += `${line}\n`;
      for (const waiter of [...waiters]) {
        if (line !== `state ${waiter.state}` || --waiter.count > 0) continue;
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const answers = (state: string, count: number) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ state, count, resolve });
        clearTimeout(timer);
        timer = setTimeout(
          () => reject(new Error(`The probe printed no "state ${state}" in time.\n${stdout}\n${stderr}`)),
          STATE_TIMEOUT_MS,
        );
      });
    try {
      await answers('up', 1);
      // Several failed calls span several reconnection attempts, each refused by the dead port.
      const down = answers('down', 4);
      await redis.kill();
      await down;
      const up = answers('up', 1);
      await redis.restart();
      await up;
      child.stdin.end('stop\n');
      clearTimeout(timer);
      // A BullMQ worker's close can wait a long time for its fetch loop after an outage; what the probe printed
      // until then is what the tests look at, so a slow exit ends with a kill instead.
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, EXIT_GRACE_MS)))]);
    } finally {
      clearTimeout(timer);
      child.kill();
    }
    return { stdout, stderr };
  }

  /** Removes the compiled files. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
