import type { ConformanceRun } from '../runner/conformance.runner';
import { VERDICT_LABELS } from './drift-report.writer';

/** A run as a plain-text table for the terminal: one line per check, then expected vs seen under each failure. */
export function resultsTable(run: ConformanceRun): string {
  const rows = run.results.map((result) => [
    VERDICT_LABELS[result.verdict],
    result.id,
    `${result.basis} §${result.section}`,
    result.cost,
  ]);
  const header = ['verdict', 'check', 'rests on', 'cost'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((text, column) => text.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((width) => '-'.repeat(width)))];
  run.results.forEach((result, index) => {
    out.push(line(rows[index]));
    if (result.verdict === 'fail') out.push(`    expected ${result.expected}`, `    seen     ${result.seen}`);
    if (result.verdict === 'not_checkable') out.push(`    ${result.seen}`);
  });
  const failed = run.results.filter((result) => result.verdict === 'fail').length;
  const unsure = run.results.filter((result) => result.verdict === 'not_checkable').length;
  out.push(
    '',
    `${run.mode} run against ${run.target}: ${run.results.length - failed - unsure} pass, ${failed} fail, ` +
      `${unsure} not checkable`,
  );
  return out.join('\n');
}
