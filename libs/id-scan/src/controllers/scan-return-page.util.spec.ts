import { escapeHtml, renderScanReturnPage, SCAN_RETURN_LANGUAGES } from './scan-return-page.util';

describe('scan-return page', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  const KINDS = ['done', 'unfinished', 'problem'] as const;

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

  it('says something different on success, when not finished and on a problem, in each language', () => {
    const pages = SCAN_RETURN_LANGUAGES.flatMap((language) =>
      KINDS.map((kind) => renderScanReturnPage(language, kind)),
    );
    expect(new Set(pages).size).toBe(pages.length);
  });
});
