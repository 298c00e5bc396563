import { SUPPORTED_LOCALES } from '../../emulator.constants';
import { createHash } from 'node:crypto';
import { HOSTED_PAGE_CSP } from './content-security-policy.constants';
import { DONE_SCRIPT_HASH, renderDonePage } from './done-page.util';
import { FRAME_HEIGHT_SCRIPT_HASH } from './frame-height-script.constants';
import { renderErrorPage } from './error-page.util';
import { renderExpiredPage } from './expired-page.util';
import { PAGE_MESSAGES, SCENARIOS } from './page-i18n.constants';
import { PAGE_STYLE_HASH } from './page-layout.util';
import type { PageLocale } from './pages.interface';
import { renderQrHandoffPage } from './qr-handoff-page.util';
import { renderTaskPage } from './task-page.util';

const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>'`;
const QR_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M4 4h7"/></svg>';

// Every page, in a locale, with `value` in every field the server fills in.
function allPages(locale: PageLocale, value: string): Record<string, string> {
  return {
    task: renderTaskPage({
      locale,
      task: 'document_scan',
      step: { index: 1, total: 2 },
      formAction: `/tasks?x=${value}`,
      scenarios: SCENARIOS.document_scan,
      captureSources: ['camera', 'file'],
      giveUpAction: `/give-up?x=${value}`,
      hiddenFields: { [`n${value}`]: value },
      error: 'try_again',
    }),
    qr: renderQrHandoffPage({
      locale,
      url: `https://e.test/?x=${value}`,
      qrCode: QR_SVG,
      continueUrl: `/c?x=${value}`,
    }),
    expired: renderExpiredPage({ locale }),
    done: renderDonePage({
      locale,
      message: {
        type: 'id-scan.completed',
        transactionId: value,
        resultId: value,
      },
      redirectUrl: `https://host.test/return?x=${encodeURIComponent(value)}`,
    }),
    error: renderErrorPage({ locale, status: 400, message: value }),
  };
}

describe.each(SUPPORTED_LOCALES)('hosted pages in %s', (locale) => {
  const pages = allPages(locale, 'plain');

  it.each(Object.keys(pages))('%s is a complete document in the locale with the emulator badge', (name) => {
    const html = pages[name];
    expect(html.startsWith('<!doctype html>\n<html lang="' + locale + '">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain(`data-testid="emulator-badge">${PAGE_MESSAGES[locale].badge}</span>`);
    expect(html).toContain('<main id="main"');
    expect(html.trim().endsWith('</html>')).toBe(true);
  });

  it.each(Object.keys(pages))('%s loads nothing from elsewhere', (name) => {
    const html = pages[name];
    expect(html).not.toMatch(/<link\b/);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    expect(html).not.toMatch(/\bsrc="(?!data:)/);
    expect(html).not.toMatch(/\bstyle="/);
  });
});

describe('escaping', () => {
  const pages = allPages('en-US', HOSTILE);

  it.each(Object.keys(pages))('%s shows a hostile value as text', (name) => {
    const html = pages[name];
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    // No element was injected: only the pages' own script and image elements are there (every page carries the
    // frame-height script; the done page adds its data block and script).
    expect(html.match(/<script\b/g) ?? []).toHaveLength(name === 'done' ? 3 : 1);
    expect(html.match(/<img\b/g) ?? []).toHaveLength(name === 'qr' ? 1 : 0);
  });

  it('escapes the values of the task page in attributes', () => {
    expect(pages.task).toContain('action="/tasks?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes the message of the error page', () => {
    expect(pages.error).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('the QR hand-off page', () => {
  const html = renderQrHandoffPage({
    locale: 'nl-NL',
    url: 'https://e.test/nl-nl/identifications/abc?handoff=qr',
    qrCode: QR_SVG,
    continueUrl: '/nl-nl/identifications/abc?device=mobile',
  });

  it('shows the QR code as an image whose data is the given SVG, with translated alternative text', () => {
    const source = html.match(/<img class="qr" src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]+)"/);
    expect(Buffer.from(source?.[1] ?? '', 'base64').toString('utf8')).toBe(QR_SVG);
    expect(source?.[2]).toBe(PAGE_MESSAGES['nl-NL'].qrAlt);
  });

  it('shows the URL as text and links to continuing on this device', () => {
    expect(html).toContain('data-testid="handoff-url">https://e.test/nl-nl/identifications/abc?handoff=qr</code>');
    expect(html).toMatch(
      /<a class="button tertiary" href="\/nl-nl\/identifications\/abc\?device=mobile" data-testid="continue-here">Ga verder op dit apparaat<\/a>/,
    );
  });
});

describe('the expired and error pages', () => {
  it('says the link expired', () => {
    expect(renderExpiredPage({ locale: 'fr-FR' })).toContain(PAGE_MESSAGES['fr-FR'].expiredHeading);
  });

  it('names the status and uses a "not found" heading for 404', () => {
    const html = renderErrorPage({
      locale: 'nl-NL',
      status: 404,
      message: 'Unknown page',
    });
    expect(html).toContain('Fout 404');
    expect(html).toContain(PAGE_MESSAGES['nl-NL'].notFoundHeading);
    expect(renderErrorPage({ locale: 'nl-NL', status: 400, message: 'x' })).toContain(
      PAGE_MESSAGES['nl-NL'].errorPageHeading,
    );
  });
});

describe('HOSTED_PAGE_CSP', () => {
  it('allows exactly the inline stylesheet and script the pages carry', () => {
    const html = renderDonePage({
      locale: 'en-US',
      message: { type: 'id-scan.completed', transactionId: 't', resultId: 'r' },
    });
    const style = html.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    expect(PAGE_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(HOSTED_PAGE_CSP).toBe(
      `default-src 'none'; style-src ${PAGE_STYLE_HASH}; script-src ${DONE_SCRIPT_HASH} ${FRAME_HEIGHT_SCRIPT_HASH}; img-src data:; base-uri 'none'`,
    );
  });
});
