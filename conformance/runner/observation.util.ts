import type { CheckObservation } from '../checks/conformance-check.interface';
import type { ProbeAnswer } from './api-probe.client';

// Everything here turns answers into report text. Only statuses, enum-like words, key names and types get through:
// the report may be pasted into a public issue (see the README's "Conformance kit").

const WORD = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** `value` when it is a short enum-like word (an error code, a state), else a placeholder naming its type. */
export function safeWord(value: unknown): string {
  if (typeof value === 'string') return WORD.test(value) ? value : '<string>';
  return `<${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}>`;
}

/** The shape of a JSON value: key names and types, never the values. */
export function shapeOf(value: unknown, depth = 0): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return depth >= 3 ? `array(${value.length})` : `array(${value.length}) of ${shapeOf(value[0], depth + 1)}`;
  }
  if (typeof value === 'object') {
    if (depth >= 3) return 'object';
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${safeWord(key)}: ${shapeOf(item, depth + 1)}`).join(', ')}}`;
  }
  return typeof value;
}

/** The `code` of an error body, when the body has one. */
export function errorCode(answer: ProbeAnswer): string | undefined {
  const code = isRecord(answer.json) ? answer.json.code : undefined;
  return typeof code === 'string' ? safeWord(code) : undefined;
}

/** An answer in a few words: status, then the error code or the media type. */
export function describeAnswer(answer: ProbeAnswer): string {
  const code = errorCode(answer);
  if (code !== undefined) return `${answer.status} ${code}`;
  return answer.contentType ? `${answer.status} (${answer.contentType})` : String(answer.status);
}

/** Passes when the answer has exactly this status. */
export function expectStatus(answer: ProbeAnswer, status: number): CheckObservation {
  return { passed: answer.status === status, expected: String(status), seen: describeAnswer(answer) };
}

/** Passes when the API refused the request as the client's fault (any 4xx but 401/403, which would be auth). */
export function expectRefused(answer: ProbeAnswer): CheckObservation {
  const passed = answer.status >= 400 && answer.status < 500 && answer.status !== 401 && answer.status !== 403;
  return { passed, expected: 'refused with a 4xx (not 401/403)', seen: describeAnswer(answer) };
}

/** Combines partial findings into one observation: passes when each does; lists the expectations and what differed. */
export function allOf(parts: { label: string; passed: boolean; seen: string }[]): CheckObservation {
  const failed = parts.filter((part) => !part.passed);
  return {
    passed: failed.length === 0,
    expected: parts.map((part) => part.label).join('; '),
    seen: failed.length === 0 ? 'as expected' : failed.map((part) => `${part.label}: ${part.seen}`).join('; '),
  };
}

/** Whether `value` is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
