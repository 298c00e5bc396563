import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { sessionOf } from '../sessions/demo-session.middleware';
import type { Verification } from '../verifications/verification.interface';
import type { VerificationRepository } from '../verifications/verification.repository';

/**
 * A verification that exists but was started by another browser session: the link is valid, so its page says
 * so (in the visitor's language) instead of calling it old or mistyped. Nothing of the verification is shown.
 */
export class OtherSessionException extends ForbiddenException {
  constructor() {
    super('This verification belongs to another browser session');
  }
}

/**
 * The verification of `transactionId` when this browser session started it; otherwise an
 * {@link OtherSessionException} when another session did, or a `NotFoundException` when nobody did.
 */
export function ownVerification(
  verifications: VerificationRepository,
  transactionId: string,
  res: Response,
): Verification {
  const verification = verifications.find(transactionId, sessionOf(res));
  if (verification) return verification;
  throw verifications.exists(transactionId) ? new OtherSessionException() : new NotFoundException();
}
