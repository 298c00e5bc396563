import { IdScanApiError } from '../errors/id-scan-api.error';
import { IdScanConnectionError } from '../errors/id-scan-connection.error';

/**
 * `error.type` as the semantic conventions define it, low in cardinality: the status code of an API answer (the
 * client's code for an unusable 2xx one), the system code of a connection error, otherwise the error's class name.
 * Never the message, which may quote the API.
 */
export function telemetryErrorType(error: unknown): string {
  // A 2xx answer the client could not use (not JSON, no transaction id) is named by the client's own code.
  if (error instanceof IdScanApiError) return error.status < 400 ? error.code : String(error.status);
  if (error instanceof IdScanConnectionError && error.code) return error.code;
  if (error instanceof Error) return error.name;
  return '_OTHER';
}
