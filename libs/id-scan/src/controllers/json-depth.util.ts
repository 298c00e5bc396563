/** The deepest nesting of objects and arrays the package's routes accept in a body or query. */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `value` nests objects or arrays more than `maxDepth` levels deep (the outermost object is level 1).
 * Walks the value with an explicit stack rather than recursion, so a hostile body cannot overflow the call stack
 * here, and stops at the first level too deep.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
