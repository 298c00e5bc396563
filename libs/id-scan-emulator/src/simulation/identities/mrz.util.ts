import type { EmulatedDocumentType, EmulatedSex } from './scanned-identity.interface';

// The one implementation of the machine readable zone of the emulated documents, per ICAO Doc 9303: TD3 (two
// lines of 44) for passports, TD1 (three lines of 30) for identity cards. Identities are issued with it, and the
// renderers locate fields in it for redaction.

/** The MRZ layout of a document. */
export type MrzFormat = 'TD1' | 'TD3';

/** Where a field's characters sit in the MRZ: line index (0-based), first column (0-based), length. */
export interface MrzSpan {
  line: number;
  start: number;
  length: number;
}

/** A composed MRZ and, per result field name, where its characters are (for redaction). */
export interface Mrz {
  format: MrzFormat;
  lines: string[];
  spans: Record<string, MrzSpan[]>;
}

const WEIGHTS = [7, 3, 1];

/**
 * ICAO 9303 check digit of `value` (digits, `A`-`Z` and the filler `<`): characters weighted 7, 3, 1 in turn,
 * summed modulo 10. Anything else counts as a filler.
 */
export function mrzCheckDigit(value: string): string {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let n = 0;
    if (code >= 48 && code <= 57) {
      n = code - 48;
    } else if (code >= 65 && code <= 90) {
      n = code - 55;
    }
    sum += n * WEIGHTS[i % 3];
  }
  return String(sum % 10);
}

const TRANSLITERATIONS: Record<string, string> = {
  Æ: 'AE',
  Œ: 'OE',
  Ø: 'O',
  Þ: 'TH',
  ß: 'SS',
  Ð: 'D',
  Ł: 'L',
  Đ: 'D',
  Ħ: 'H',
  Ŀ: 'L',
  Ŋ: 'N',
  Ŧ: 'T',
  Ĳ: 'IJ',
};

/**
 * `value` in MRZ characters: upper case, accents dropped, a few ligatures spelled out (ICAO 9303 part 3, 6.A),
 * apostrophes removed, every other character a filler `<`.
 */
