// ICAO Doc 9303 machine readable zones: TD3 (passports, 2 × 44) and TD1 (identity cards, 3 × 30).

/** The ICAO 9303 check digit of an MRZ field (weights 7, 3, 1; `<` counts 0, letters 10 to 35). */
export function mrzCheckDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const char = field[i];
    const value =
      char === '<' ? 0 : char >= '0' && char <= '9' ? Number(char) : char.charCodeAt(0) - 'A'.charCodeAt(0) + 10;
    sum += value * weights[i % 3];
  }
  return String(sum % 10);
}

/** Upper-case MRZ form of printed text: diacritics dropped, anything but A-Z and 0-9 becomes `<`. */
export function mrzTransliterate(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'SS')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '<');
}

/** Inverse of the name field for reading: `DE<VRIES` → `DE VRIES`. */
export function mrzToText(field: string): string {
  return field.replace(/<+$/, '').replace(/<+/g, ' ').trim();
}

/** `YYYY-MM-DD` → `YYMMDD`. */
export function mrzDate(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}

/** What goes into an MRZ. */
export interface MrzInput {
  /** `P<`, `I<` or `ID`. */
  documentCode: string;
  issuingCountryCode: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationalityCode: string;
  dateOfBirth: string;
  sex: 'F' | 'M' | 'X';
  dateOfExpiry: string;
  personalNumber?: string;
  /** When `true`, the document number's check digit is deliberately wrong (a forged or misread document). */
  corruptDocumentNumberCheckDigit?: boolean;
}

/** The lines of a TD3 (passport) MRZ. */
export function buildTd3(input: MrzInput): string[] {
  const names = pad(`${mrzTransliterate(input.surname)}<<${mrzTransliterate(input.givenNames)}`, 39);
  const line1 = pad(`${input.documentCode}${input.issuingCountryCode}${names}`, 44);
  const number = pad(mrzTransliterate(input.documentNumber), 9);
  const numberCheck = documentNumberCheck(number, input.corruptDocumentNumberCheckDigit);
  const birth = mrzDate(input.dateOfBirth);
  const expiry = mrzDate(input.dateOfExpiry);
  const personal = pad(mrzTransliterate(input.personalNumber ?? ''), 14);
  const personalCheck = mrzCheckDigit(personal);
  const composite = mrzCheckDigit(
    `${number}${numberCheck}${birth}${mrzCheckDigit(birth)}${expiry}${mrzCheckDigit(expiry)}${personal}${personalCheck}`,
  );
  const line2 =
    `${number}${numberCheck}${input.nationalityCode}${birth}${mrzCheckDigit(birth)}${mrzSex(input.sex)}` +
    `${expiry}${mrzCheckDigit(expiry)}${personal}${personalCheck}${composite}`;
  return [line1, line2];
}

/** The lines of a TD1 (identity card) MRZ. */
export function buildTd1(input: MrzInput): string[] {
  const number = pad(mrzTransliterate(input.documentNumber), 9);
  const numberCheck = documentNumberCheck(number, input.corruptDocumentNumberCheckDigit);
  const optional1 = pad(mrzTransliterate(input.personalNumber ?? ''), 15);
  const line1 = `${pad(input.documentCode, 2)}${input.issuingCountryCode}${number}${numberCheck}${optional1}`;
  const birth = `${mrzDate(input.dateOfBirth)}${mrzCheckDigit(mrzDate(input.dateOfBirth))}`;
  const expiry = `${mrzDate(input.dateOfExpiry)}${mrzCheckDigit(mrzDate(input.dateOfExpiry))}`;
  const optional2 = pad('', 11);
  const composite = mrzCheckDigit(`${line1.slice(5)}${birth}${expiry}${optional2}`);
  const line2 = `${birth}${mrzSex(input.sex)}${expiry}${input.nationalityCode}${optional2}${composite}`;
  const line3 = pad(`${mrzTransliterate(input.surname)}<<${mrzTransliterate(input.givenNames)}`, 30);
  return [line1, line2, line3];
}

function documentNumberCheck(number: string, corrupt: boolean | undefined): string {
  const digit = mrzCheckDigit(number);
  return corrupt ? String((Number(digit) + 5) % 10) : digit;
}

function mrzSex(sex: 'F' | 'M' | 'X'): string {
  return sex === 'X' ? '<' : sex;
}

function pad(text: string, length: number): string {
  return text.length >= length ? text.slice(0, length) : text + '<'.repeat(length - text.length);
}
