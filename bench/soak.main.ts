import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { EmulatorWorkerInfo } from './processes/emulator.process';
import { soakDeliveryChaos } from './soak/delivery-chaos.soak';
import { soakFaultyCalls } from './soak/faulty-calls.soak';
import { soakMultiInstanceCompletions } from './soak/multi-instance-completions.soak';
import { soakStoreOutage } from './soak/store-outage.soak';
import { BENCH_SEED } from './support/bench.constants';
import { BenchWorker } from './support/bench-worker.util';
import type { SoakReport } from './support/soak-report.interface';

/** The soak parts, by the name `npm run soak -- <name>...` selects them with (all when none is given). */
const PARTS: Record<string, (emulator: BenchWorker<EmulatorWorkerInfo>, seed: string) => Promise<SoakReport>> = {
  faults: soakFaultyCalls,
  'multi-instance': soakMultiInstanceCompletions,
  chaos: soakDeliveryChaos,
  'store-outage': soakStoreOutage,
};

function render(report: SoakReport): string {
  const lines = [`### ${report.title}`, ''];
  if (report.skipped) return [...lines, `**SKIPPED**: ${report.skipped}`, ''].join('\n');
  lines.push(...report.lines, '', '| check | result | observed |', '|---|:-:|---|');
  for (const check of report.checks) {
    lines.push(`| ${check.description} | ${check.passed ? 'pass' : '**FAIL**'} | ${check.detail} |`);
  }
  return [...lines, '', ''].join('\n');
}

async function main(): Promise<boolean> {
  const selected = process.argv.slice(2);
  const unknown = selected.filter((name) => !(name in PARTS));
  if (unknown.length > 0)
    throw new Error(`unknown part ${unknown.join(', ')}; choose from ${Object.keys(PARTS).join(', ')}`);
  const names = selected.length > 0 ? selected : Object.keys(PARTS);
  const seed = process.env.SOAK_SEED ?? BENCH_SEED;
  const started = Date.now();

  const report: string[] = [];
  const print = (text: string): void => {
    report.push(text);
    process.stdout.write(text);
  };
  print(
    `## nestjs-id-scan soak\n\n${new Date(started).toISOString()}; ${cpus().length} cores, Node ${process.version}, ` +
      `load average ${loadavg()[0].toFixed(2)}; seed "${seed}" (SOAK_SEED replays a run).\n\n`,
  );
  const emulator = await BenchWorker.start<EmulatorWorkerInfo>('emulator.process');
  let passed = true;
  try {
    for (const name of names) {
      process.stderr.write(`soaking ${name}...\n`);
      const part = await PARTS[name](emulator, seed);
      print(render(part));
      passed &&= part.checks.every((check) => check.passed);
    }
  } finally {
    await emulator.stop();
  }
  print(
    `\n${passed ? 'All checks passed' : 'SOME CHECKS FAILED'} in ${Math.round((Date.now() - started) / 1000)} s.\n`,
  );
  writeFileSync(join(__dirname, 'last-soak.md'), report.join(''));
  return passed;
}

main().then(
  (passed) => {
    process.exitCode = passed ? 0 : 1;
  },
  (error: unknown) => {
    process.stderr.write(`soak failed: ${inspect(error, { depth: 4 })}\n`);
    process.exitCode = 1;
  },
);
