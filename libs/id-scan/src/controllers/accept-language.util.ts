/**
 * The best of `supported` for an `Accept-Language` header (RFC 9110 quality values; `nl-BE` matches `nl`), or the
 * first of `supported` when nothing matches.
 */
export function pickLanguage<T extends string>(header: string | undefined, supported: readonly T[]): T {
  const ranges = (header ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((range) => range.tag !== '' && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return supported[0];
    const match = supported.find((language) => tag === language || tag.startsWith(`${language}-`));
    if (match) return match;
  }
  return supported[0];
}
