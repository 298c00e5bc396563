import { SignJWT } from 'jose';
import type { IdScanEmulator, IdScanEmulatorCredentials } from 'nestjs-id-scan-emulator';

/** Claims and header overrides for a hand-made bearer token. */
export interface TokenOptions {
  credentials: IdScanEmulatorCredentials;
  iat?: number;
  nbf?: number;
  exp?: number;
  lifetimeSeconds?: number;
}

/** A bearer token as docs/id-scan-api.md §B2 says (HS256, typ JWT, kid; iat = nbf; 60 s). */
export async function signToken(options: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = options.iat ?? now;
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: options.credentials.keyId })
    .setIssuedAt(iat)
    .setNotBefore(options.nbf ?? iat)
    .setExpirationTime(options.exp ?? iat + (options.lifetimeSeconds ?? 60))
    .sign(new TextEncoder().encode(options.credentials.secret));
}

/** A small authenticated fetch against an emulator's API (paths relative to its base URL). */
export class EmulatorApi {
  constructor(private readonly emulator: IdScanEmulator) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const token = await signToken({ credentials: this.emulator.credentials[0] });
    return fetch(new URL(path, this.emulator.url), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
  }

  /** POST /transactions and the parsed answer. */
  async createTransaction(body: Record<string, unknown> = { tasks: ['document_scan'] }): Promise<CreatedTransaction> {
    const response = await this.request('POST', 'transactions', body);
    if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as CreatedTransaction;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await this.request(method, path, body);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

/** The parts of a create answer the tests read. */
export interface CreatedTransaction {
  id: string;
  state: string;
  tasks: string[];
  url: string;
  locale: string;
  mobileOnly: boolean;
  expires: string;
  created: string;
  settings?: Record<string, unknown>;
}
