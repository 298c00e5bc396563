import type { LoggerService } from '@nestjs/common';
import { inspect } from 'node:util';

/** A Nest logger for specs that keeps every line, so a spec can assert what was (and was not) logged. */
export class CaptureLogger implements LoggerService {
  readonly lines: { level: string; text: string }[] = [];

  log = this.keep('log');
  error = this.keep('error');
  warn = this.keep('warn');
  debug = this.keep('debug');
  verbose = this.keep('verbose');
  fatal = this.keep('fatal');

  /** Every line at `level`. */
  at(level: string): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.text);
  }

  /** Everything logged, as one string. */
  all(): string {
    return this.lines.map((line) => line.text).join('\n');
  }

  private keep(level: string) {
    return (...parts: unknown[]): void => {
      this.lines.push({ level, text: parts.map((p) => (typeof p === 'string' ? p : inspect(p))).join(' ') });
    };
  }
}
