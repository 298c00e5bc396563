import { Injectable } from '@nestjs/common';
import { EmulatorApiError } from '../errors';
import { RandomService } from '../simulation/random.service';
import type { RandomSource } from '../simulation/random-source.interface';
import type { EmulatedFileKind } from './transaction-record.interface';

/** What a download token points at. */
export interface FileReference {
  transactionId: string;
  kind: EmulatedFileKind;
}

/** Issues the 50-character download tokens of `/downloads/{token}` and resolves them. */
@Injectable()
export class FilesService {
  private readonly references = new Map<string, FileReference>();
  private readonly tokens: RandomSource;

  constructor(random: RandomService) {
    this.tokens = random.identifiers('download-tokens');
  }

  /** A new token for one picture of a transaction. */
  register(transactionId: string, kind: EmulatedFileKind): string {
    let token: string;
    do token = this.tokens.alphanumeric(50);
    while (this.references.has(token));
    this.references.set(token, { transactionId, kind });
    return token;
  }

  /**
   * What a token stands for.
   * @throws EmulatorApiError 404 `not_found` for an unknown token.
   */
  resolve(token: string): FileReference {
    const reference = this.references.get(token);
    if (!reference) throw EmulatorApiError.notFound('The file');
    return reference;
  }
}
