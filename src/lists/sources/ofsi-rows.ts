// UK HM Treasury OFSI Consolidated List, "2022 format" (ConList.xlsx / ConList.csv): shared by the
// XLSX and the CSV reader. Both files hold the same table: one row per name of a designation,
// rows of one designation share a Group ID. This module is pure: rows in, entities out.
import type { Address, CountryRef, Entity, EntityName, EntitySchema, Identifier, NameQuality } from '../../domain/entity.js';
import { newEntity } from '../../domain/entity.js';
import type { ParseWarning } from '../../domain/list.js';
import { toCountryCode } from '../../geo/countries.js';
import { ListParseError } from '../errors.js';
import { detectScript } from '../script.js';

/** The columns of the 2022-format table, in the order OFSI publishes them (ConList.xlsx row 2). */
export const OFSI_COLUMNS = [
  'Name 6', 'Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Title',
  'Name Non-Latin Script', 'Non-Latin Script Type', 'Non-Latin Script Language',
  'DOB', 'Town of Birth', 'Country of Birth', 'Nationality',
  'Passport Number', 'Passport Details', 'National Identification Number', 'National Identification Details',
  'Position', 'Address 1', 'Address 2', 'Address 3', 'Address 4', 'Address 5', 'Address 6', 'Post/Zip Code',
  'Country', 'Other Information', 'Group Type', 'Alias Type', 'Alias Quality', 'Regime', 'Listed On',
  'UK Sanctions List Date Designated', 'Last Updated', 'Group ID',
] as const;
export type OfsiColumn = (typeof OFSI_COLUMNS)[number];

/** Columns without which rows cannot be grouped into designations. */
const REQUIRED: readonly OfsiColumn[] = ['Name 6', 'Group Type', 'Alias Type', 'Group ID'];

/** One data row, by column name, with where it sits in the file ('row 3', 'line 3'). */
export interface OfsiRow {
  at: string;
  get(column: OfsiColumn): string | undefined;
}

/**
 * Map header cells to column positions. Throws ListParseError when a required column is missing
 * (a different file, or OFSI changed the layout); unknown extra columns are ignored.
 */
export function ofsiHeader(cells: readonly string[], file: string, at: string): Map<OfsiColumn, number> {
  const index = new Map<OfsiColumn, number>();
  cells.forEach((c, i) => {
    const name = c.trim() as OfsiColumn;
    if ((OFSI_COLUMNS as readonly string[]).includes(name) && !index.has(name)) index.set(name, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) {
    throw new ListParseError(file, at, `not an OFSI 2022-format header: missing column(s) ${missing.join(', ')}`);
  }
  return index;
}

/** A row reader over an array of cells and a header index. */
export function ofsiRow(cells: readonly (string | undefined)[], header: Map<OfsiColumn, number>, at: string): OfsiRow {
  return {
    at,
    get(column) {
      const i = header.get(column);
      const v = i === undefined ? undefined : cells[i]?.trim();
      return v ? v : undefined;
    },
  };
}

/**
 * OFSI dates are dd/mm/yyyy, with 00 for an unknown day or month ("00/00/1960"); some DOBs are
 * 'mm/yyyy' or 'yyyy'. Returns a partial date ('1960', '1960-05', '1960-05-17') or undefined.
 */
export function ofsiDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), m[3]!];
    if (y === '0000') return undefined;
    if (mo === 0 || mo > 12) return y;
    if (d === 0 || d > 31) return `${y}-${String(mo).padStart(2, '0')}`;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  m = /^(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 12 ? `${m[2]}-${m[1]!.padStart(2, '0')}` : m[2];
  m = /^(\d{4})$/.exec(s);
  if (m && m[1] !== '0000') return m[1];
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return undefined;
}

/** The "Last Updated" cell of the first line ("14/04/2025") as an ISO date. */
export function ofsiLastUpdated(cells: readonly (string | undefined)[]): string | undefined {
  const label = cells.findIndex((c) => /^last updated$/i.test((c ?? '').trim()));
  if (label < 0) return undefined;
  const d = ofsiDate(cells[label + 1]);
  return d && d.length === 10 ? d : undefined;
}

