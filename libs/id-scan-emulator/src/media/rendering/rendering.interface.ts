import type { ScannedIdentity } from '../../simulation/identities/scanned-identity.interface';

/**
 * Inputs of the emulator's renderers: the document images, portrait and selfie files a result links to, and the
 * PDF audit reports. Every renderer is a pure function of its input (no clock, no randomness), so the same
 * transaction always downloads the same bytes.
 */

/** Side of a document. */
export type DocumentSide = 'front' | 'back';

/** Encoding of a rendered image. */
export type RenderedImageFormat = 'jpeg' | 'png';

/**
 * What the renderers draw of a {@link ScannedIdentity}: its printed values as given, its MRZ (computed from them
 * when absent or malformed), and its issuing authority (`ID SCAN EMULATOR` when absent). Dates are `YYYY-MM-DD`
 * (docs/id-scan-api.md §B4).
 */
export type RenderedIdentity = Pick<
  ScannedIdentity,
  | 'givenNames'
  | 'surname'
  | 'documentNumber'
  | 'personalNumber'
  | 'dateOfBirth'
  | 'dateOfExpiry'
  | 'dateOfIssue'
  | 'sex'
  | 'nationality'
  | 'nationalityCode'
  | 'issuingCountryCode'
  | 'placeOfBirth'
  | 'documentType'
> &
  Partial<Pick<ScannedIdentity, 'issuingAuthority' | 'mrz'>>;

/** Input of `renderDocumentImage`. */
export interface DocumentImageInput {
  identity: RenderedIdentity;
  side: DocumentSide;
  /**
   * Areas to cover with opaque black boxes (`settings.documentScan.redactFields`): any rendered field name
   * (`document_number`, `given_names`, `surname`, `date_of_birth`, `date_of_expiry`, `date_of_issue`, `sex`,
   * `nationality`, `issuing_country`, `personal_number`, `place_of_birth`, `document_type`) and the image areas
   * `portrait`, `signature` and `mrz`. Unknown names are ignored.
   */
  redactFields: readonly string[];
  /** The picture the person uploaded (JPEG or PNG); it becomes the document's portrait. Unreadable data is ignored. */
  photo?: Buffer;
  /** @default 'jpeg' */
  format?: RenderedImageFormat;
}

/** Input of `renderPortrait`: the portrait file cut from the document. */
export interface PortraitInput {
  identity: RenderedIdentity;
  /** The uploaded picture (JPEG or PNG); without it, the same generated face as on the document. */
  photo?: Buffer;
  /** @default 'jpeg' */
  format?: RenderedImageFormat;
}

/** Input of `renderSelfie`: the picture the liveness check took. */
export interface SelfieInput {
  identity: RenderedIdentity;
  /** The uploaded picture (JPEG or PNG); without it, a generated face. */
  photo?: Buffer;
  /** `false` for a failed liveness check: the picture looks like a photo of a screen, tinted and striped. */
  live: boolean;
  /**
   * Whether the generated face is the document holder's (`false` draws someone else, for `face_mismatch`).
   * Ignored when a photo is given.
   * @default true
   */
  samePerson?: boolean;
  /** @default 'jpeg' */
  format?: RenderedImageFormat;
}

/** One task line of an audit report. */
export interface ReportTask {
  type: string;
  state: string;
  /** 0..1 when the task has a score. */
  score?: number;
}

/** One field line of an audit report: the value the result recommends (docs/id-scan-api.md §B4) and where it came from. */
export interface ReportField {
  field: string;
  value: string;
  validity: string;
  source: string;
}

/** An image embedded in an extended report (JPEG or PNG bytes). */
export interface ReportImage {
  label: string;
  data: Buffer;
}

/** Input of `renderReport`. */
export interface ReportInput {
  /** `simple`: not sealed, no documents; `extended`: also every image, one page each, with an emulated seal. */
  type: 'simple' | 'extended';
  transactionId: string;
  resultId: string;
  /** ISO-8601. */
  createdAt: string;
  /** ISO-8601; also the PDF's creation date, so the same result always gives the same bytes. */
  completedAt: string;
  locale: string;
  tasks: readonly ReportTask[];
  fields: readonly ReportField[];
  /** Extended reports only; ignored for `simple`. */
  images?: readonly ReportImage[];
}
