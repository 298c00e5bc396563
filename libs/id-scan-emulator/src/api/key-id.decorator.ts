import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { EmulatorApiError } from '../errors';

/** A request whose bearer token `JwtAuthGuard` verified, with the key id (`kid`) that signed it. */
export interface AuthenticatedRequest extends Request {
  emulatorKeyId?: string;
}

/**
 * The key id (`kid`) of the credential that signed the request's bearer token. Everything an API call creates
 * belongs to it, and everything it reads must (docs/id-scan-api.md §B2: CM's API is per account). Only on routes
 * behind `JwtAuthGuard`.
 */
export const KeyId = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const keyId = context.switchToHttp().getRequest<AuthenticatedRequest>().emulatorKeyId;
  // A route that reads the key id without the guard is a defect of the emulator, not of the request.
  if (keyId === undefined) throw EmulatorApiError.internal();
  return keyId;
});
