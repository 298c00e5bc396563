/**
 * Whether an `Accept` header asks for JSON rather than a page: a JSON media type (`application/json` or any
 * `+json`) with a higher quality than `text/html`. Wildcards (`*\/*`) count for neither, so a browser, a webview
 * that sends `*\/*`, or a missing header all get the page a person can read.
 */
export function prefersJson(header: string | undefined): boolean {
  let json = 0;
  let html = 0;
  for (const part of (header ?? '').split(',').slice(0, 20)) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const quality = q === undefined ? 1 : Number(q);
    const mediaType = type.trim();
    if (mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType)) {
      json = Math.max(json, quality);
    } else if (mediaType === 'text/html') {
      html = Math.max(html, quality);
    }
  }
  return json > 0 && json > html;
}
