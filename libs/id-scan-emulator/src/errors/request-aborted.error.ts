/**
 * Ends the handling of a request whose connection is already gone (a dropped or stalled fault, or a client that
 * went away); the exception filter writes nothing for it.
 */
export class RequestAbortedError extends Error {
  override readonly name = 'RequestAbortedError';

  constructor() {
    super('The connection closed before an answer was written');
  }
}
