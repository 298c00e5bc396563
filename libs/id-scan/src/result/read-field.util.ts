import type { IdScanResultField, IdScanTransactionResult } from '../interfaces/id-scan-api.interface';

/** Options of {@link readField}. */
export interface ReadFieldOptions {
  /**
   * Read the localised copy printed on the document in this locale (such as `nl-NL`) instead of the normalised
   * value. Compared without regard to case. Without it, localised copies are ignored.
   */
  locale?: string;
}

const SOURCE_PREFERENCE = ['mrz', 'visual'];

/**
 * The value of a result field by the rule of docs/id-scan-api.md §B4: among the entries with `locale: null`, the `mrz`
 * value when there is one (the most reliable source), else the `visual` one, else the first. With
 * `options.locale`, the same rule among the entries of that locale only.
 *
 * @param name the field name, such as `document_number` or `given_names`
 * @returns the value, or `undefined` when the result does not have the field
 */
export function readField(
  result: IdScanTransactionResult,
  name: string,
  options: ReadFieldOptions = {},
): string | undefined {
  const locale = options.locale?.toLowerCase();
  const entries = fieldEntries(result).filter(
    (entry) =>
      entry.field === name && (locale === undefined ? entry.locale == null : entry.locale?.toLowerCase() === locale),
  );
  const values = entries.flatMap((entry) => (Array.isArray(entry.values) ? entry.values : []));
  const usable = values.filter((v) => typeof v?.value === 'string');
  for (const source of SOURCE_PREFERENCE) {
    const match = usable.find((v) => v.source === source);
    if (match) return match.value;
  }
  return usable[0]?.value;
}

/** Every field entry of every task of the result, in order. */
export function fieldEntries(result: IdScanTransactionResult): IdScanResultField[] {
  return (result?.tasks ?? []).flatMap((task) => (Array.isArray(task.result) ? task.result : []));
}
