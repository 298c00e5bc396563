import { NotCheckableError } from '../checks/conformance-check.interface';
import { ApiProbeClient, ProbePaths, type ProbeAnswer, type ProbeRequest } from './api-probe.client';
import { packageSigner, type ConformanceCredentials, type TokenSigner } from './conformance-tokens.util';
import { isRecord } from './observation.util';

/** Where and how a run probes. */
export interface ConformanceContextOptions {
  /** API base URL, ending in `/id-scan/v1/`. */
  baseUrl: string;
  credentials: ConformanceCredentials;
  /**
   * How many transactions requests that should be refused may create (when the API accepts one after all) before
   * the kit stops sending such requests. Live mode allows 1, so a lenient API costs at most one extra transaction.
   */
  unplannedTransactionAllowance: number;
  /** The https URL the webhook checks subscribe (never called: the subscription is deleted within the run). */
  webhookUrl: string;
  /** Per-request timeout. @default 30000 */
  timeoutMs?: number;
}

/** The request body of the one transaction a run creates (`docs/id-scan-api.md §A3`, within the rules of §B3). */
export const SHARED_TRANSACTION_REQUEST = {
  tasks: ['document_scan', 'face_liveness', 'face_match'],
  settings: { documentScan: { allowedExpiration: -30, redactFields: ['personal_number'], captureSources: ['camera'] } },
  locale: 'nl-NL',
  mobileOnly: false,
  expiresIn: 3600,
} as const;

/** The transaction the run created, with the answer that created it. */
export interface SharedTransaction {
  answer: ProbeAnswer;
  /** The created transaction's id, when the answer carried one. */
  id: string | undefined;
}

/** The body of the webhook a run subscribes: no `events`, so both types are expected by default (§A8). */
export function sharedWebhookRequest(url: string): { url: string; headers: Record<string, string> } {
  return { url, headers: { 'x-id-scan-conformance': 'nestjs-id-scan' } };
}

/** The webhook the run created, with the answer that created it. */
export interface SharedWebhook {
  answer: ProbeAnswer;
  id: string | undefined;
}

/** What a run created on the API under test: counts, and the webhook ids needed to clean up. */
export interface CreationLedger {
  /** Transactions created as planned (0 or 1). */
  transactions: number;
  /** Requests the kit expected to be refused that the API accepted, each possibly a transaction. */
  unplannedTransactions: number;
  webhooksCreated: string[];
  webhooksDeleted: string[];
}

/**
 * The state checks share within one run: the HTTP probe, the package's signer, the one transaction the run may
 * create, and a ledger of everything created so the run can say what it left behind and clean up webhooks.
 */
export class ConformanceContext {
  readonly api: ApiProbeClient;
  readonly credentials: ConformanceCredentials;
  readonly webhookUrl: string;
  readonly ledger: CreationLedger = {
    transactions: 0,
    unplannedTransactions: 0,
    webhooksCreated: [],
    webhooksDeleted: [],
  };
  private readonly signer: TokenSigner;
  private readonly allowance: number;
  private shared?: Promise<SharedTransaction>;
  private sharedWebhook?: Promise<SharedWebhook>;

  constructor(options: ConformanceContextOptions) {
    this.api = new ApiProbeClient(options.baseUrl, options.timeoutMs);
    this.credentials = options.credentials;
    this.webhookUrl = options.webhookUrl;
    this.allowance = options.unplannedTransactionAllowance;
    this.signer = packageSigner(options.credentials);
  }

  /** `Bearer <token>` signed by the package's own signer. */
  async authorization(): Promise<string> {
    return `Bearer ${await this.signer.token()}`;
  }

  /** Sends a request with a valid bearer token. */
  async send(request: Omit<ProbeRequest, 'authorization'>): Promise<ProbeAnswer> {
    return this.api.send({ ...request, authorization: await this.authorization() });
  }

  /**
   * The run's one transaction, created by the first check that asks for it and shared by the rest.
   * @throws NotCheckableError when it could not be created, so checks that need it say so instead of failing.
   */
  async transaction(): Promise<SharedTransaction> {
    this.shared ??= this.send({
      method: 'POST',
      path: ProbePaths.transactions(),
      body: SHARED_TRANSACTION_REQUEST,
    }).then((answer) => {
      const id = isRecord(answer.json) && typeof answer.json.id === 'string' ? answer.json.id : undefined;
      // A success without an id still created something; it counts, even though no check can use it.
      if (answer.status >= 200 && answer.status < 300) this.ledger.transactions++;
      return { answer, id };
    });
    return this.shared;
  }

  /** The id of the run's transaction. @throws NotCheckableError when there is none. */
  async transactionId(): Promise<string> {
    const { id, answer } = await this.transaction();
    if (id === undefined) {
      throw new NotCheckableError(`needs the run's transaction, whose creation answered ${answer.status}`);
    }
    return id;
  }

  /**
   * Posts a create-transaction body the kit expects to be refused. An API that accepts it creates a transaction,
   * so once the allowance is spent further such requests are not sent.
   * @throws NotCheckableError when the allowance is spent.
   */
  async createExpectingRefusal(request: Pick<ProbeRequest, 'body' | 'rawBody'>): Promise<ProbeAnswer> {
    if (this.ledger.unplannedTransactions >= this.allowance) {
      throw new NotCheckableError('not sent: an earlier invalid request already created a transaction');
    }
    const answer = await this.send({ method: 'POST', path: ProbePaths.transactions(), ...request });
    if (answer.status >= 200 && answer.status < 300) this.ledger.unplannedTransactions++;
    return answer;
  }

  /** The run's webhook, subscribed by the first check that asks for it. */
  async webhook(): Promise<SharedWebhook> {
    this.sharedWebhook ??= this.send({
      method: 'POST',
      path: ProbePaths.webhooks(),
      body: sharedWebhookRequest(this.webhookUrl),
    }).then((answer) => ({ answer, id: this.rememberWebhook(answer) }));
    return this.sharedWebhook;
  }

  /** The id of the run's webhook. @throws NotCheckableError when there is none. */
  async webhookId(): Promise<string> {
    const { id, answer } = await this.webhook();
    if (id === undefined)
      throw new NotCheckableError(`needs the run's webhook, whose creation answered ${answer.status}`);
    return id;
  }

  /** Records a webhook the run created, so that {@link cleanUp} removes it if no check did. */
  rememberWebhook(answer: ProbeAnswer): string | undefined {
    const id = isRecord(answer.json) && typeof answer.json.id === 'string' ? answer.json.id : undefined;
    if (id !== undefined && answer.status >= 200 && answer.status < 300) this.ledger.webhooksCreated.push(id);
    return id;
  }

  /** Deletes a webhook the run created and records the outcome. */
  async deleteWebhook(id: string): Promise<ProbeAnswer> {
    const answer = await this.send({ method: 'DELETE', path: ProbePaths.webhook(id) });
    if (answer.status >= 200 && answer.status < 300 && !this.ledger.webhooksDeleted.includes(id)) {
      this.ledger.webhooksDeleted.push(id);
    }
    return answer;
  }

  /** Deletes every webhook the run created and no check deleted. Never throws: the report says what is left. */
  async cleanUp(): Promise<void> {
    for (const id of this.ledger.webhooksCreated) {
      if (this.ledger.webhooksDeleted.includes(id)) continue;
      await this.deleteWebhook(id).catch(() => undefined);
    }
  }
}
