/** A key pair the emulator accepts bearer tokens for (the `kid` header names the key, the secret signs). */
export interface IdScanEmulatorCredentials {
  /** Goes into the JWT header as `kid`; a UUID in CM.com's examples, any non-empty string here. */
  keyId: string;
  /** HMAC-SHA256 key, used as its UTF-8 bytes; at least 32 characters. */
  secret: string;
}
