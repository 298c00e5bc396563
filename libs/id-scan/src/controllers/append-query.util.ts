/**
 * Appends query parameters to a host-relative path without re-parsing it: a URL parser would normalise the path
 * (backslashes to slashes, dot segments) and could turn a safe path into a protocol-relative URL.
 */
export function appendQuery(path: string, params: Record<string, string>): string {
  const hashAt = path.indexOf('#');
  const base = hashAt === -1 ? path : path.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : path.slice(hashAt);
  const query = new URLSearchParams(params).toString();
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${query}${hash}`;
}
