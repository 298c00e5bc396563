/**
 * The list started at a different place each round, so that contestants taking turns do not always run in the same
 * order (the first after a pause, the last before one).
 */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const start = by % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}
