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
