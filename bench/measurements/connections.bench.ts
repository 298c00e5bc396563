import { Agent, request } from 'undici';
import type { EmulatorTraffic } from '../processes/emulator.process';
import type { BenchEnvironment } from '../support/bench-environment.interface';
import type { BenchRow } from '../support/bench-row.interface';
import { createIdScanContext } from '../support/id-scan-context.util';
import { runSequential } from '../support/load.util';

const CALLS = 1000;

/**
 * TCP connections the emulator accepted for 1000 sequential `getResult` calls from a freshly started module, as the
 * emulator's process counts them (Node's `net.server.socket` channel). Keep-alive should make that one.
 */
export async function measureConnections(env: BenchEnvironment): Promise<BenchRow[]> {
  const { emulator, transactionId, resultId, resultUrl, token } = env;

  const context = await createIdScanContext({
    keyId: emulator.info.keyId,
    secret: emulator.info.secret,
    baseUrl: emulator.info.url,
  });
  await emulator.call('resetTraffic');
  try {
    await runSequential(() => context.service.getResult(transactionId, resultId), CALLS);
  } finally {
    await context.close();
  }
  const ours = await emulator.call<EmulatorTraffic>('traffic');

  const dispatcher = new Agent();
  await emulator.call('resetTraffic');
  try {
    await runSequential(async () => {
      const { body } = await request(resultUrl, {
        headers: { authorization: `Bearer ${token}` },
        dispatcher,
      });
      await body.json();
    }, CALLS);
  } finally {
    await dispatcher.close();
  }
  const baseline = await emulator.call<EmulatorTraffic>('traffic');

  if (ours.api.requests !== CALLS || baseline.api.requests !== CALLS) {
    throw new Error(
      `the emulator saw ${ours.api.requests} and ${baseline.api.requests} requests where ${CALLS} were sent`,
    );
  }
  return [
    {
      measure: `TCP connections the emulator accepted for ${CALLS} sequential getResult calls`,
      unit: 'connections',
      ours: ours.api.connections,
      baseline: baseline.api.connections,
      baselineName: 'raw undici',
      target: { kind: 'ours-exactly', value: 1 },
    },
  ];
}
