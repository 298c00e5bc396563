export type {
  IdScanCheckState,
  IdScanVerdict,
  IdScanVerdictChecks,
  IdScanVerdictOptions,
  IdScanVerdictOutcome,
  IdScanVerdictReason,
  IdScanVerdictReasonCode,
} from './id-scan-verdict.interface';
export { readField, type ReadFieldOptions } from './read-field.util';
export { summarizeResult, type IdScanResultSummary } from './summarize-result.util';
export { verdictOf } from './verdict-of.util';
