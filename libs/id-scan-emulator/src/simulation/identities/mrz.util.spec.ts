import { buildTd1, buildTd3, mrzCheckDigit, mrzTransliterate } from './mrz.util';

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
    expect(mrzTransliterate('Lefèvre')).toBe('LEFEVRE');
    expect(mrzTransliterate('de Vries')).toBe('DE<VRIES');
    expect(mrzTransliterate('François-Luc')).toBe('FRANCOIS<LUC');
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
