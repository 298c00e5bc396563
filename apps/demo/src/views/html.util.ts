import escapeHtml from 'escape-html';

/**
 * A fragment of HTML that is already safe to insert as is. Only the {@link html} tag and {@link raw} make one, so
 * every other value that reaches a page goes through the escaper.
 */
export class SafeHtml {
  constructor(private readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

/**
 * What a template may interpolate: text and numbers are escaped, fragments kept, and `null`, `undefined` and booleans
 * dropped (so `${cond && html`...`}` works).
 */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template for HTML: every interpolated value is escaped unless it is itself a {@link SafeHtml} fragment, and
 * arrays are concatenated. Attribute values must be quoted in the template (`href="${url}"`), which the escaping of
 * `"` and `'` makes safe.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, index) => {
    out += render(value) + strings[index + 1];
  });
  return new SafeHtml(out);
}

/** Marks trusted markup (never anything derived from input) as safe. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}