/** "(1) Germany. (2) Morocco" -> ['Germany', 'Morocco']; plain values come back alone. */
export function splitNumbered(raw: string | undefined): string[] {
  if (!raw) return [];
  const parts = raw.split(/\s*\(\d+\)\s*/).map((s) => s.trim().replace(/[.,;]$/, '').trim()).filter(Boolean);
  return parts;
}

/**
 * "Other Information" carries labelled facts: "(UK Sanctions List Ref):RUS0296. ... (Gender):Male
 * (IMO number):7408873 (Flag of ship):North Korea". Returns label -> value; text before the first
 * label is returned under ''.
 */
export function otherInformationFields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\(([A-Z][A-Za-z /-]{1,40})\):/g;
  let last = 0;
  let label = '';
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = text.slice(last, m.index).trim();
    if (value || label) out.set(label, value);
    label = m[1]!;
    last = m.index + m[0].length;
  }
  const tail = text.slice(last).trim();
  if (tail || label) out.set(label, tail);
  return out;
}

/**
 * OFSI's free-text country cells: "Ukrainian SSR (now Ukraine)", "Former USSR, now Belarus",
 * "Russia (as at November 2010)". Today's country is the one after "now"/"currently"; otherwise
 * a parenthetical note is dropped. Unresolved cells return undefined (the caller warns).
 */
export function looseCountryCode(raw: string): string | undefined {
  const direct = toCountryCode(raw);
  if (direct) return direct;
  const now = /\b(?:now|currently)\s+(?:the\s+)?([A-Za-z][A-Za-z .'-]+?)\)?\s*$/i.exec(raw);
  if (now) return toCountryCode(now[1]!.replace(/^Republic of\s+/i, '')) ?? toCountryCode(now[1]!);
  const bare = raw.replace(/\([^)]*\)/g, '').trim();
  return bare && bare !== raw ? toCountryCode(bare) : undefined;
}

const SCHEMA: Record<string, EntitySchema> = { Individual: 'Person', Entity: 'Organization', Ship: 'Vessel' };

/** ISO 639-1 codes for the "Non-Latin Script Language" values OFSI uses. */
const LANGUAGE: Record<string, string> = {
  arabic: 'ar', persian: 'fa', 'persian/farsi': 'fa', farsi: 'fa', russian: 'ru', belarusian: 'be',
  ukrainian: 'uk', chinese: 'zh', hebrew: 'he', georgian: 'ka', bulgarian: 'bg', serbian: 'sr',
  kazakh: 'kk', korean: 'ko', japanese: 'ja', thai: 'th', greek: 'el', burmese: 'my', turkish: 'tr',
  bosnian: 'bs', romanian: 'ro', spanish: 'es',
};

function aliasQuality(aliasType: string | undefined, aliasQuality: string | undefined): NameQuality {
  if (aliasType && /^primary name/i.test(aliasType)) return 'strong';
  return aliasQuality && /^low/i.test(aliasQuality) ? 'weak' : 'strong';
}

function fullName(row: OfsiRow): string {
  // Name 1-5 are given names in order; Name 6 is the surname or the whole name of an entity.
  const parts = (['Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5', 'Name 6'] as const).map((c) => row.get(c));
  return parts.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
}

function pushUnique<T>(list: T[], value: T, same: (a: T, b: T) => boolean = (a, b) => a === b): void {
  if (!list.some((x) => same(x, value))) list.push(value);
}

/** Group rows by Group ID, in first-seen order. */
function groupRows(rows: Iterable<OfsiRow>): Map<string, OfsiRow[]> {
  const groups = new Map<string, OfsiRow[]>();
  for (const row of rows) {
    const id = row.get('Group ID');
    if (!id) continue;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = []));
    g.push(row);
  }
  return groups;
}

