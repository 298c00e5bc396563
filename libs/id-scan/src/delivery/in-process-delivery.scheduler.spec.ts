import type { IdScanDeliveryJob } from './id-scan-delivery-job.interface';
import { InProcessDeliveryScheduler, type DeliveryAttemptOutcome } from './in-process-delivery.scheduler';

const job: IdScanDeliveryJob = { kind: 'expired', transactionId: 't-1' };

/** A runner answering `outcomes` in turn, resolving `settled` once the last one was given. */
function scripted(outcomes: DeliveryAttemptOutcome[]) {
  const attempts: number[] = [];
  let settle: () => void = () => undefined;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const run = (_: IdScanDeliveryJob, attempt: number): Promise<DeliveryAttemptOutcome> => {
    attempts.push(attempt);
    const outcome = outcomes[attempt - 1] ?? 'failed';
    if (attempt === outcomes.length) settle();
    return Promise.resolve(outcome);
  };
  return { attempts, run, settled };
}

describe('InProcessDeliveryScheduler', () => {
  it('retries after each delay until an attempt is delivered, and stops there', async () => {
    const { attempts, run, settled } = scripted(['retry', 'retry', 'delivered']);
    const scheduler = new InProcessDeliveryScheduler([5, 5, 5], run);
    await scheduler.start(job);
    expect(attempts).toEqual([1]);
    expect(scheduler.backlog).toBe(1);
    await settled;
    // The scheduler books the attempt's end once the runner's promise has resolved.
    await new Promise((resolve) => setImmediate(resolve));
    expect(attempts).toEqual([1, 2, 3]);
    expect(scheduler.backlog).toBe(0);
  });

  it('makes one attempt per delay plus the first, and none after a final failure', async () => {
    const { attempts, run, settled } = scripted(['retry', 'retry', 'failed']);
    const scheduler = new InProcessDeliveryScheduler([1, 1], run);
    await scheduler.start(job);
    await settled;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(attempts).toEqual([1, 2, 3]);
    expect(scheduler.backlog).toBe(0);
  });

  it('uses the runner given for the first attempt only', async () => {
    const { attempts, run, settled } = scripted(['retry', 'delivered']);
    const first = jest.fn((): Promise<DeliveryAttemptOutcome> => Promise.resolve('retry'));
    const scheduler = new InProcessDeliveryScheduler([1], run);
    await scheduler.start(job, first);
    expect(first).toHaveBeenCalledTimes(1);
    await settled;
    expect(attempts).toEqual([2]);
  });

  it('drops waiting retries on close, so nothing runs after it', async () => {
    const { attempts, run } = scripted(['retry', 'delivered']);
    const scheduler = new InProcessDeliveryScheduler([30], run);
    await scheduler.start(job);
    expect(scheduler.backlog).toBe(1);
    scheduler.close();
    expect(scheduler.backlog).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(attempts).toEqual([1]);
  });
});
