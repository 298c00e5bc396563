import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { request } from 'undici';
import type { IdScanTransactionResult } from 'nestjs-id-scan';
import { measureConnections } from './measurements/connections.bench';
import { measureDownload } from './measurements/download.bench';
import { measureFirstDownload } from './measurements/first-download.bench';
import { measureGetResult } from './measurements/get-result.bench';
import { measureRepeatedSignals } from './measurements/repeated-signals.bench';
import { measureReturnRoute } from './measurements/return-route.bench';
import { measureSignatures } from './measurements/signatures.bench';
import { measureUploadEventLoop } from './measurements/upload-event-loop.bench';
import type { EmulatorCompletionSummary, EmulatorWorkerInfo } from './processes/emulator.process';
import type { BenchEnvironment } from './support/bench-environment.interface';
import type { BenchRow } from './support/bench-row.interface';
import { BenchWorker } from './support/bench-worker.util';
import { handSignedToken } from './support/hand-signed-token.util';
import { createIdScanContext } from './support/id-scan-context.util';
import { resultsTable, targetMet } from './support/results-table.util';

/** The measurements, by the name `npm run bench -- <name>...` selects them with (all when none is given). */
const MEASUREMENTS: Record<string, (env: BenchEnvironment, documentImageUrl: string) => Promise<BenchRow[]>> = {
  'get-result': measureGetResult,
  connections: measureConnections,
  signatures: measureSignatures,
  download: measureDownload,
  'return-route': measureReturnRoute,
  'repeated-signals': measureRepeatedSignals,
  'first-download': measureFirstDownload,
  'upload-event-loop': measureUploadEventLoop,
};

/** Starts the emulator worker and prepares the completed transaction every measurement reads. */
async function prepare(emulator: BenchWorker<EmulatorWorkerInfo>): Promise<[BenchEnvironment, string]> {
  const { url, keyId, secret } = emulator.info;
  const context = await createIdScanContext({ keyId, secret, baseUrl: url });
  try {
    const transaction = await context.service.createTransaction({
      tasks: ['document_scan', 'face_liveness', 'face_match'],
    });
    const [completion] = await emulator.call<EmulatorCompletionSummary[]>('complete', {
      transactionIds: [transaction.id],
    });
    const result: IdScanTransactionResult = await context.service.getResult(transaction.id, completion.resultId);
    const documentImage = result.tasks
      .find((task) => task.type === 'document_scan')
      ?.files?.find((file) => file.category === 'document')?.url;
    if (!documentImage) throw new Error('the result has no document image');

    const token = await handSignedToken(keyId, secret);
    const resultUrl = `${url}transactions/${transaction.id}/results/${completion.resultId}`;
    const { body } = await request(resultUrl, {
      headers: { authorization: `Bearer ${token}` },
    });
    const resultBytes = Buffer.byteLength(await body.text());
    const resultFields = result.tasks.reduce((sum, task) => sum + (task.result?.length ?? 0), 0);
    return [
      {
        emulator,
        token,
        transactionId: transaction.id,
        resultId: completion.resultId,
        resultUrl,
        resultFields,
        resultBytes,
      },
      documentImage,
    ];
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const selected = process.argv.slice(2);
  const unknown = selected.filter((name) => !(name in MEASUREMENTS));
  if (unknown.length > 0) {
    throw new Error(`unknown measurement ${unknown.join(', ')}; choose from ${Object.keys(MEASUREMENTS).join(', ')}`);
  }
  const names = selected.length > 0 ? selected : Object.keys(MEASUREMENTS);
  const loadBefore = loadavg()[0];
  const started = Date.now();

  const emulator = await BenchWorker.start<EmulatorWorkerInfo>('emulator.process');
  const rows: BenchRow[] = [];
  try {
    const [env, documentImageUrl] = await prepare(emulator);
    for (const name of names) {
      process.stderr.write(`measuring ${name}...\n`);
      rows.push(...(await MEASUREMENTS[name](env, documentImageUrl)));
    }
  } finally {
    await emulator.stop();
  }

  const withTarget = rows.filter((row) => targetMet(row) !== undefined);
  const met = withTarget.filter((row) => targetMet(row) === true).length;
  const cores = cpus();
  const report = [
    `## nestjs-id-scan benchmarks`,
    '',
    `${new Date(started).toISOString()}; ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `Node ${process.version}; load average ${loadBefore.toFixed(2)} at the start, ` +
      `${loadavg()[0].toFixed(2)} at the end; ${Math.round((Date.now() - started) / 1000)} s.`,
    '',
    resultsTable(rows),
    '',
    `${met} of ${withTarget.length} targets met.`,
  ].join('\n');
  process.stdout.write(`${report}\n`);
  writeFileSync(join(__dirname, 'last-run.md'), `${report}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${inspect(error, { depth: 4 })}\n`);
  process.exitCode = 1;
});
