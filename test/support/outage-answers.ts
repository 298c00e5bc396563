/**
 * A correctness bound, not a benchmark: while Redis (the store's or the queue's) is away a signal is answered after
 * about the store's command timeout (1 s) or the queue's call bound (1.5 s), where without those bounds it would wait
 * for the connection forever (ioredis queues the command until Redis is back). The ceiling is far above both bounds,
 * so a machine busy with other work cannot reach it, and far below Jest's test timeout (30 s), so a hang still fails
 * here with the measured time rather than as a timeout.
 */
export const OUTAGE_BOUND_MS = 10_000;

/** Runs `call` and says how long it took. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

/** Sends a signal and checks the JSON outage answer: 503 `store_unavailable` with `Retry-After`, within the bound. */
export async function expectStoreUnavailable(send: () => Promise<Response>): Promise<void> {
  const { value: response, ms } = await timed(send);
  expect(response.status).toBe(503);
  expect(response.headers.get('retry-after')).toBe('5');
  await expect(response.json()).resolves.toMatchObject({ statusCode: 503, code: 'store_unavailable' });
  expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
}

/** Sends a return-URL signal and checks the person lands on the failure page with `error=store_unavailable`, in time. */
export async function expectFailurePageForOutage(send: () => Promise<Response>, transactionId: string): Promise<void> {
  const { value: response, ms } = await timed(send);
  expect(response.status).toBe(302);
  expect(response.headers.get('location')).toBe(
    `/verification-failed?transactionId=${transactionId}&error=store_unavailable`,
  );
  expect(ms).toBeLessThan(OUTAGE_BOUND_MS);
}
