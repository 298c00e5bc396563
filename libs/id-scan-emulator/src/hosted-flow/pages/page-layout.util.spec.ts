import { escapeValue, jsonForScript, safeUrl } from './page-layout.util';

describe('escapeValue', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeValue(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    expect(escapeValue(42)).toBe('42');
  });
});

describe('jsonForScript', () => {
  it('leaves no character that could end a script element or start a comment', () => {
    const value = {
      text: '</script><!-- <script>alert(1)</script> & \u2028\u2029',
    };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('safeUrl', () => {
  it.each([
    'https://host.example/return?trxid=1&resultid=2',
    'http://localhost:3000/id-scan/return',
    '/en-us/identifications/abc',
  ])('keeps %s', (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/x',
    '/\\evil.example',
    'not a url',
  ])('refuses %s', (url) => {
    expect(safeUrl(url)).toBeUndefined();
  });

  it('passes undefined through', () => {
    expect(safeUrl(undefined)).toBeUndefined();
  });
});
