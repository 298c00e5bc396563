export { readField, type ReadFieldOptions } from './read-field.util';
export { summarizeResult, type IdScanResultSummary } from './summarize-result.util';
