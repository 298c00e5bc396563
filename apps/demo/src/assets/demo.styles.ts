/** The demo's one stylesheet, served at `/assets/demo.css` (no front-end build step). */
export const DEMO_STYLES = `
:root {
  --bg: #f5f6f8;
  --surface: #ffffff;
  --border: #e2e5ea;
  --text: #1c2230;
  --muted: #5b6473;
  --accent: #3347c4;
  --accent-dark: #27379c;
  --accent-soft: #eef0fc;
  --ok: #146c43;
  --ok-soft: #e3f4ea;
  --bad: #b42318;
  --bad-soft: #fdecea;
  --warn: #8a5300;
  --warn-soft: #fff4dc;
  --radius: 10px;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.06), 0 1px 3px rgba(16, 24, 40, 0.08);
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  font-size: 16px;
  line-height: 1.5;
  color: var(--text);
  background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; }
a { color: var(--accent); }
a:hover { color: var(--accent-dark); }
:focus-visible { outline: 3px solid #8b9bf0; outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; margin: 0 0 0.5rem; }
h1 { font-size: 1.6rem; }
h2 { font-size: 1.15rem; }
h3 { font-size: 1rem; }
p { margin: 0 0 0.75rem; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
.container { width: 100%; max-width: 1120px; margin: 0 auto; padding: 0 1.25rem; }
.skip-link { position: absolute; left: -999px; top: 0.5rem; background: var(--surface); padding: 0.5rem 0.75rem; z-index: 10; }
.skip-link:focus { left: 0.5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.site-header { background: var(--surface); border-bottom: 1px solid var(--border); }
.site-header .container { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; min-height: 60px; padding-top: 0.5rem; padding-bottom: 0.5rem; }
.brand { display: flex; align-items: center; gap: 0.55rem; font-weight: 700; color: var(--text); text-decoration: none; }
.brand svg { width: 28px; height: 28px; }
.site-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1.1rem; }
.site-nav a { color: var(--muted); text-decoration: none; font-weight: 500; padding: 0.25rem 0; border-bottom: 2px solid transparent; }
.site-nav a:hover, .site-nav a[aria-current='page'] { color: var(--text); border-bottom-color: var(--accent); }
.env-badge { margin-left: auto; font-size: 0.8rem; color: var(--muted); background: var(--bg); border: 1px solid var(--border); border-radius: 999px; padding: 0.15rem 0.65rem; }
.env-badge strong { color: var(--text); }
.lang-switch { display: flex; gap: 0.6rem; font-size: 0.85rem; }
.lang-switch a { color: var(--muted); text-decoration: none; }
.lang-switch a[aria-current] { color: var(--text); font-weight: 600; }
.break { overflow-wrap: anywhere; }

main { flex: 1; padding: 2rem 0 3rem; }
.page-head { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 1rem; margin-bottom: 1.5rem; }
.page-head p { color: var(--muted); margin: 0; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.75rem; font-weight: 600; color: var(--muted); margin-bottom: 0.25rem; }
.site-footer { border-top: 1px solid var(--border); color: var(--muted); font-size: 0.85rem; padding: 1.25rem 0; background: var(--surface); }

.grid { display: grid; gap: 1.25rem; }
.grid.top { align-items: start; }
.grid-2 { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
.grid-halves { grid-template-columns: repeat(2, minmax(0, 1fr)); }
@media (max-width: 860px) { .grid-2, .grid-halves { grid-template-columns: 1fr; } }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 1.35rem 1.5rem; }
.card > h2 { margin-bottom: 1rem; }
.stack > * + * { margin-top: 1.25rem; }

fieldset { border: 0; padding: 0; margin: 0 0 1.35rem; }
legend, .label { font-weight: 600; margin-bottom: 0.45rem; padding: 0; display: block; }
.hint { color: var(--muted); font-size: 0.875rem; margin: -0.2rem 0 0.5rem; }
.choices { display: grid; gap: 0.5rem; }
.choices.inline { grid-template-columns: repeat(auto-fit, minmax(min(100%, 180px), 1fr)); }
.choice { display: flex; gap: 0.65rem; align-items: flex-start; border: 1px solid var(--border); border-radius: 8px; padding: 0.65rem 0.8rem; cursor: pointer; background: var(--surface); }
.choice:hover { border-color: #b9c0f2; }
.choice:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); }
.choice input { margin-top: 0.3rem; accent-color: var(--accent); }
.choice small { display: block; color: var(--muted); }
select { font: inherit; padding: 0.5rem 0.6rem; border: 1px solid #c7ccd5; border-radius: 8px; background: var(--surface); width: 100%; max-width: 100%; color: var(--text); }
.field small.hint { display: block; margin: 0.3rem 0 0; }
.field-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr)); gap: 1rem 1.5rem; margin-bottom: 1.35rem; }
.field-row fieldset, .field-row .field { margin: 0; }
.check { display: flex; gap: 0.6rem; align-items: flex-start; }
.check input { margin-top: 0.3rem; accent-color: var(--accent); width: 1rem; height: 1rem; }
.check small { display: block; color: var(--muted); }
.check small + small { margin-top: 0.2rem; }
.more-link { margin: 1rem 0 0; }
.digest { list-style: none; margin: 0; padding: 0; }
.digest li + li { border-top: 1px solid var(--border); }
.digest a { display: block; padding: 0.65rem 0.25rem; color: var(--text); text-decoration: none; }
.digest a:hover strong { color: var(--accent); text-decoration: underline; }
.digest-main { display: flex; justify-content: space-between; align-items: center; gap: 0.75rem; }
.digest small { display: block; color: var(--muted); font-size: 0.82rem; margin-top: 0.15rem; }
.steps { margin: 0; padding-left: 1.2rem; color: var(--muted); font-size: 0.92rem; }
.steps li + li { margin-top: 0.4rem; }
.steps code { color: var(--text); }
dl.summary dd .badge { margin-left: 0.4rem; vertical-align: middle; }

.button { display: inline-flex; align-items: center; gap: 0.4rem; font: inherit; font-weight: 600; border-radius: 8px; padding: 0.6rem 1.1rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
.button:hover { background: var(--accent-dark); color: #fff; }
.button.secondary { background: var(--surface); color: var(--accent); border-color: #c7ccd5; }
.button.secondary:hover { border-color: var(--accent); color: var(--accent-dark); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
.actions.center { justify-content: center; }
.section { margin-top: 1.25rem; }

.alert { border-radius: 8px; padding: 0.85rem 1rem; margin-bottom: 1.25rem; border: 1px solid; }
.alert h2 { font-size: 1rem; margin-bottom: 0.35rem; }
.alert ul { margin: 0; padding-left: 1.2rem; }
.alert.error { background: var(--bad-soft); border-color: #f4b8b2; color: #7a1a12; }
.alert.info { background: var(--accent-soft); border-color: #c9cff6; color: #1f2a6b; }
.alert.warn { background: var(--warn-soft); border-color: #f3d49b; color: #5e3900; }

.badge { display: inline-flex; align-items: center; gap: 0.3rem; font-size: 0.78rem; font-weight: 600; border-radius: 999px; padding: 0.1rem 0.55rem; white-space: nowrap; border: 1px solid transparent; }
.badge.ok { background: var(--ok-soft); color: var(--ok); border-color: #b5e0c5; }
.badge.bad { background: var(--bad-soft); color: var(--bad); border-color: #f4b8b2; }
.badge.warn { background: var(--warn-soft); color: var(--warn); border-color: #f3d49b; }
.badge.neutral { background: var(--bg); color: var(--muted); border-color: var(--border); }

.verdict { display: flex; gap: 1rem; align-items: flex-start; border-radius: var(--radius); padding: 1.1rem 1.35rem; margin-bottom: 1.25rem; border: 1px solid; }
.verdict svg { flex: none; width: 36px; height: 36px; }
.verdict h2 { font-size: 1.25rem; margin-bottom: 0.2rem; }
.verdict p, .verdict ul { margin: 0; }
.verdict ul { padding-left: 1.1rem; }
.verdict .retry { margin-top: 0.45rem; }
.verdict.ok { background: var(--ok-soft); border-color: #b5e0c5; color: #0f4d30; }
.verdict.bad { background: var(--bad-soft); border-color: #f4b8b2; color: #7a1a12; }
.verdict.warn { background: var(--warn-soft); border-color: #f3d49b; color: #5e3900; }

dl.summary { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 1rem 1.5rem; margin: 0; }
dl.summary div { min-width: 0; }
dl.summary dt { color: var(--muted); font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; font-weight: 600; }
dl.summary dd { margin: 0.15rem 0 0; font-size: 1.05rem; font-weight: 600; overflow-wrap: anywhere; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0; font-size: 0.9rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }

.table-wrap { overflow-x: auto; }
/* On a narrow screen a table folds into one card per row, each value under its column's name: nothing hides
   beyond a sideways scroll. */
@media (max-width: 760px) {
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: auto; }
  table.cards tr { padding: 0.4rem 0; border-bottom: 1px solid var(--border); }
  table.cards tbody tr:last-child { border-bottom: 0; }
  table.cards th, table.cards td { padding: 0.2rem 0.75rem; border-bottom: 0; white-space: normal; }
  table.cards td[data-label]::before { content: attr(data-label); display: block; color: var(--muted); font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.04em; }
}
table { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.6rem 0.75rem; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 600; background: #fafbfc; }
tbody tr:last-child td, tbody tr:last-child th { border-bottom: 0; }
tr.invalid th, tr.invalid td { background: #fff6f5; }
td .sub, th .sub { display: block; color: var(--muted); font-size: 0.8rem; font-weight: 400; text-transform: none; letter-spacing: 0; }
tbody th { font-size: 0.92rem; text-transform: none; letter-spacing: 0; color: var(--text); background: none; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }

.gallery { display: flex; flex-wrap: wrap; gap: 1rem; }
.gallery figure { margin: 0; width: min-content; border: 1px solid var(--border); border-radius: 8px; overflow: hidden; background: #eef0f3; display: flex; flex-direction: column; }
.gallery a { display: block; }
.gallery img { display: block; height: 200px; width: auto; }
@media (max-width: 600px) { .gallery figure { width: 100%; } .gallery img { width: 100%; height: auto; } }
.gallery figcaption { flex: 1; padding: 0.5rem 0.7rem; font-size: 0.85rem; border-top: 1px solid var(--border); background: var(--surface); }
.gallery figcaption small { display: block; color: var(--muted); }

.scores { display: grid; gap: 1rem; }
.score-label { display: flex; justify-content: space-between; font-size: 0.9rem; margin-bottom: 0.3rem; }
.score-label strong { font-variant-numeric: tabular-nums; }
/* The bar's colour is the task's verdict, never its score: a failed task is red whatever it scored. */
.scores progress { width: 100%; height: 0.7rem; appearance: none; border: 0; border-radius: 999px; background: var(--border); overflow: hidden; }
.scores progress::-webkit-progress-bar { background: var(--border); border-radius: 999px; }
.scores progress.ok::-webkit-progress-value { background: var(--ok); }
.scores progress.bad::-webkit-progress-value { background: var(--bad); }
.scores progress.neutral::-webkit-progress-value { background: #98a1b0; }
.scores progress.ok::-moz-progress-bar { background: var(--ok); }
.scores progress.bad::-moz-progress-bar { background: var(--bad); }
.scores progress.neutral::-moz-progress-bar { background: #98a1b0; }
.scores .note { display: block; color: var(--muted); font-size: 0.8rem; margin-top: 0.2rem; }

.downloads { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.65rem; }
.downloads li { display: flex; gap: 0.5rem; align-items: stretch; }
.downloads li > a:first-child { flex: 1; min-width: 0; display: flex; gap: 0.75rem; align-items: center; padding: 0.7rem 0.85rem; border: 1px solid var(--border); border-radius: 8px; text-decoration: none; color: var(--text); }
.downloads li > a:first-child:hover { border-color: var(--accent); }
.button.small { padding: 0.35rem 0.7rem; font-size: 0.85rem; }
.downloads svg { flex: none; width: 26px; height: 26px; color: var(--accent); }
.downloads small { display: block; color: var(--muted); }

.timeline { list-style: none; margin: 0; padding: 0; font-size: 0.9rem; }
.timeline li { display: grid; grid-template-columns: minmax(5.5rem, max-content) 1fr; gap: 0.75rem; padding: 0.35rem 0; border-bottom: 1px dashed var(--border); }
.timeline li:last-child { border-bottom: 0; }
.timeline time { color: var(--muted); font-variant-numeric: tabular-nums; }

.frame-wrap { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 0.75rem; overflow-x: auto; }
.frame-wrap iframe { display: block; border: 0; width: 100%; min-width: 650px; height: 720px; border-radius: 6px; }
/* Down to 700 px the 650 px flow still fits once the margins shrink; below, the start page proposes redirect mode. */
@media (max-width: 760px) {
  .container { padding: 0 0.75rem; }
  .frame-wrap { padding: 0; border: 0; box-shadow: none; background: none; }
  .card { padding: 1.1rem 1rem; }
  .env-badge { margin-left: 0; }
}
@media (max-width: 480px) {
  h1 { font-size: 1.35rem; }
  .timeline li { grid-template-columns: minmax(4.5rem, max-content) 1fr; }
  tbody th { white-space: normal; }
}

.pending { text-align: center; padding: 3rem 1.5rem; }
.spinner { width: 42px; height: 42px; border-radius: 50%; border: 4px solid var(--accent-soft); border-top-color: var(--accent); margin: 0 auto 1.25rem; animation: spin 0.9s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
.error-page { max-width: 640px; margin: 2rem auto; text-align: center; }
.error-page .code { font-size: 3rem; font-weight: 800; color: var(--accent); margin-bottom: 0.25rem; }
`;
