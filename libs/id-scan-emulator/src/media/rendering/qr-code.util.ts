import { toString as qrToString } from 'qrcode';

/**
 * Renders a QR code of `url` as a standalone SVG document (`<svg xmlns=...>...</svg>`, black modules on white,
 * a four-module quiet zone, error correction level M). Show it with
 * `<img src="data:image/svg+xml;base64,...">` or inline it.
 * @throws Error when `url` is too long for a QR code (over about 2,300 characters).
 */
export function renderQrCode(url: string): Promise<string> {
  return qrToString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
