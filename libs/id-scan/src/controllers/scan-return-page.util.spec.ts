import {
  escapeHtml,
  renderScanReturnPage,
  SCAN_RETURN_LANGUAGES,
  type ScanReturnPageKind,
} from './scan-return-page.util';

const KINDS: ScanReturnPageKind[] = ['done', 'unfinished', 'problem', 'unavailable'];

describe('scan-return page', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it.each(SCAN_RETURN_LANGUAGES.flatMap((language) => KINDS.map((kind) => [language, kind] as const)))(
    'renders %s/%s as a complete page with no script',
    (language, kind) => {
      const html = renderScanReturnPage(language, kind);
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(`data-id-scan-page="${kind}"`);
      expect(html).not.toMatch(/<script|\son\w+=/i);
      expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    },
  );

  it('says something different on success, when not finished, on a problem and during an outage, in each language', () => {
    const pages = SCAN_RETURN_LANGUAGES.flatMap((language) =>
      KINDS.map((kind) => renderScanReturnPage(language, kind)),
    );
    expect(new Set(pages).size).toBe(pages.length);
  });

  it('asks the person to try again in a moment during an outage', () => {
    expect(renderScanReturnPage('en', 'unavailable')).toMatch(/try again in a moment/i);
    expect(renderScanReturnPage('nl', 'unavailable')).toMatch(/probeer het zo opnieuw/i);
    expect(renderScanReturnPage('fr', 'unavailable')).toMatch(/réessayez dans un instant/i);
  });
});
