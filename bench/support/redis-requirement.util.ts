import { findRedisServer } from '../../test/support/redis-server';
import type { SoakReport } from './soak-report.interface';

/**
 * The report of a soak part that needs `redis-server` when it is not installed, or `undefined` when it is. Under
 * `CI=true` a missing server throws instead, so that the part never passes silently there.
 */
export function skippedWithoutRedis(title: string): SoakReport | undefined {
  if (findRedisServer()) return undefined;
  const message = 'redis-server was not found; run scripts/install-system-deps.sh to install it';
  if (process.env.CI === 'true') throw new Error(message);
  return { title, lines: [], checks: [], skipped: message };
}
