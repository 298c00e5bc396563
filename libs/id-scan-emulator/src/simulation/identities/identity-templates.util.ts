import type { IdentityTemplate } from './identity-template.interface';

// A Belgian national register number: birth date, a serial (odd for men, even for women), and 97 minus the
// remainder modulo 97 (with a leading 2 for people born from 2000 on).
function belgianNationalNumber(serialBase: number): (dateOfBirth: string, sex: 'F' | 'M' | 'X') => string {
  return (dateOfBirth, sex) => {
    const yymmdd = dateOfBirth.slice(2, 4) + dateOfBirth.slice(5, 7) + dateOfBirth.slice(8, 10);
    const serial = String(sex === 'F' ? serialBase * 2 : serialBase * 2 + 1).padStart(3, '0');
    const body = `${yymmdd}${serial}`;
    const prefix = Number(dateOfBirth.slice(0, 4)) >= 2000 ? '2' : '';
    const check = String(97 - (Number(`${prefix}${body}`) % 97)).padStart(2, '0');
    return `${body.slice(0, 2)}.${body.slice(2, 4)}.${body.slice(4, 6)}-${serial}.${check}`;
  };
}

/**
 * The fictional people the emulator issues documents to. Names, numbers and places are invented; the numbers
 * follow each country's format and checksum (Dutch BSN eleven-test, Belgian modulo 97), so validators accept them.
 */
export const IDENTITY_TEMPLATES: readonly IdentityTemplate[] = [
  {
    key: 'nl-de-vries',
    countryCode: 'NLD',
    region: 'NL',
    country: 'Netherlands',
    nationalityLocalized: { locale: 'nl-NL', value: 'Nederlandse' },
    documentLocale: 'nl-NL',
    issuingAuthority: 'Burgemeester van Utrecht',
    givenNames: 'Sanne Willemijn',
    surname: 'de Vries',
    sex: 'F',
    dateOfBirth: '1987-03-14',
    placeOfBirth: 'Utrecht',
    height: '1.72',
    personalNumber: () => '987654305',
    passport: { name: 'Netherlands - ePassport (2021)', mrzCode: 'P<', documentNumber: 'NXR4K2P71', validityYears: 10 },
    idCard: {
      name: 'Netherlands - Identity Card (2021)',
      mrzCode: 'I<',
      documentNumber: 'IRF83LJ06',
      validityYears: 10,
    },
  },
  {
    key: 'nl-jansen',
    countryCode: 'NLD',
    region: 'NL',
    country: 'Netherlands',
    nationalityLocalized: { locale: 'nl-NL', value: 'Nederlandse' },
    documentLocale: 'nl-NL',
    issuingAuthority: 'Burgemeester van Rotterdam',
    givenNames: 'Daan Pieter',
    surname: 'Jansen',
    sex: 'M',
    dateOfBirth: '1979-11-02',
    placeOfBirth: 'Rotterdam',
    height: '1.86',
    personalNumber: () => '123456782',
    passport: { name: 'Netherlands - ePassport (2021)', mrzCode: 'P<', documentNumber: 'NW7HC4RT5', validityYears: 10 },
    idCard: {
      name: 'Netherlands - Identity Card (2021)',
      mrzCode: 'I<',
      documentNumber: 'IPD29KX83',
      validityYears: 10,
    },
  },
  {
    key: 'fr-lefevre',
    countryCode: 'FRA',
    region: 'FR',
    country: 'France',
    nationalityLocalized: { locale: 'fr-FR', value: 'Française' },
    documentLocale: 'fr-FR',
    issuingAuthority: 'Préfecture du Rhône',
    givenNames: 'Hélène Marie',
    surname: 'Lefèvre',
    sex: 'F',
    dateOfBirth: '1992-07-23',
    placeOfBirth: 'Lyon',
    height: '1.65',
    passport: { name: 'France - ePassport (2019)', mrzCode: 'P<', documentNumber: '19AK52817', validityYears: 10 },
    idCard: { name: 'France - Identity Card (2021)', mrzCode: 'ID', documentNumber: 'X4RTBPFW4', validityYears: 10 },
  },
  {
    key: 'fr-bernard',
    countryCode: 'FRA',
    region: 'FR',
    country: 'France',
    nationalityLocalized: { locale: 'fr-FR', value: 'Française' },
    documentLocale: 'fr-FR',
    issuingAuthority: 'Préfecture de la Gironde',
    givenNames: 'Julien Étienne',
    surname: 'Bernard',
    sex: 'M',
    dateOfBirth: '1984-01-30',
    placeOfBirth: 'Bordeaux',
    height: '1.79',
    passport: { name: 'France - ePassport (2019)', mrzCode: 'P<', documentNumber: '21CD40358', validityYears: 10 },
    idCard: { name: 'France - Identity Card (2021)', mrzCode: 'ID', documentNumber: 'T7NQ2ZL58', validityYears: 10 },
  },
  {
    key: 'be-peeters',
    countryCode: 'BEL',
    region: 'BE',
    country: 'Belgium',
    nationalityLocalized: { locale: 'nl-BE', value: 'Belg' },
    documentLocale: 'nl-BE',
    issuingAuthority: 'Gent',
    givenNames: 'Lotte An',
    surname: 'Peeters',
    sex: 'F',
    dateOfBirth: '1995-05-09',
    placeOfBirth: 'Gent',
    height: '1.69',
    personalNumber: belgianNationalNumber(73),
    passport: { name: 'Belgium - ePassport (2022)', mrzCode: 'P<', documentNumber: 'EM4827160', validityYears: 7 },
    idCard: { name: 'Belgium - Identity Card (2020)', mrzCode: 'ID', documentNumber: '592184376', validityYears: 10 },
  },
  {
    key: 'be-dubois',
    countryCode: 'BEL',
    region: 'BE',
    country: 'Belgium',
    nationalityLocalized: { locale: 'fr-BE', value: 'Belge' },
    documentLocale: 'fr-BE',
    issuingAuthority: 'Liège',
    givenNames: 'François Luc',
    surname: 'Dubois',
    sex: 'M',
    dateOfBirth: '1968-09-17',
    placeOfBirth: 'Liège',
    height: '1.81',
    personalNumber: belgianNationalNumber(158),
    passport: { name: 'Belgium - ePassport (2022)', mrzCode: 'P<', documentNumber: 'EN0395712', validityYears: 7 },
    idCard: { name: 'Belgium - Identity Card (2020)', mrzCode: 'ID', documentNumber: '604317295', validityYears: 10 },
  },
];
