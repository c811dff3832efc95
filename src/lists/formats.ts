// The list formats interdict reads, each parsed by its own module in ./sources/. Parsers are loaded
// on demand so that a command that reads one format does not pay for the others (exceljs ...).
import type { ListParser } from './parser.js';
import { ListSourceError } from './errors.js';

export const FORMAT_MODULES = {
  ofac_csv: 'ofac-csv',
  ofac_xml: 'ofac-xml',
  ofac_advanced_xml: 'ofac-advanced-xml',
  ofac_enhanced_xml: 'ofac-enhanced-xml',
  un_xml: 'un-xml',
  ofsi_xlsx: 'ofsi-xlsx',
  ofsi_csv: 'ofsi-csv',
  fcdo_ods: 'fcdo-ods',
  eu_fsf_xml: 'eu-fsf-xml',
  eu_fsf_csv: 'eu-fsf-csv',
  csl_csv: 'csl-csv',
  csl_json: 'csl-json',
  ftm_json: 'ftm-json',
  os_simple_csv: 'os-simple-csv',
} as const;

export type FormatId = keyof typeof FORMAT_MODULES;
export const FORMAT_IDS = Object.keys(FORMAT_MODULES) as FormatId[];

export function isFormatId(value: string): value is FormatId {
  return Object.hasOwn(FORMAT_MODULES, value);
}

export async function parserFor(format: string): Promise<ListParser> {
  if (!isFormatId(format)) {
    throw new ListSourceError(`unknown format "${format}" (known: ${FORMAT_IDS.join(', ')})`);
  }
  const mod = (await import(`./sources/${FORMAT_MODULES[format]}.js`)) as { parse?: ListParser };
  if (typeof mod.parse !== 'function') {
    throw new ListSourceError(`format module ${FORMAT_MODULES[format]} exports no parse()`);
  }
  return mod.parse;
}
