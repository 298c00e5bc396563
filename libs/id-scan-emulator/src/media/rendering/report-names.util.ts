import { IDENTITY_TEMPLATES } from '../../simulation/identities/identity-templates.util';
import type { ReportMessages } from './report-i18n.constants';

/**
 * Names in a report, in its language: the English country names the emulator's results carry (`Belgium`) and
 * the labels of its images (`Netherlands - Identity Card (2021) Side B`, `Portrait`), through `Intl.DisplayNames`
 * and the report's texts. A value the emulator did not make is kept as it is.
 */

const regionNames = new Map<string, Intl.DisplayNames>();

function regionName(region: string, locale: string): string | undefined {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    regionNames.set(locale, names);
  }
  return names.of(region);
}

/** An English country name of the emulator's identities in `locale` (`Belgium` → `Belgique`); else as given. */
export function countryIn(value: string, locale: string): string {
  const template = IDENTITY_TEMPLATES.find((candidate) => candidate.country === value);
  return (template && regionName(template.region, locale)) || value;
}

const BACK_SIDE = ' Side B';

/** An image's label in the report's language: a document model with its country, kind, year and side. */
export function imageCaption(label: string, locale: string, text: ReportMessages): string {
  if (text.images[label]) return text.images[label];
  const back = label.endsWith(BACK_SIDE);
  const model = back ? label.slice(0, -BACK_SIDE.length) : label;
  for (const template of IDENTITY_TEMPLATES) {
    const kind = template.passport.name === model ? 'passport' : template.idCard.name === model ? 'id_card' : undefined;
    const country = kind && regionName(template.region, locale);
    if (!kind || !country) continue;
    const year = /\((\d{4})\)$/.exec(model)?.[1];
    const caption = `${country} – ${text.documentKinds[kind]}${year ? ` (${year})` : ''}`;
    return back ? text.documentBack(caption) : caption;
  }
  return label;
}
