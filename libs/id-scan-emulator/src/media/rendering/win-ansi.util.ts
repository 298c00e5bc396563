// Characters of Windows-1252 above 0x7f that are not Latin-1: the standard PDF fonts can show these too.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

// Letters that Unicode does not decompose into a base letter and an accent.
const PLAIN_LETTERS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  Ŀ: 'L',
  ŀ: 'l',
};

/**
 * `text` restricted to what the built-in PDF fonts can draw (Windows-1252): other characters lose their accent
 * when that helps, or become `?`, rather than printing as garbage.
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char)) {
      out += char;
    } else if (char === '\n' || char === '\t') {
      out += ' ';
    } else if (char === '\u202f' || char === '\u2007' || char === '\u2060') {
      // Narrow and figure no-break spaces (French punctuation, times such as `10:00 AM`) stay unbreakable.
      out += '\u00a0';
    } else if (/\s/u.test(char)) {
      out += ' ';
    } else {
      const base = PLAIN_LETTERS[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
      out += /^[\x20-\x7e\xa0-\xff]+$/.test(base) ? base : '?';
    }
  }
  return out;
}
