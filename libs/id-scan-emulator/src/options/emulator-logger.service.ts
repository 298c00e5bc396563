import { ConsoleLogger, Logger, type LoggerService, type LogLevel } from '@nestjs/common';

/** Contexts of the lines Nest itself writes while it builds an application. */
const FRAMEWORK_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

type LogMethod = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

/**
 * Where one emulator's own output goes, as its `logger` option says: `false` nowhere, log levels to a console
 * logger of its own, a logger instance to that instance, and when left out to the process's Nest logger (the one
 * the host application configured). Nest keeps a single logger per process, so the emulator never hands its
 * option to Nest: the host's logging stays as it was.
 */
export class EmulatorLoggerService {
  private constructor(private readonly target: LoggerService | 'process' | null) {}

  /** The logger for a resolved `logger` option. */
  static create(option: false | LogLevel[] | LoggerService | undefined): EmulatorLoggerService {
    if (option === undefined) return new EmulatorLoggerService('process');
    if (option === false) return new EmulatorLoggerService(null);
    if (Array.isArray(option)) return new EmulatorLoggerService(new ConsoleLogger({ logLevels: option }));
    return new EmulatorLoggerService(option);
  }

  /** Logs an informational line. */
  log(message: string, context: string): void {
    this.write('log', context, message);
  }

  /** Logs a warning. */
  warn(message: string, context: string): void {
    this.write('warn', context, message);
  }

  /** Logs an error with its stack. */
  error(message: string, stack: string | undefined, context: string): void {
    this.write('error', context, message, stack);
  }

  /**
   * Runs `boot` (the emulator's Nest application being built) so that Nest's own start-up lines for it go where
   * the emulator's output goes, and every other line, the host's included, still reaches the process's logger.
   * Without a `logger` option nothing is redirected. Nest has no per-application logger, so the process logger is
   * swapped for a router for the duration of `boot` and put back afterwards (by the last of concurrent boots).
   */
  async duringBoot<T>(boot: () => Promise<T>): Promise<T> {
    if (this.target === 'process') return boot();
    const previous = BootRouter.install(this);
    try {
      return await boot();
    } finally {
      BootRouter.uninstall(previous);
    }
  }

  /** Writes a line from Nest's framework, as routed by the boot router. */
  frameworkLine(method: LogMethod, params: unknown[]): void {
    if (this.target === null || this.target === 'process') return;
    const [message, ...rest] = params;
    this.target[method]?.(message, ...rest);
  }

  private write(method: 'log' | 'warn' | 'error', context: string, message: string, stack?: string): void {
    if (this.target === null) return;
    if (this.target === 'process') {
      const logger = new Logger(context);
      if (method === 'error') logger.error(message, stack);
      else logger[method](message);
      return;
    }
    if (method === 'error') this.target.error(message, stack, context);
    else this.target[method](message, context);
  }
}

// The process-wide logger Nest writes through; `staticInstanceRef` is where `Logger.overrideLogger` keeps it.
const NestLogger = Logger as unknown as { staticInstanceRef?: LoggerService };

/** Sends framework lines to the booting emulator's logger and everything else to the logger the process had. */
class BootRouter implements LoggerService {
  private static active: BootRouter | undefined;
  private static depth = 0;

  private constructor(
    private readonly emulator: EmulatorLoggerService,
    private readonly previous: LoggerService | undefined,
  ) {}

  static install(emulator: EmulatorLoggerService): LoggerService | undefined {
    const previous = BootRouter.active ? BootRouter.active.previous : NestLogger.staticInstanceRef;
    BootRouter.active = new BootRouter(emulator, previous);
    BootRouter.depth += 1;
    Logger.overrideLogger(BootRouter.active);
    return previous;
  }

  static uninstall(previous: LoggerService | undefined): void {
    BootRouter.depth -= 1;
    if (BootRouter.depth > 0) return;
    BootRouter.active = undefined;
    // Only what this router replaced is put back: a logger the host installed meanwhile stays.
    if (NestLogger.staticInstanceRef instanceof BootRouter) NestLogger.staticInstanceRef = previous;
  }

  log(...params: unknown[]): void {
    this.route('log', params);
  }

  error(...params: unknown[]): void {
    this.route('error', params);
  }

  warn(...params: unknown[]): void {
    this.route('warn', params);
  }

  debug(...params: unknown[]): void {
    this.route('debug', params);
  }

  verbose(...params: unknown[]): void {
    this.route('verbose', params);
  }

  fatal(...params: unknown[]): void {
    this.route('fatal', params);
  }

  private route(method: LogMethod, params: unknown[]): void {
    const context = params.at(-1);
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) {
      this.emulator.frameworkLine(method, params);
      return;
    }
    const [message, ...rest] = params;
    this.previous?.[method]?.(message, ...rest);
  }
}
