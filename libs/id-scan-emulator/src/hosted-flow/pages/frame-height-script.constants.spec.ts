import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { FRAME_HEIGHT_SCRIPT, FRAME_HEIGHT_SCRIPT_HASH } from './frame-height-script.constants';
import { renderExpiredPage } from './expired-page.util';

// Runs the script against a minimal browser whose body is `height` pixels high, framed or not.
function run(framed: boolean, heights: number[]) {
  const posted: { data: unknown; origin: string }[] = [];
  const classes = new Set<string>();
  const listeners: Record<string, () => void> = {};
  let observed: (() => void) | undefined;
  let height = heights[0];
  const window: Record<string, unknown> = {
    addEventListener: (type: string, listener: () => void) => (listeners[type] = listener),
    ResizeObserver: class {
      constructor(callback: () => void) {
        observed = callback;
      }
      observe(): void {}
    },
  };
  window.parent = framed ? { postMessage: (data: unknown, origin: string) => posted.push({ data, origin }) } : window;
  const document = {
    documentElement: { classList: { add: (name: string) => classes.add(name) } },
    body: { getBoundingClientRect: () => ({ height }) },
  };
  runInNewContext(FRAME_HEIGHT_SCRIPT, { window, document, Math });
  for (const next of heights.slice(1)) {
    height = next;
    observed?.();
  }
  listeners.load?.();
  return { posted, classes };
}

describe('FRAME_HEIGHT_SCRIPT', () => {
  it('in a frame, marks the page framed and posts each new content height once', () => {
    const { posted, classes } = run(true, [640.2, 641, 641, 480]);
    expect(classes).toEqual(new Set(['framed']));
    expect(posted).toEqual([
      { data: { type: 'id-scan.resize', height: 641 }, origin: '*' },
      { data: { type: 'id-scan.resize', height: 480 }, origin: '*' },
    ]);
  });

  it('outside a frame does nothing', () => {
    const { posted, classes } = run(false, [640, 700]);
    expect(posted).toEqual([]);
    expect(classes.size).toBe(0);
  });

  it('is carried by every page, unchanged, under the hash the CSP allows', () => {
    const html = renderExpiredPage({ locale: 'fr-FR' });
    expect(html).toContain(`<script>${FRAME_HEIGHT_SCRIPT}</script>`);
    expect(html).toContain('.framed body{min-height:0}');
    expect(FRAME_HEIGHT_SCRIPT_HASH).toBe(
      `'sha256-${createHash('sha256').update(FRAME_HEIGHT_SCRIPT).digest('base64')}'`,
    );
  });
});
