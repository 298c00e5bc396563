import { create } from 'qrcode';
import { renderQrCode } from './qr-code.util';

describe('renderQrCode', () => {
  const url = 'http://127.0.0.1:3100/en-us/identifications/Qm3xT8vLw2NcR7pZk4Hs?handoff=qr';

  it('renders a standalone SVG document with the modules as a path', async () => {
    const svg = await renderQrCode(url);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<path[^>]+stroke="#000000"[^>]+d="M/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('sizes the view box to the symbol plus a four-module quiet zone', async () => {
    const svg = await renderQrCode(url);
    const size = create(url, { errorCorrectionLevel: 'M' }).modules.size;
    expect(svg).toContain(`viewBox="0 0 ${size + 8} ${size + 8}"`);
  });

  it('encodes the URL: another URL gives another symbol', async () => {
    expect(await renderQrCode(url)).not.toBe(await renderQrCode(`${url}x`));
  });
});
