/** Where one emulator instance listens, known before its Nest application is built. */
export interface EmulatorAddresses {
  /** The port the API listens on (the hosted pages share it unless they have a port of their own). */
  apiPort: number;
  /** Origin of the API, for example `http://127.0.0.1:3100`. */
  apiOrigin: string;
  /** Origin of the hosted pages (the API's unless a separate page port is configured). */
  pageOrigin: string;
  /** The origin a phone opens the hosted pages at: the `publicUrl` option, else {@link pageOrigin}. */
  handoffOrigin: string;
}
