/**
 * Inputs of the emulator's renderers: the document images, portrait and selfie files a result links to, and the
 * PDF audit reports. Every renderer is a pure function of its input (no clock, no randomness), so the same
 * transaction always downloads the same bytes.
 */

/** The kind of document an emulated identity carries; the MRZ layout follows it (TD3 passport, TD1 card). */
export type EmulatedDocumentType = 'PASSPORT' | 'ID_CARD';

/** Sex as printed in the MRZ (`X` is ICAO 9303's "unspecified", written `<` in the MRZ). */
export type EmulatedSex = 'F' | 'M' | 'X';

/** Side of a document. */
export type DocumentSide = 'front' | 'back';

/** Encoding of a rendered image. */
export type RenderedImageFormat = 'jpeg' | 'png';

/**
 * The fictional person whose document the emulator shows. Dates are `YYYY-MM-DD` (docs/id-scan-api.md §B4). Values are printed as
 * given; the MRZ is computed from them (upper-cased, transliterated to A-Z, `<` for anything else).
 */
export interface EmulatedIdentity {
  givenNames: string;
  surname: string;
  documentNumber: string;
  personalNumber?: string;
  dateOfBirth: string;
  dateOfExpiry: string;
  dateOfIssue: string;
  sex: EmulatedSex;
  /** Country name, for example `Netherlands`. */
  nationality: string;
  /** ISO 3166-1 alpha-3 code (or an ICAO code such as `D` or `UTO`), for example `NLD`. */
  nationalityCode: string;
  /** ISO 3166-1 alpha-3 code of the issuing state, for example `NLD`. */
  issuingCountry: string;
  placeOfBirth: string;
  documentType: EmulatedDocumentType;
  /** Issuing authority as printed, for example `Burgemeester van Utrecht`. @default 'ID SCAN EMULATOR' */
  issuingAuthority?: string;
  /**
   * The MRZ lines to print (2 x 44 for a passport, 3 x 30 for an identity card), for instance with a deliberately
   * wrong check digit; computed from the other fields when absent or malformed.
   */
  mrz?: readonly string[];
}

/** Input of `renderDocumentImage`. */
export interface DocumentImageInput {
  identity: EmulatedIdentity;
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
  identity: EmulatedIdentity;
  /** The uploaded picture (JPEG or PNG); without it, the same generated face as on the document. */
  photo?: Buffer;
  /** @default 'jpeg' */
  format?: RenderedImageFormat;
}

/** Input of `renderSelfie`: the picture the liveness check took. */
export interface SelfieInput {
  identity: EmulatedIdentity;
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
