import { html, raw, SafeHtml } from './html.util';

describe('html', () => {
  it('escapes interpolated text, including quotes, so it cannot leave an element or an attribute', () => {
    const name = `<script>alert("x")</script>' onerror='x`;
    expect(html`<p title="${name}">${name}</p>`.toString()).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onerror=&#39;x">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onerror=&#39;x</p>',
    );
  });

  it('keeps nested fragments and joins arrays without escaping them twice', () => {
    const items = ['a&b', 'c'].map((item) => html`<li>${item}</li>`);
    // prettier-ignore
    expect(html`<ul>${items}</ul>`.toString()).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
  });

  it('drops null, undefined and booleans, and prints numbers', () => {
    expect(html`${null}|${undefined}|${false}|${true}|${0}`.toString()).toBe('||||0');
  });

  it('marks trusted markup as safe only through raw()', () => {
    expect(raw('<b>x</b>')).toBeInstanceOf(SafeHtml);
    expect(html`${raw('<b>x</b>')}${'<b>x</b>'}`.toString()).toBe('<b>x</b>&lt;b&gt;x&lt;/b&gt;');
  });
});
