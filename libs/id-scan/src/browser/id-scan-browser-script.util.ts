import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The browser helper as served by `GET /id-scan/client.js`. */
export interface IdScanBrowserScript {
  source: string;
  /** A strong validator of `source`, quoted, for `ETag` / `If-None-Match`. */
  etag: string;
}

/** The file name of the helper, beside this module in the source tree and in the published package. */
export const ID_SCAN_BROWSER_SCRIPT_FILE = 'id-scan-client.js';

/**
 * Reads the browser helper once. It is plain JavaScript kept beside this file (the package build copies non-TS
 * files to the same relative place), so it is written, reviewed and linted as the browser will run it.
 * @throws Error naming the missing file when a build did not copy it.
 */
export function loadIdScanBrowserScript(directory: string = __dirname): IdScanBrowserScript {
  const path = join(directory, ID_SCAN_BROWSER_SCRIPT_FILE);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(
      `nestjs-id-scan: the browser helper ${path} is missing; the build must copy src/browser/${ID_SCAN_BROWSER_SCRIPT_FILE} ` +
        'beside the compiled code.',
      { cause: error },
    );
  }
  const etag = `"${createHash('sha256').update(source).digest('base64url').slice(0, 27)}"`;
  return { source, etag };
}
