import { Jimp } from 'jimp';

/** Posts a task form of the hosted flow as a browser would (multipart), without following redirects. */
export function postTask(
  pageUrl: string,
  task: string,
  fields: Record<string, string>,
  files: Record<string, { data: Buffer; type: string; name?: string }> = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [name, file] of Object.entries(files)) {
    form.append(name, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name ?? `${name}.bin`);
  }
  const url = new URL(pageUrl);
  url.pathname = `${url.pathname}/tasks/${task}`;
  return fetch(url, { method: 'POST', body: form, redirect: 'manual', headers });
}

/** A real picture to upload. */
export async function makePhoto(type: 'image/jpeg' | 'image/png', width = 64, height = 48): Promise<Buffer> {
  return new Jimp({ width, height, color: 0x8844ccff }).getBuffer(type);
}

/** The completion data the done page embeds for its script (`{ message, redirectUrl? }`). */
export function completionData(html: string): { message: Record<string, string>; redirectUrl?: string } {
  const match = /<script type="application\/json" id="id-scan-completion">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('The page is not the done page');
  return JSON.parse(match[1]) as { message: Record<string, string>; redirectUrl?: string };
}

/** The `data-testid` values a page carries, to tell pages apart. */
export function testIds(html: string): string[] {
  return [...html.matchAll(/data-testid="([^"]+)"/g)].map((match) => match[1]);
}

/** A desktop browser's user agent (the hosted flow treats it as not mobile). */
export const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
/** A phone's user agent. */
export const MOBILE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
