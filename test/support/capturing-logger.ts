import type { LoggerService, LogLevel } from '@nestjs/common';
import { inspect } from 'node:util';

/** One call to the logger: its level and everything passed, rendered as a log line would show it. */
export interface CapturedLine {
  level: LogLevel;
  text: string;
}

/**
 * A Nest `LoggerService` that records every call at every level (it has no level of its own, so Nest hands it
 * everything), rendering each argument deeply: error objects with their stack and `cause`, objects with every
 * property. What it records is what any real logger could have printed.
 */
export class CapturingLogger implements LoggerService {
  readonly lines: CapturedLine[] = [];

  log(...parts: unknown[]): void {
    this.keep('log', parts);
  }
  error(...parts: unknown[]): void {
    this.keep('error', parts);
  }
  warn(...parts: unknown[]): void {
    this.keep('warn', parts);
  }
  debug(...parts: unknown[]): void {
    this.keep('debug', parts);
  }
  verbose(...parts: unknown[]): void {
    this.keep('verbose', parts);
  }
  fatal(...parts: unknown[]): void {
    this.keep('fatal', parts);
  }

  /** How many lines were logged at `level`. */
  count(level: LogLevel): number {
    return this.lines.filter((line) => line.level === level).length;
  }

  /** Everything logged, one line per call; from the line at index `from` on when given. */
  text(from = 0): string {
    return this.lines
      .slice(from)
      .map((line) => `[${line.level}] ${line.text}`)
      .join('\n');
  }

  private keep(level: LogLevel, parts: unknown[]): void {
    const text = parts
      // Nest's `Logger#error` passes `undefined` for a missing stack: nothing a printed line would show.
      .filter((part) => part !== undefined)
      .map((part) => (typeof part === 'string' ? part : inspect(part, { depth: 8, showHidden: true })))
      .join(' ');
    this.lines.push({ level, text });
  }
}
