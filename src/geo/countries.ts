// Country names and codes: everything the engine stores is ISO 3166-1 alpha-2 (upper case).
// List spellings that the ISO name tables do not cover live in data/geo/country-aliases.yaml.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../data-path.js';

const require = createRequire(import.meta.url);
// i18n-iso-countries is CommonJS; its English names are registered by default in the Node build.
const isoCountries = require('i18n-iso-countries') as {
  getAlpha2Code(name: string, lang: string): string | undefined;
  isValid(code: string): boolean;
  getName(code: string, lang: string): string | undefined;
  alpha3ToAlpha2(code: string): string | undefined;
};

/** Fold a country name to the key form used in the alias table. */
export function foldCountryName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

let aliases: Map<string, string> | undefined;
function aliasTable(): Map<string, string> {
  if (!aliases) {
    const doc = parseYaml(readFileSync(dataPath('geo/country-aliases.yaml'), 'utf8')) as {
      aliases: Record<string, string>;
    };
    aliases = new Map(Object.entries(doc.aliases).map(([k, v]) => [foldCountryName(k), v]));
  }
  return aliases;
}

const cache = new Map<string, string | undefined>();

/**
 * ISO 3166-1 alpha-2 code for a country name or code as lists write it ("Iran (Islamic Republic
 * of)", "IRN", "ir", "Korea, North"). Undefined when it cannot be resolved.
 */
export function toCountryCode(input: string | undefined | null): string | undefined {
  if (!input) return undefined;
  const raw = input.trim();
  if (!raw) return undefined;
  if (cache.has(raw)) return cache.get(raw);
  let code: string | undefined;
  if (/^[A-Za-z]{2}$/.test(raw) && isoCountries.isValid(raw.toUpperCase())) code = raw.toUpperCase();
  else if (/^[A-Za-z]{3}$/.test(raw)) code = isoCountries.alpha3ToAlpha2(raw.toUpperCase());
  if (!code) {
    const folded = foldCountryName(raw);
    const alias = aliasTable().get(folded);
    if (alias !== undefined) code = alias || undefined;
    else code = isoCountries.getAlpha2Code(raw, 'en') ?? isoCountries.getAlpha2Code(folded, 'en');
  }
  cache.set(raw, code);
  return code;
}

export function countryName(code: string): string | undefined {
  return isoCountries.getName(code, 'en');
}