export function toMrzText(value: string): string {
  const upper = value.toUpperCase().replace(/['’`]/g, '');
  let out = '';
  for (const char of upper) {
    const spelled = TRANSLITERATIONS[char] ?? char.normalize('NFD').replace(/\p{M}/gu, '');
    out += spelled.replace(/[^A-Z0-9]/g, '<');
  }
  return out;
}

/** `value` cut or padded with fillers to exactly `length`. */
export function padMrz(value: string, length: number): string {
  return value.slice(0, length).padEnd(length, '<');
}

/** `YYYY-MM-DD` as the MRZ's `YYMMDD`; anything unparsable becomes fillers. */
export function toMrzDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return match ? `${match[1].slice(2)}${match[2]}${match[3]}` : '<<<<<<';
}

/**
 * The name field: primary identifier (surname), two fillers, secondary identifier (given names), cut to
 * `length`. When too long, given names are cut first, as ICAO 9303 part 3 allows.
 */
export function mrzName(surname: string, givenNames: string, length: number): string {
  const primary = toMrzText(surname.trim()).replace(/<+/g, '<');
  const secondary = toMrzText(givenNames.trim()).replace(/<+/g, '<');
  const name = secondary ? `${primary}<<${secondary}` : primary;
  return padMrz(name, length);
}

/** Inverse of a name field for reading: `DE<VRIES` becomes `DE VRIES`. */
export function mrzToText(field: string): string {
  return field.replace(/<+$/, '').replace(/<+/g, ' ').trim();
}

/** What goes into an MRZ. */
export interface MrzInput {
  /** `P<` for passports; `I<` or `ID` for identity cards. */
  documentCode: string;
  /** ISO 3166-1 alpha-3 code (or an ICAO code such as `D` or `UTO`) of the issuing state. */
  issuingCountryCode: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationalityCode: string;
  dateOfBirth: string;
  sex: EmulatedSex;
  dateOfExpiry: string;
  personalNumber?: string;
  /** When `true`, the document number's check digit is deliberately wrong (a forged or misread document). */
  corruptDocumentNumberCheckDigit?: boolean;
}

/** The fields an MRZ is composed from when a holder carries no lines of its own. */
export interface MrzSource extends Omit<MrzInput, 'documentCode' | 'corruptDocumentNumberCheckDigit'> {
  documentType: EmulatedDocumentType;
  /** Lines to use as they are when well-formed (2 x 44 or 3 x 30 characters of `A-Z0-9<`). */
  mrz?: readonly string[];
}

function sexCode(sex: EmulatedSex): string {
  return sex === 'X' ? '<' : sex;
}

/**
 * The MRZ of `source`: TD3 for a passport, TD1 for an identity card, with where each field sits. `source.mrz` is
 * used as given when it has the right shape (so a deliberately wrong check digit shows); otherwise the lines are
 * computed with the generic document codes `P<` and `I<`.
 */
export function composeMrz(source: MrzSource): Mrz {
  const format: MrzFormat = source.documentType === 'PASSPORT' ? 'TD3' : 'TD1';
  const given = source.mrz;
  const [count, length] = format === 'TD3' ? [2, 44] : [3, 30];
  const lines =
    given?.length === count && given.every((line) => line.length === length && /^[A-Z0-9<]+$/.test(line))
      ? [...given]
      : format === 'TD3'
        ? buildTd3({ ...source, documentCode: 'P<' })
        : buildTd1({ ...source, documentCode: 'I<' });
  return { format, lines, spans: mrzSpans(format, lines) };
}

/** The lines of a TD3 (passport) MRZ. A document number over nine characters is cut to nine. */
export function buildTd3(input: MrzInput): string[] {
  const issuing = padMrz(toMrzText(input.issuingCountryCode), 3);
  const line1 = `${padMrz(input.documentCode, 2)}${issuing}${mrzName(input.surname, input.givenNames, 39)}`;

  const number = padMrz(toMrzText(input.documentNumber), 9);
  const birth = toMrzDate(input.dateOfBirth);
  const expiry = toMrzDate(input.dateOfExpiry);
  const personal = padMrz(toMrzText(input.personalNumber ?? ''), 14);
  // An empty optional data field takes a filler as its check digit (ICAO 9303 part 4, 4.2.2).
  const personalCheck = /^<+$/.test(personal) ? '<' : mrzCheckDigit(personal);
  const numberPart = `${number}${documentNumberCheck(number, input.corruptDocumentNumberCheckDigit)}`;
  const birthPart = `${birth}${mrzCheckDigit(birth)}`;
  const expiryPart = `${expiry}${mrzCheckDigit(expiry)}`;
  const composite = mrzCheckDigit(`${numberPart}${birthPart}${expiryPart}${personal}${personalCheck}`);
  const nationality = padMrz(toMrzText(input.nationalityCode), 3);
  const line2 =
    `${numberPart}${nationality}${birthPart}${sexCode(input.sex)}${expiryPart}` +
    `${personal}${personalCheck}${composite}`;
  return [line1, line2];
}

/**
 * The lines of a TD1 (identity card) MRZ. A document number over nine characters continues in the optional data
 * as ICAO prescribes.
 */
export function buildTd1(input: MrzInput): string[] {
  const issuing = padMrz(toMrzText(input.issuingCountryCode), 3);
  const fullNumber = toMrzText(input.documentNumber);
  const personal = toMrzText(input.personalNumber ?? '');
  let numberField: string;
  let optional1: string;
  if (fullNumber.length <= 9) {
    const number = padMrz(fullNumber, 9);
    numberField = `${number}${documentNumberCheck(number, input.corruptDocumentNumberCheckDigit)}`;
    optional1 = padMrz(personal, 15);
  } else {
    // A number over nine characters continues in the optional data, followed by its check digit, after a filler
    // in the check digit position (ICAO 9303 part 5, 4.2.4 note j).
    const rest = fullNumber.slice(9, 22);
    numberField = `${fullNumber.slice(0, 9)}<`;
    optional1 = padMrz(
      `${rest}${documentNumberCheck(fullNumber.slice(0, 22), input.corruptDocumentNumberCheckDigit)}<${personal}`,
      15,
    );
  }
  const line1 = `${padMrz(input.documentCode, 2)}${issuing}${numberField}${optional1}`;

  const birth = toMrzDate(input.dateOfBirth);
  const expiry = toMrzDate(input.dateOfExpiry);
  const nationality = padMrz(toMrzText(input.nationalityCode), 3);
  const optional2 = padMrz('', 11);
  const birthPart = `${birth}${mrzCheckDigit(birth)}`;
  const expiryPart = `${expiry}${mrzCheckDigit(expiry)}`;
  const composite = mrzCheckDigit(`${line1.slice(5, 30)}${birthPart}${expiryPart}${optional2}`);
  const line2 = `${birthPart}${sexCode(input.sex)}${expiryPart}${nationality}${optional2}${composite}`;
  const line3 = mrzName(input.surname, input.givenNames, 30);
  return [line1, line2, line3];
}

function documentNumberCheck(number: string, corrupt: boolean | undefined): string {
  const digit = mrzCheckDigit(number);
  return corrupt ? String((Number(digit) + 5) % 10) : digit;
}

/** Where each field's characters are in MRZ `lines` of `format`. */
export function mrzSpans(format: MrzFormat, lines: readonly string[]): Record<string, MrzSpan[]> {
  if (format === 'TD3') {
    return {
      document_type: [{ line: 0, start: 0, length: 2 }],
      issuing_country: [{ line: 0, start: 2, length: 3 }],
      surname: [nameSpan(lines[0], 0, 5, 39, 'primary')],
      given_names: [nameSpan(lines[0], 0, 5, 39, 'secondary')],
      document_number: [{ line: 1, start: 0, length: 10 }],
      nationality: [{ line: 1, start: 10, length: 3 }],
      date_of_birth: [{ line: 1, start: 13, length: 7 }],
      sex: [{ line: 1, start: 20, length: 1 }],
      date_of_expiry: [{ line: 1, start: 21, length: 7 }],
      personal_number: [{ line: 1, start: 28, length: 15 }],
    };
  }
  const line1 = lines[0];
  // A filler in the check digit position followed by data: the number continues in the optional data, up to and
  // including its check digit.
  const continued = line1[14] === '<' && line1[15] !== '<' ? line1.slice(15).split('<')[0] : '';
  const numberSpanLength = 10 + continued.length;
  const personalStart = continued ? 15 + continued.length + 1 : 15;
  const personalLength = line1.slice(personalStart).replace(/<+$/, '').length;
  return {
    document_type: [{ line: 0, start: 0, length: 2 }],
    issuing_country: [{ line: 0, start: 2, length: 3 }],
    document_number: [{ line: 0, start: 5, length: numberSpanLength }],
    personal_number: personalLength > 0 ? [{ line: 0, start: personalStart, length: personalLength }] : [],
    date_of_birth: [{ line: 1, start: 0, length: 7 }],
    sex: [{ line: 1, start: 7, length: 1 }],
    date_of_expiry: [{ line: 1, start: 8, length: 7 }],
    nationality: [{ line: 1, start: 15, length: 3 }],
    surname: [nameSpan(lines[2], 2, 0, 30, 'primary')],
    given_names: [nameSpan(lines[2], 2, 0, 30, 'secondary')],
  };
}

function nameSpan(
  line: string,
  lineIndex: number,
  offset: number,
  length: number,
  part: 'primary' | 'secondary',
): MrzSpan {
  const field = line.slice(offset, offset + length);
  const separator = field.indexOf('<<');
  const primaryEnd = separator === -1 ? field.replace(/<+$/, '').length : separator;
  if (part === 'primary') {
    return { line: lineIndex, start: offset, length: primaryEnd };
  }
  const secondaryStart = Math.min(length, primaryEnd + 2);
  const secondaryLength = field.slice(secondaryStart).replace(/<+$/, '').length;
  return {
    line: lineIndex,
    start: offset + secondaryStart,
    length: secondaryLength,
  };
}
