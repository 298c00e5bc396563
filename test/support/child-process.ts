import { spawn, type ChildProcess } from 'node:child_process';

/** Where and how a child process runs. */
export interface ChildProcessOptions {
  /** Working directory. */
  readonly cwd: string;
  /** The whole environment of the child (nothing is inherited implicitly). */
  readonly env: NodeJS.ProcessEnv;
}

/** What a finished command printed. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** A command that exited with a failure status, with the end of its output for the test report. */
export class CommandFailedError extends Error {
  constructor(
    readonly commandLine: string,
    readonly exitCode: number | null,
    readonly output: CommandOutput,
    /** Whether the command was killed for outliving its time limit. */
    readonly timedOut = false,
  ) {
    super(
      `${commandLine} ${timedOut ? 'was stopped for taking too long' : `exited with ${exitCode ?? 'a signal'}`}\n--- stdout (end)\n${tail(output.stdout)}\n--- stderr (end)\n${tail(output.stderr)}`,
    );
    this.name = 'CommandFailedError';
  }
}

const OUTPUT_TAIL = 6000;
const STOP_GRACE_MS = 5000;

function tail(text: string): string {
  return text.length > OUTPUT_TAIL ? `…${text.slice(-OUTPUT_TAIL)}` : text;
}

/** npm settings a person may have chosen for themselves (where the cache is, which registry, which npmrc). */
const KEPT_NPM_SETTINGS = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig']);

/**
 * The environment of the test process without npm's per-invocation variables (`npm_package_*`, `npm_lifecycle_*`,
 * `npm_config_local_prefix`, …): under `npm test` they describe the repository, and a child npm would take them for
 * its own configuration. The cache, registry and user npmrc settings stay.
 */
export function cleanEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) || KEPT_NPM_SETTINGS.has(key.toLowerCase())) env[key] = value;
  }
  return { ...env, ...extra };
}

/** Kills a child and every process it started (it leads its own process group). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Runs a command to completion. Rejects with {@link CommandFailedError} on a failure status, and kills the command
 * (with everything it started) when it outlives `timeoutMs`.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: ChildProcessOptions & { readonly timeoutMs: number },
): Promise<CommandOutput> {
  const commandLine = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      stderr += `\n[killed after ${options.timeoutMs} ms]`;
      killGroup(child, 'SIGKILL');
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandFailedError(commandLine, code, { stdout, stderr }, timedOut));
    });
  });
}

/** A long-running child (a server) whose output lines a test can wait for. */
export class RunningProcess {
  private stdout = '';
  private stderr = '';
  private readonly waiters = new Set<() => void>();
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly name: string,
  ) {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.notify();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      child.once('close', () => {
        resolve();
        this.notify();
      });
      child.once('error', (error) => {
        this.stderr += `\n[${name} failed to start: ${error.message}]`;
        resolve();
        this.notify();
      });
    });
  }

  /** Starts `command` in its own process group. */
  static start(name: string, command: string, args: readonly string[], options: ChildProcessOptions): RunningProcess {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    return new RunningProcess(child, name);
  }

  /** Everything the process printed so far, both streams. */
  get output(): string {
    return `${this.stdout}\n${this.stderr}`;
  }

  private get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /**
   * Resolves with the first standard-output line matching `pattern`, printed before or after the call. Rejects
   * when the process exits first or when `timeoutMs` passes, with the process's output in the message.
   */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const lines = this.stdout.split('\n');
        // The last piece is a line still being written, unless the process has ended.
        if (this.running) lines.pop();
        for (const line of lines) {
          const match = line.match(pattern);
          if (match) {
            finish();
            resolve(match);
            return;
          }
        }
        if (!this.running) {
          finish();
          reject(new Error(`${this.name} exited before printing ${pattern}\n${tail(this.output)}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.name} printed no ${pattern} within ${timeoutMs} ms\n${tail(this.output)}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Stops the process and its children: SIGTERM, then SIGKILL if it has not exited after a grace period. */
  async stop(): Promise<void> {
    if (!this.running) return this.exited;
    killGroup(this.child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}
