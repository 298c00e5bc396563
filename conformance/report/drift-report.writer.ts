import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, ConformanceRun } from '../runner/conformance.runner';

/** Where {@link writeDriftReport} put the report. */
export interface DriftReportFiles {
  markdown: string;
  json: string;
}

const REFERENCE = 'docs/id-scan-api.md';

/**
 * Writes a run as `drift-report.md` (for a person, and for pasting into an issue) and `drift-report.json` (for
 * tools) into `directory`. Both hold what the run results hold: statuses, codes, key names and shapes, never a
 * token, a secret or personal data.
 */
export async function writeDriftReport(run: ConformanceRun, directory: string): Promise<DriftReportFiles> {
  await mkdir(directory, { recursive: true });
  const files = { markdown: join(directory, 'drift-report.md'), json: join(directory, 'drift-report.json') };
  await writeFile(files.markdown, renderDriftReport(run));
  await writeFile(files.json, `${JSON.stringify(driftReportJson(run), null, 2)}\n`);
  return files;
}

/** The JSON form: the run, the counts, and for each failure what to revisit. */
export function driftReportJson(run: ConformanceRun) {
  return {
    mode: run.mode,
    target: run.target,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    counts: counts(run.results),
    created: createdSummary(run),
    checks: run.results.map((result) => ({
      ...result,
      reference: `${REFERENCE} §${result.section}`,
      revisit: result.verdict === 'fail' ? revisit(result) : undefined,
    })),
  };
}

/** The markdown form. */
export function renderDriftReport(run: ConformanceRun): string {
  const tally = counts(run.results);
  const failures = run.results.filter((result) => result.verdict === 'fail');
  const lines = [
    `# ID Scan conformance: drift report`,
    '',
    `- Target: ${run.target} (${run.mode} mode)`,
    `- Run: ${run.startedAt} to ${run.finishedAt}`,
    `- Checks: ${tally.pass} pass, ${tally.fail} fail, ${tally.not_checkable} not checkable`,
    `- Created: ${describeCreated(run)}`,
    '',
  ];
  if (failures.length > 0) {
    lines.push('## What to revisit', '');
    for (const [basis, heading] of [
      ['assumption', "Failed assumptions: change the API reference's Part B section, then the emulator"],
      ['documented', 'Failed documented behaviour: the API, its documentation or the package changed'],
    ] as const) {
      const group = failures.filter((result) => result.basis === basis);
      if (group.length === 0) continue;
      lines.push(`### ${heading}`, '');
      for (const result of group) {
        lines.push(
          `- **${result.id}** (${REFERENCE} §${result.section}): expected ${result.expected}; seen ${result.seen}.`,
          `  Emulator behaviour to revisit: ${result.emulator}.`,
        );
      }
      lines.push('');
    }
  }
  lines.push(
    '## Every check',
    '',
    '| verdict | check | rests on | cost | expected | seen |',
    '|---|---|---|---|---|---|',
    ...run.results.map(
      (result) =>
        `| ${VERDICT_LABELS[result.verdict]} | ${cell(result.id)}: ${cell(result.title)} | ${result.basis} §${result.section} | ` +
        `${result.cost} | ${cell(result.expected)} | ${cell(result.seen)} |`,
    ),
    '',
  );
  return lines.join('\n');
}

/** Labels of the verdicts, as tables print them. */
export const VERDICT_LABELS: Record<CheckResult['verdict'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  not_checkable: 'not checkable',
};

function revisit(result: CheckResult): { section: string; emulator: string } {
  return { section: `${REFERENCE} §${result.section}`, emulator: result.emulator };
}

function counts(results: CheckResult[]): Record<CheckResult['verdict'], number> {
  const tally = { pass: 0, fail: 0, not_checkable: 0 };
  for (const result of results) tally[result.verdict]++;
  return tally;
}

/**
 * What the run created, in counts. Only the ids of webhooks left behind are named, so that someone can delete them;
 * the transaction is left to expire and needs no id here.
 */
function createdSummary({ created }: ConformanceRun) {
  return {
    transactions: created.transactions,
    unplannedTransactions: created.unplannedTransactions,
    webhooks: created.webhooksCreated.length,
    webhooksLeft: created.webhooksCreated.filter((id) => !created.webhooksDeleted.includes(id)),
  };
}

function describeCreated(run: ConformanceRun): string {
  const created = createdSummary(run);
  const left = created.webhooksLeft;
  return [
    `${created.transactions} transaction(s) as planned`,
    `${created.unplannedTransactions} by requests expected to be refused`,
    `${created.webhooks} webhook(s), ${left.length === 0 ? 'all deleted' : `${left.length} left: ${left.join(', ')}`}`,
  ].join('; ');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
