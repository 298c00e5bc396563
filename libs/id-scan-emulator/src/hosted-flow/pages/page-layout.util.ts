import { createHash } from 'node:crypto';
import escapeHtml from 'escape-html';
import { FRAME_HEIGHT_SCRIPT } from './frame-height-script.constants';
import { pageMessages } from './page-i18n.constants';
import type { PageLocale } from './pages.interface';

/**
 * `value` safe inside HTML text and quoted attribute values: `&`, `<`, `>`, `"` and `'` become entities.
 */
export function escapeValue(value: string | number): string {
  return escapeHtml(String(value));
}

/**
 * `value` as JSON that is safe inside a `<script>` element: `<`, `>`, `&` and the two JavaScript line
 * separators are written as `\u` escapes, so no value can close the element or start a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `url` when it is an absolute `http:`/`https:` URL or a same-origin path; `undefined` otherwise. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) {
    return undefined;
  }
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) {
    return url;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

// One stylesheet for every page. It never changes at run time, so a Content-Security-Policy can allow it by hash.
const STYLE = `
:root{color-scheme:light;--ink:#111827;--muted:#4b5563;--line:#d1d5db;--bg:#f3f4f6;--card:#fff;--accent:#0f4c5c;
--accent-ink:#fff;--focus:#2563eb;--warn-bg:#fef3c7;--warn-ink:#78350f;--error-bg:#fef2f2;--error-ink:#991b1b}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;background:var(--bg);color:var(--ink);
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.framed body{min-height:0}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--card);padding:.5rem 1rem}
.skip:focus{left:1rem;top:1rem;z-index:1}
.bar{display:flex;align-items:center;gap:.75rem;padding:.75rem 1rem;background:var(--accent);color:var(--accent-ink)}
.brand{font-weight:700;letter-spacing:.01em}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:999px;background:#fbbf24;color:#1f2937;font-size:.8rem;
font-weight:700;text-transform:uppercase;letter-spacing:.05em}
main{flex:1;width:100%;max-width:36rem;margin:0 auto;padding:1.25rem 1rem 2rem}
.notice{margin:0 0 1.25rem;padding:.6rem .8rem;border-radius:.5rem;background:var(--warn-bg);color:var(--warn-ink);
font-size:.875rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.25rem}
h1{margin:0 0 .5rem;font-size:1.5rem;line-height:1.25}
.lead{margin:0 0 1.25rem;color:var(--muted)}
.step{margin:0 0 .25rem;color:var(--muted);font-size:.875rem;font-weight:600}
progress{display:block;width:100%;height:.375rem;margin:0 0 1rem;border:0;border-radius:999px;overflow:hidden;
background:var(--line);color:var(--accent);-webkit-appearance:none;appearance:none}
progress::-webkit-progress-bar{background:var(--line)}
progress::-webkit-progress-value{background:var(--accent)}
progress::-moz-progress-bar{background:var(--accent)}
fieldset{margin:0 0 1.25rem;padding:0;border:0}
legend{padding:0;margin-bottom:.25rem;font-weight:700}
.help{margin:0 0 .75rem;color:var(--muted);font-size:.875rem}
.option{display:flex;gap:.75rem;align-items:flex-start;margin:.5rem 0;padding:.75rem;border:1px solid var(--line);
border-radius:.5rem;background:var(--card);cursor:pointer}
.option:has(input:checked){border-color:var(--accent);box-shadow:0 0 0 1px var(--accent)}
.option input{margin:.3rem 0 0;width:1.1rem;height:1.1rem;flex:none;accent-color:var(--accent);cursor:pointer}
.option span{flex:1}
.option strong{display:block}
.option small{display:block;color:var(--muted);font-size:.875rem}
.field{margin:0 0 1.25rem}
.field label{display:block;margin-bottom:.25rem;font-weight:600}
.field input[type=file]{display:block;width:100%;padding:.5rem;border:1px dashed var(--line);border-radius:.5rem;
background:#fafafa;font:inherit}
.hint{margin:.25rem 0 0;color:var(--muted);font-size:.875rem}
.camera{margin:0 0 1.25rem;padding:.75rem;border-radius:.5rem;background:#eef6f8;color:var(--accent)}
.alert{margin:0 0 1.25rem;padding:.75rem;border-left:4px solid var(--error-ink);border-radius:.25rem;
background:var(--error-bg);color:var(--error-ink)}
.alert strong{display:block}
button,.button{display:inline-flex;justify-content:center;align-items:center;width:100%;min-height:2.75rem;
padding:.6rem 1rem;border-radius:.5rem;border:1px solid transparent;font:inherit;font-weight:700;cursor:pointer;
text-decoration:none}
.primary{background:var(--accent);color:var(--accent-ink)}
.primary:hover{filter:brightness(1.1)}
.secondary{background:transparent;color:var(--error-ink);border-color:var(--line)}
.secondary:hover{background:var(--error-bg)}
.tertiary{background:transparent;color:var(--accent);border-color:var(--accent)}
.tertiary:hover{background:#eef6f8}
.give-up{margin-top:.75rem;text-align:center}
.give-up p{margin:.25rem 0 0;color:var(--muted);font-size:.8rem}
.qr{display:block;width:min(16rem,100%);height:auto;margin:0 auto 1rem;image-rendering:pixelated}
.url{display:block;padding:.5rem;border-radius:.375rem;background:var(--bg);font-family:ui-monospace,monospace;
font-size:.8rem;word-break:break-all}
.status{color:var(--muted);font-size:.875rem}
.center{text-align:center}
footer{padding:1rem;color:var(--muted);font-size:.8rem;text-align:center}
@media (min-width:40rem){main{padding-top:2.5rem}.card{padding:2rem}}
`.trim();

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}'`;
}

/** CSP source expression (`'sha256-...'`) of the one stylesheet every page carries inline. */
export const PAGE_STYLE_HASH = cspHash(STYLE);

/** What a page puts in the shared layout. */
export interface PageContent {
  locale: PageLocale;
  /** The page's main heading text; also the document title. */
  title: string;
  /** The HTML inside the card (already escaped). */
  body: string;
  /** Extra HTML after the card (already escaped). */
  after?: string;
  /** Inline scripts and data blocks placed at the end of `<body>` (already safe). */
  scripts?: string;
}

/**
 * The shared layout of every hosted page: a complete HTML document in `locale`, with the "Emulator" badge and
 * notice (nobody should take it for CM.com), a skip link, one card holding the page's content, and a footer. No
 * external resources; the stylesheet is inline and constant ({@link PAGE_STYLE_HASH}).
 */
export function renderLayout(content: PageContent): string {
  const text = pageMessages(content.locale);
  return `<!doctype html>
<html lang="${escapeValue(content.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeValue(content.title)} · ${escapeValue(text.titleSuffix)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${escapeValue(text.skipToContent)}</a>
<header class="bar"><span class="brand">${escapeValue(text.brand)}</span><span class="badge" data-testid="emulator-badge">${escapeValue(text.badge)}</span></header>
<main id="main" tabindex="-1">
<p class="notice">${escapeValue(text.emulatorNotice)}</p>
<div class="card">
${content.body}
</div>
${content.after ?? ''}
</main>
<footer>${escapeValue(text.footer)}</footer>
<script>${FRAME_HEIGHT_SCRIPT}</script>
${content.scripts ?? ''}
</body>
</html>
`;
}
