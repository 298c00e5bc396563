import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { DONE_SCRIPT_HASH, renderDonePage } from './done-page.util';
import type { CompletionMessage, DonePageView } from './pages.interface';

const message: CompletionMessage = {
  type: 'id-scan.completed',
  transactionId: '5d0b6a8e-2f4c-4a8b-9c1d-7e6f5a4b3c2d',
  resultId: '8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
};

function dataBlock(html: string): unknown {
  const json = html.match(/<script type="application\/json" id="id-scan-completion">([^<]*)<\/script>/)?.[1];
  if (json === undefined) throw new Error('no completion data block');
  return JSON.parse(json);
}

// The done page's own script: the last inline one (the layout's frame-height script comes first).
function script(html: string): string {
  const source = [...html.matchAll(/<script>([^<]*)<\/script>/g)].at(-1)?.[1];
  if (source === undefined) throw new Error('no inline script');
  return source;
}

interface Outcome {
  posted: { data: unknown; origin: string }[];
  replacedWith: string[];
}

// Runs the page's script against a minimal browser: a document holding the data block, and a window that is
// framed or not.
function run(html: string, framed: boolean): Outcome {
  const outcome: Outcome = { posted: [], replacedWith: [] };
  const json = html.match(/<script type="application\/json" id="id-scan-completion">([^<]*)<\/script>/)?.[1];
  const window: Record<string, unknown> = {
    location: { replace: (url: string) => outcome.replacedWith.push(url) },
  };
  window.parent = framed
    ? {
        postMessage: (data: unknown, origin: string) => outcome.posted.push({ data, origin }),
      }
    : window;
  const document = {
    getElementById: (id: string) => (id === 'id-scan-completion' && json !== undefined ? { textContent: json } : null),
  };
  runInNewContext(script(html), { window, document, JSON });
  return outcome;
}

describe('renderDonePage', () => {
  it('embeds exactly the completion message, whatever else the view carries', () => {
    const view = {
      locale: 'en-US',
      message: {
        ...message,
        givenNames: 'Willeke',
        documentNumber: 'SPECI2021',
      },
    } as DonePageView;
    const html = renderDonePage(view);
    expect(dataBlock(html)).toEqual({ message });
    expect(html).not.toContain('Willeke');
    expect(html).not.toContain('SPECI2021');
  });

  it('posts the message to the parent frame with target origin * when framed', () => {
    const html = renderDonePage({
      locale: 'en-US',
      message,
      redirectUrl: 'https://host.example/return?trxid=1',
    });
    const outcome = run(html, true);
    expect(outcome.posted).toEqual([{ data: message, origin: '*' }]);
    expect(outcome.replacedWith).toEqual([]);
  });

  it('replaces the location with the redirect URL when not framed', () => {
    const redirectUrl = 'https://host.example/return?trxid=1&resultid=2';
    const html = renderDonePage({ locale: 'en-US', message, redirectUrl });
    expect(run(html, false)).toEqual({
      posted: [],
      replacedWith: [redirectUrl],
    });
    expect(html).toContain(
      '<noscript><p><a class="button primary" href="https://host.example/return?trxid=1&amp;resultid=2"',
    );
  });

  it('tells the person to close the window when there is nowhere to go', () => {
    const html = renderDonePage({ locale: 'en-US', message });
    expect(run(html, false)).toEqual({ posted: [], replacedWith: [] });
    expect(html).toContain('You&#39;re done, you can close this window.');
    expect(html).not.toContain('<noscript>');
  });

  it('never follows a redirect that is not http(s) or a same-origin path', () => {
    const html = renderDonePage({
      locale: 'en-US',
      message,
      redirectUrl: 'javascript:alert(document.cookie)',
    });
    expect(html).not.toContain('javascript:');
    expect(run(html, false).replacedWith).toEqual([]);
  });

  it('keeps the data inert: a closing script tag in a value stays data', () => {
    const hostile = {
      ...message,
      resultId: '</script><script>alert(1)</script>',
    };
    const html = renderDonePage({ locale: 'en-US', message: hostile });
    expect(html).not.toContain('<script>alert(1)');
    expect(dataBlock(html)).toEqual({ message: hostile });
    expect(run(html, true).posted[0]?.data).toEqual(hostile);
  });

  it('carries a constant script whose hash is DONE_SCRIPT_HASH', () => {
    const first = script(renderDonePage({ locale: 'en-US', message }));
    const second = script(
      renderDonePage({
        locale: 'fr-FR',
        message: { ...message, resultId: 'other' },
      }),
    );
    expect(first).toBe(second);
    expect(DONE_SCRIPT_HASH).toBe(`'sha256-${createHash('sha256').update(first).digest('base64')}'`);
  });
});
