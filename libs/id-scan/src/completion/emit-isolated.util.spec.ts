import { Injectable, type LoggerService } from '@nestjs/common';
import { EventEmitter2, EventEmitterModule, OnEvent } from '@nestjs/event-emitter';
import { Test, type TestingModule } from '@nestjs/testing';
import { emitIsolated } from './emit-isolated.util';

class RecordingLogger implements LoggerService {
  readonly errors: { message: string; stack?: string }[] = [];
  log(): void {}
  warn(): void {}
  error(message: string, stack?: string): void {
    this.errors.push({ message, stack });
  }
}

// Listeners here deliberately return promises (and rejections) where EventEmitter2's types expect void.
/* eslint-disable @typescript-eslint/no-misused-promises */
describe('emitIsolated', () => {
  it('runs every listener although earlier ones throw synchronously or reject, and logs each failure with its stack', async () => {
    const emitter = new EventEmitter2();
    const logger = new RecordingLogger();
    const received: string[] = [];
    emitter.on('thing.done', () => {
      throw new Error('sync boom');
    });
    emitter.on('thing.done', (payload: string) => {
      received.push(`second:${payload}`);
    });
    emitter.on('thing.done', () => Promise.reject(new Error('async boom')));
    emitter.on('thing.done', async (payload: string) => {
      await Promise.resolve();
      received.push(`fourth:${payload}`);
    });

    const outcome = await emitIsolated(emitter, 'thing.done', 'p', logger);
    expect(outcome).toMatchObject({ listeners: 4, failures: 2 });
    expect((outcome.lastError as Error).message).toBe('async boom');

    expect(received).toEqual(['second:p', 'fourth:p']);
    expect(logger.errors.map((e) => e.message)).toEqual([
      'A listener of thing.done failed: sync boom',
      'A listener of thing.done failed: async boom',
    ]);
    expect(logger.errors[0].stack).toContain('sync boom');
  });

  it('waits for asynchronous listeners before resolving', async () => {
    const emitter = new EventEmitter2();
    let finished = false;
    emitter.on('slow', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
    });
    await expect(emitIsolated(emitter, 'slow', {}, new RecordingLogger())).resolves.toEqual({
      listeners: 1,
      failures: 0,
    });
    expect(finished).toBe(true);
  });

  it('honours once(), onAny() and wildcard listeners the way emit() does', async () => {
    const emitter = new EventEmitter2({ wildcard: true });
    const seen: string[] = [];
    emitter.once('id-scan.transaction.completed', () => seen.push('once'));
    emitter.on('id-scan.*.completed', () => seen.push('wildcard'));
    emitter.onAny((event) => seen.push(`any:${String(event)}`));

    await emitIsolated(emitter, 'id-scan.transaction.completed', {}, new RecordingLogger());
    await emitIsolated(emitter, 'id-scan.transaction.completed', {}, new RecordingLogger());

    expect(seen.sort()).toEqual(
      ['any:id-scan.transaction.completed', 'any:id-scan.transaction.completed', 'once', 'wildcard', 'wildcard'].sort(),
    );
  });

  describe('with @nestjs/event-emitter', () => {
    let moduleRef: TestingModule | undefined;
    afterEach(() => moduleRef?.close());

    it('isolates @OnEvent handlers registered with suppressErrors: false', async () => {
      @Injectable()
      class Listeners {
        readonly calls: string[] = [];

        @OnEvent('order.verified', { suppressErrors: false })
        failing(): void {
          throw new Error('listener exploded');
        }

        @OnEvent('order.verified', { suppressErrors: false })
        async failingAsync(): Promise<void> {
          await Promise.resolve();
          throw new Error('async listener exploded');
        }

        @OnEvent('order.verified')
        working(payload: { id: string }): void {
          this.calls.push(payload.id);
        }
      }

      moduleRef = await Test.createTestingModule({
        imports: [EventEmitterModule.forRoot()],
        providers: [Listeners],
      }).compile();
      await moduleRef.init();
      const logger = new RecordingLogger();
      const outcome = await emitIsolated(moduleRef.get(EventEmitter2), 'order.verified', { id: 'x' }, logger);
      expect(outcome.failures).toBe(2);
      expect(moduleRef.get(Listeners).calls).toEqual(['x']);
      expect(logger.errors.map((e) => e.message).sort()).toEqual([
        'A listener of order.verified failed: async listener exploded',
        'A listener of order.verified failed: listener exploded',
      ]);
    });
  });

  it('resolves at once when nobody listens', async () => {
    await expect(emitIsolated(new EventEmitter2(), 'nobody', {}, new RecordingLogger())).resolves.toEqual({
      listeners: 0,
      failures: 0,
    });
  });
});
