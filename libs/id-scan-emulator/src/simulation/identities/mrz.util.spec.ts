import type { RenderedIdentity } from '../../media/rendering/rendering.interface';
import { buildTd1, buildTd3, composeMrz, mrzCheckDigit, mrzName, toMrzDate, toMrzText } from './mrz.util';

// The specimens of ICAO Doc 9303 (parts 4 and 5): Anna Maria Eriksson of Utopia.
const specimen = {
  issuingCountryCode: 'UTO',
  surname: 'Eriksson',
  givenNames: 'Anna María',
  nationalityCode: 'UTO',
  dateOfBirth: '1974-08-12',
  sex: 'F' as const,
  dateOfExpiry: '2012-04-15',
};

describe('MRZ', () => {
  it('computes ICAO check digits', () => {
    expect(mrzCheckDigit('L898902C3')).toBe('6');
    expect(mrzCheckDigit('740812')).toBe('2');
    expect(mrzCheckDigit('120415')).toBe('9');
    expect(mrzCheckDigit('<<<<<<<<<<<<<<')).toBe('0');
  });

  it('transliterates printed text', () => {
    expect(toMrzText('Lefèvre')).toBe('LEFEVRE');
    expect(toMrzText('de Vries')).toBe('DE<VRIES');
    expect(toMrzText('François-Luc')).toBe('FRANCOIS<LUC');
  });

  it('builds the TD3 specimen', () => {
    expect(
      buildTd3({ ...specimen, documentCode: 'P<', documentNumber: 'L898902C3', personalNumber: 'ZE184226B' }),
    ).toEqual(['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']);
  });

  it('builds the TD1 specimen', () => {
    expect(buildTd1({ ...specimen, documentCode: 'I<', documentNumber: 'D23145890' })).toEqual([
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ]);
  });

  it('writes a wrong document number check digit when asked to', () => {
    const [, line2] = buildTd3({
      ...specimen,
      documentCode: 'P<',
      documentNumber: 'L898902C3',
      corruptDocumentNumberCheckDigit: true,
    });
    expect(line2.slice(0, 9)).toBe('L898902C3');
    expect(line2[9]).not.toBe('6');
  });
});

// ICAO Doc 9303's specimen holder, Anna Maria Eriksson of Utopia (part 4, appendix A; part 5, appendix A).
const anna: RenderedIdentity = {
  givenNames: 'Anna Maria',
  surname: 'Eriksson',
  documentNumber: 'L898902C3',
  personalNumber: 'ZE184226B',
  dateOfBirth: '1974-08-12',
  dateOfExpiry: '2012-04-15',
  dateOfIssue: '2002-04-16',
  sex: 'F',
  nationality: 'Utopian',
  nationalityCode: 'UTO',
  issuingCountryCode: 'UTO',
  placeOfBirth: 'Zenith',
  documentType: 'PASSPORT',
};

describe('mrzCheckDigit', () => {
  it.each([
    ['L898902C3', '6'],
    ['740812', '2'],
    ['120415', '9'],
    ['ZE184226B<<<<<', '1'],
    ['D23145890', '7'],
    ['<<<<<<<<<', '0'],
  ])('%s has check digit %s', (value, digit) => {
    expect(mrzCheckDigit(value)).toBe(digit);
  });

  it('gives the TD3 specimen composite check digit 0', () => {
    expect(mrzCheckDigit('L898902C36' + '7408122' + '1204159' + 'ZE184226B<<<<<1')).toBe('0');
  });
});

describe('toMrzText', () => {
  it('upper-cases, drops accents and apostrophes, and spells out ligatures', () => {
    expect(toMrzText("d'Arc-Müller Ærø")).toBe('DARC<MULLER<AERO');
    expect(toMrzText('Groß')).toBe('GROSS');
  });

  it('turns other characters into fillers', () => {
    expect(toMrzText('A.B C')).toBe('A<B<C');
  });
});

describe('mrzName and toMrzDate', () => {
  it('joins surname and given names with two fillers and pads', () => {
    expect(mrzName('Eriksson', 'Anna Maria', 39)).toBe('ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<');
  });

  it('cuts a long name to the field length', () => {
    expect(mrzName('Wolfeschlegelsteinhausenbergerdorff', 'Hubert Blaine', 30)).toHaveLength(30);
  });

  it('converts ISO dates and fills unparsable ones', () => {
    expect(toMrzDate('1974-08-12')).toBe('740812');
    expect(toMrzDate('unknown')).toBe('<<<<<<');
  });
});

describe('composeMrz', () => {
  it('reproduces the ICAO TD3 specimen', () => {
    const mrz = composeMrz(anna);
    expect(mrz.format).toBe('TD3');
    expect(mrz.lines).toEqual([
      'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
      'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
    ]);
  });

  it('reproduces the ICAO TD1 specimen', () => {
    const mrz = composeMrz({
      ...anna,
      documentType: 'ID_CARD',
      documentNumber: 'D23145890',
      personalNumber: '',
    });
    expect(mrz.format).toBe('TD1');
    expect(mrz.lines).toEqual([
      'I<UTOD231458907<<<<<<<<<<<<<<<',
      '7408122F1204159UTO<<<<<<<<<<<6',
      'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
    ]);
  });

  it('writes an unspecified sex as a filler', () => {
    expect(composeMrz({ ...anna, sex: 'X' }).lines[1][20]).toBe('<');
  });

  it('continues a long TD1 document number in the optional data with its check digit', () => {
    const mrz = composeMrz({
      ...anna,
      documentType: 'ID_CARD',
      documentNumber: 'D23145890734',
      personalNumber: '',
    });
    expect(mrz.lines[0]).toBe(`I<UTOD23145890<734${mrzCheckDigit('D23145890734')}`.padEnd(30, '<'));
    expect(mrz.lines[0]).toHaveLength(30);
    expect(mrz.spans.document_number).toEqual([{ line: 0, start: 5, length: 14 }]);
  });

  it('locates every field so that redaction can cover it', () => {
    const mrz = composeMrz(anna);
    const text = (field: string): string =>
      mrz.spans[field].map((span) => mrz.lines[span.line].slice(span.start, span.start + span.length)).join('');
    expect(text('document_number')).toBe('L898902C36');
    expect(text('date_of_birth')).toBe('7408122');
    expect(text('surname')).toBe('ERIKSSON');
    expect(text('given_names')).toBe('ANNA<MARIA');
    expect(text('personal_number')).toBe('ZE184226B<<<<<1');

    const card = composeMrz({
      ...anna,
      documentType: 'ID_CARD',
      documentNumber: 'D23145890',
      personalNumber: '123',
    });
    const cardText = (field: string): string =>
      card.spans[field].map((span) => card.lines[span.line].slice(span.start, span.start + span.length)).join('');
    expect(cardText('personal_number')).toBe('123');
    expect(cardText('surname')).toBe('ERIKSSON');
    expect(cardText('nationality')).toBe('UTO');
  });

  it('prints given lines as they are, wrong check digits included', () => {
    const lines = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C31UTO7408122F1204159ZE184226B<<<<<10'];
    expect(composeMrz({ ...anna, mrz: lines }).lines).toEqual(lines);
  });

  it('computes the lines when the given ones are malformed', () => {
    expect(composeMrz({ ...anna, mrz: ['P<UTO'] }).lines[1]).toBe('L898902C36UTO7408122F1204159ZE184226B<<<<<10');
  });
});
