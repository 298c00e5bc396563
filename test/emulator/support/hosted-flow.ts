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
