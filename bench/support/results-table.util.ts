import type { BenchRow, BenchTarget } from './bench-row.interface';

/** ours / baseline; 1 when both are 0 (two equal counts of nothing). */
export function ratioOf(row: BenchRow): number {
  if (row.baseline === 0) return row.ours === 0 ? 1 : Number.POSITIVE_INFINITY;
  return row.ours / row.baseline;
}

/** Whether the row reaches its target; `undefined` for rows without one. */
export function targetMet(row: BenchRow): boolean | undefined {
  const target = row.target;
  if (!target) return undefined;
  const ratio = ratioOf(row);
  switch (target.kind) {
    case 'ratio-at-most':
      return ratio <= target.value;
    case 'ratio-at-least':
      return ratio >= target.value;
    case 'ours-at-most':
      return row.ours <= target.value;
    case 'ours-exactly':
      return row.ours === target.value;
  }
}

function describeTarget(target: BenchTarget | undefined, unit: string): string {
  if (!target) return '(reference)';
  switch (target.kind) {
    case 'ratio-at-most':
      return `ratio ≤ ${target.value}`;
    case 'ratio-at-least':
      return `ratio ≥ ${target.value}`;
    case 'ours-at-most':
      return `≤ ${target.value} ${unit}`;
    case 'ours-exactly':
      return `= ${target.value}`;
  }
}

function figure(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** The results as a markdown table: figure, baseline, ratio, target, met?. */
export function resultsTable(rows: readonly BenchRow[]): string {
  const lines = [
    '| measure | unit | subject | figure | baseline | baseline figure | ratio | target | met? |',
    '|---|---|---|--:|---|--:|--:|---|:-:|',
  ];
  for (const row of rows) {
    const decimals = row.decimals ?? 0;
    const met = targetMet(row);
    lines.push(
      `| ${row.measure} | ${row.unit} | ${row.subject ?? 'nestjs-id-scan'} | ${figure(row.ours, decimals)} | ` +
        `${row.baselineName} | ` +
        `${figure(row.baseline, decimals)} | ${figure(ratioOf(row), 2)} | ${describeTarget(row.target, row.unit)} | ` +
        `${met === undefined ? '' : met ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}
