import type { IdScanTransactionResult } from 'nestjs-id-scan';

/** Something that must never appear in a log line, an error message or console output. */
export interface ForbiddenValue {
  /** What kind of value it is, for the failure message: `secret`, `webhook secret`, `surname`, ... */
  kind: string;
  value: string;
}

/** A forbidden value found in a text. */
export interface Leak {
  kind: string;
  /** The value, masked past its first characters so the test report does not repeat it whole. */
  masked: string;
  /** The text around the find, masked the same way. */
  context: string;
}

/** Any JSON Web Token, signed or not. */
export const JWT_PATTERN = /eyJ[\w-]+\.[\w-]+\.[\w-]*/g;

function mask(value: string): string {
  return value.length <= 3 ? '***' : `${value.slice(0, 2)}***`;
}

/**
 * Finds every forbidden value (case-insensitively, for names written in capitals in an MRZ) and every JWT in
 * `text`. Empty values and values shorter than 4 characters are refused up front: they would match by chance.
 * @throws RangeError for a forbidden value too short to search for.
 */
export function findLeaks(text: string, forbidden: readonly ForbiddenValue[]): Leak[] {
  const leaks: Leak[] = [];
  const haystack = text.toLowerCase();
  for (const { kind, value } of forbidden) {
    if (value.length < 4)
      throw new RangeError(`a forbidden ${kind} of ${value.length} characters would match by chance`);
    const at = haystack.indexOf(value.toLowerCase());
    if (at !== -1) {
      leaks.push({
        kind,
        masked: mask(value),
        context: text
          .slice(Math.max(0, at - 60), at + value.length + 60)
          .replaceAll(text.slice(at, at + value.length), mask(value)),
      });
    }
  }
  for (const match of text.matchAll(JWT_PATTERN)) {
    leaks.push({
      kind: 'JWT',
      masked: mask(match[0]),
      context: mask(match[0]),
    });
  }
  return leaks;
}

/** The result fields that are personal data, and how a leak of each is reported. */
export const PERSONAL_FIELDS: Readonly<Record<string, string>> = {
  given_names: 'given names',
  surname: 'surname',
  document_number: 'document number',
  personal_number: 'personal number',
  date_of_birth: 'date of birth',
};

/**
 * What of a result must never leave it: every personal field's values, each part of a name on its own, and the token
 * that ends each file's download URL. Values too short to search for are left out.
 */
export function personalDataOf(result: IdScanTransactionResult): ForbiddenValue[] {
  const found: ForbiddenValue[] = [];
  const add = (kind: string, value: string | undefined): void => {
    if (value !== undefined && value.length >= 4) found.push({ kind, value });
  };
  for (const task of result.tasks) {
    for (const field of task.result ?? []) {
      const kind = PERSONAL_FIELDS[field.field];
      if (!kind) continue;
      for (const { value } of field.values) {
        add(kind, value);
        if (kind === 'given names' || kind === 'surname') {
          for (const part of value.split(/[\s<-]+/)) add(kind, part);
        }
      }
    }
    for (const file of task.files ?? []) add('download token', file.url?.split('/').pop());
  }
  return found;
}
