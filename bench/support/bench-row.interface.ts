/**
 * What a measurement must reach:
 * - `ratio-at-most` / `ratio-at-least`: ours divided by the baseline's figure, measured in the same run;
 * - `ours-at-most` / `ours-exactly`: our figure itself (a count or an amount of memory).
 */
export interface BenchTarget {
  kind: 'ratio-at-most' | 'ratio-at-least' | 'ours-at-most' | 'ours-exactly';
  value: number;
}

/** One line of the results table. */
export interface BenchRow {
  /** What was measured, and how. */
  measure: string;
  /** The unit of {@link ours} and {@link baseline}. */
  unit: string;
  /** Who {@link ours} belongs to. @default 'nestjs-id-scan' */
  subject?: string;
  /** The figure of {@link subject}. */
  ours: number;
  /** The baseline's figure, measured in the same run. */
  baseline: number;
  /** Which baseline (for the reference rows, which compare two baselines). */
  baselineName: string;
  /** Omitted for rows that only inform. */
  target?: BenchTarget;
  /** Decimals to print the figures with. @default 0 */
  decimals?: number;
}