/**
 * One entity per Group ID. The primary name is the first row whose Alias Type is "Primary name";
 * other rows become aliases ("Primary name variation" strong, AKA/FKA by Alias Quality).
 */
export function ofsiEntities(rows: Iterable<OfsiRow>, source: string, file: string, warnings: ParseWarning[]): Entity[] {
  const all = [...rows];
  for (const r of all) if (!r.get('Group ID')) warnings.push({ file, at: r.at, message: 'row without Group ID skipped' });
  const entities: Entity[] = [];
  for (const [groupId, group] of groupRows(all)) {
    const primaryRow =
      group.find((r) => /^primary name$/i.test(r.get('Alias Type') ?? '')) ??
      group.find((r) => /^primary name/i.test(r.get('Alias Type') ?? '')) ??
      group[0]!;
    if (!/^primary name$/i.test(primaryRow.get('Alias Type') ?? '')) {
      warnings.push({ file, at: primaryRow.at, message: `Group ID ${groupId} has no "Primary name" row; first ${primaryRow.get('Alias Type') ?? 'row'} used` });
    }
    const groupType = primaryRow.get('Group Type') ?? '';
    let schema = SCHEMA[groupType];
    if (!schema) {
      warnings.push({ file, at: primaryRow.at, message: `Group ID ${groupId}: unknown Group Type "${groupType}", kept as LegalEntity` });
      schema = 'LegalEntity';
    }
    const name = fullName(primaryRow);
    const e: Entity = newEntity(source, groupId, schema, name);
    const props: Record<string, string[]> = {};
    const prop = (key: string, value: string | undefined): void => {
      if (!value) return;
      pushUnique((props[key] ??= []), value);
    };
    const unknownCountries = new Set<string>();
    const country = (raw: string | undefined, role: CountryRef['role'], at: string): string | undefined => {
      if (!raw) return undefined;
      const code = looseCountryCode(raw);
      if (code) pushUnique(e.countries, { code, role }, (a, b) => a.code === b.code && a.role === b.role);
      else if (!unknownCountries.has(raw)) {
        unknownCountries.add(raw);
        warnings.push({ file, at, message: `Group ID ${groupId}: country "${raw}" not recognised` });
      }
      return code;
    };
    const addName = (n: EntityName): void => {
      if (!n.full || e.names.some((x) => x.full === n.full)) return;
      e.names.push(n);
    };

    for (const row of [primaryRow, ...group.filter((r) => r !== primaryRow)]) {
      const full = fullName(row);
      const quality: NameQuality = row === primaryRow ? 'primary' : aliasQuality(row.get('Alias Type'), row.get('Alias Quality'));
      const title = row.get('Title');
      const nm: EntityName = { full, quality };
      if (schema === 'Person') {
        const other = (['Name 3', 'Name 4', 'Name 5'] as const).map((c) => row.get(c)).filter((x): x is string => !!x);
        nm.parts = {
          ...(title ? { title } : {}),
          ...(row.get('Name 1') ? { first: row.get('Name 1')! } : {}),
          ...(row.get('Name 2') ? { middle: row.get('Name 2')! } : {}),
          ...(row.get('Name 6') ? { last: row.get('Name 6')! } : {}),
          ...(other.length ? { other } : {}),
        };
      }
      const script = detectScript(full);
      if (script && script !== 'Latn') nm.script = script;
      if (full) addName(nm);
      else warnings.push({ file, at: row.at, message: `Group ID ${groupId}: row without a name` });
      prop('title', title);

      const nonLatin = row.get('Name Non-Latin Script');
      if (nonLatin) {
        const s = detectScript(nonLatin);
        const lang = LANGUAGE[(row.get('Non-Latin Script Language') ?? '').toLowerCase()];
        addName({
          full: nonLatin,
          quality: row === primaryRow || /^primary/i.test(row.get('Alias Type') ?? '') ? 'strong' : quality,
          originalScript: true,
          ...(s ? { script: s } : {}),
          ...(lang ? { lang } : {}),
        });
      }

      const dob = row.get('DOB');
      const date = ofsiDate(dob);
      if (date) pushUnique(e.birthDates, date);
      else if (dob) warnings.push({ file, at: row.at, message: `Group ID ${groupId}: DOB "${dob}" not understood` });
      const town = row.get('Town of Birth');
      const birthCountry = row.get('Country of Birth');
      const pob = [town, birthCountry].filter(Boolean).join(', ');
      if (pob) pushUnique(e.birthPlaces, pob);
      for (const c of splitNumbered(birthCountry)) country(c, 'birth', row.at);
      for (const nat of splitNumbered(row.get('Nationality'))) country(nat, 'nationality', row.at);

      const idPairs: Array<[OfsiColumn, OfsiColumn, Identifier['type'], string]> = [
        ['Passport Number', 'Passport Details', 'passport', 'Passport'],
        ['National Identification Number', 'National Identification Details', 'national_id', 'National Identification Number'],
      ];
      for (const [numCol, detailCol, type, label] of idPairs) {
        const numbers = splitNumbered(row.get(numCol));
        const details = splitNumbered(row.get(detailCol));
        numbers.forEach((value, i) => {
          const id: Identifier = { type, value, label };
          pushUnique(e.identifiers, id, (a, b) => a.type === b.type && a.value === b.value);
          const detail = details.length === numbers.length ? details[i] : undefined;
          if (detail) prop(`${type}Details`, `${value}: ${detail}`);
        });
        if (!numbers.length) prop(`${type}Details`, row.get(detailCol));
      }

      prop('position', row.get('Position'));
      const lines = (['Address 1', 'Address 2', 'Address 3', 'Address 4', 'Address 5', 'Address 6'] as const)
        .map((c) => row.get(c))
        .filter((x): x is string => !!x);
      const postalCode = row.get('Post/Zip Code');
      const addrCountry = row.get('Country');
      const fullAddr = [...lines, postalCode, addrCountry].filter(Boolean).join(', ');
      if (fullAddr) {
        const code = country(addrCountry, 'address', row.at);
        const a: Address = { full: fullAddr };
        if (lines.length) a.street = lines[0];
        if (lines.length > 1) a.city = lines[lines.length - 1];
        if (postalCode) a.postalCode = postalCode;
        if (code) a.country = code;
        pushUnique(e.addresses, a, (x, y) => x.full === y.full);
      }

      const other = row.get('Other Information');
      if (other) {
        pushUnique(e.remarks, other);
        const fields = otherInformationFields(other);
        const ref = fields.get('UK Sanctions List Ref')?.replace(/\.$/, '').split(/[.\s]/)[0];
        prop('ukSanctionsListRef', ref);
        prop('gender', fields.get('Gender'));
        const imo = fields.get('IMO number')?.match(/\d{7}/)?.[0];
        if (imo) pushUnique(e.identifiers, { type: 'imo', value: imo, label: 'IMO number' }, (a, b) => a.type === b.type && a.value === b.value);
        const flag = fields.get('Flag of ship');
        if (flag) country(flag, 'flag', row.at);
        prop('vesselType', fields.get('Type of ship'));
        prop('owner', fields.get('Current owners'));
        prop('buildDate', fields.get('Year built'));
      }
      const regime = row.get('Regime');
      if (regime) pushUnique(e.programs, regime);
      const listed = ofsiDate(row.get('Listed On'));
      if (listed && (!e.listedOn || listed < e.listedOn)) e.listedOn = listed;
      prop('ukDesignatedOn', ofsiDate(row.get('UK Sanctions List Date Designated')));
      prop('modifiedAt', ofsiDate(row.get('Last Updated')));
    }
    e.properties = props;
    if (e.names.length === 0) {
      warnings.push({ file, at: primaryRow.at, message: `Group ID ${groupId} has no name; skipped` });
      continue;
    }
    if (!e.name) e.name = e.names[0]!.full;
    entities.push(e);
  }
  return entities;
}
