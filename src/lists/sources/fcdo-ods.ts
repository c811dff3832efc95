// UK Sanctions List (FCDO), ODS export (https://www.gov.uk/government/publications/the-uk-sanctions-list).
// An ODS file is a zip; the table is content.xml (OpenDocument 1.3, table:table-row/table:table-cell,
// with table:number-columns-repeated / table:number-rows-repeated run-length encoding).
// Two layouts are read:
// - the summary export (8 columns: Unique ID, OFSI Group ID, Name, Regime Name, Type, Designation
//   source, Date Designated, Sanctions Imposed), one row per designation;
// - the full list's one-row-per-name layout, mapped by header name as far as its columns are known
//   (see docs/lists-un-uk-eu.md: not verified against a real full file, none was available).
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import type { CountryRef, Entity, EntityName, EntitySchema, Identifier } from '../../domain/entity.js';
import { entityId } from '../../domain/entity.js';
import type { ParseWarning } from '../../domain/list.js';
import { toCountryCode } from '../../geo/countries.js';
import { ListParseError } from '../errors.js';
import { readListFile } from '../input.js';
import type { ListParser } from '../parser.js';
import { detectScript } from '../script.js';
import { ofsiDate, splitNumbered } from './ofsi-rows.js';

/** Rows of the first table of an ODS content.xml, repeated cells and rows expanded (trailing blanks dropped). */
export function odsRows(file: string, contentXml: string): { cells: string[]; line: number }[] {
  const parser = new SaxesParser({ position: true });
  const rows: { cells: string[]; line: number }[] = [];
  let tableDepth = 0;
  let done = false;
  let row: string[] | undefined;
  let rowRepeat = 1;
  let rowLine = 0;
  let pendingBlanks = 0;
  let cell: { text: string; repeat: number; paragraphs: number } | undefined;
  const path: string[] = [];
  parser.on('error', (err) => {
    throw new ListParseError(`${file}!content.xml`, `line ${parser.line}, element /${path.join('/')}`, `malformed XML: ${err.message}`);
  });
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    if (done) return;
    const a = tag.attributes as Record<string, string>;
    if (tag.name === 'table:table') tableDepth++;
    else if (tableDepth !== 1) return;
    else if (tag.name === 'table:table-row') {
      row = [];
      pendingBlanks = 0;
      rowLine = parser.line;
      rowRepeat = Math.max(1, Number(a['table:number-rows-repeated'] ?? 1) || 1);
    } else if ((tag.name === 'table:table-cell' || tag.name === 'table:covered-table-cell') && row) {
      cell = { text: '', repeat: Math.max(1, Number(a['table:number-columns-repeated'] ?? 1) || 1), paragraphs: 0 };
    } else if (cell && tag.name === 'text:p') {
      if (cell.paragraphs++ > 0) cell.text += '\n';
    } else if (cell && tag.name === 'text:s') cell.text += ' '.repeat(Number(a['text:c'] ?? 1) || 1);
    else if (cell && tag.name === 'text:tab') cell.text += '\t';
    else if (cell && tag.name === 'text:line-break') cell.text += '\n';
  });
  parser.on('text', (t) => {
    if (cell) cell.text += t;
  });
  parser.on('closetag', (tag) => {
    path.pop();
    if (done) return;
    if (tag.name === 'table:table') {
      tableDepth--;
      if (tableDepth === 0) done = true;
    } else if ((tag.name === 'table:table-cell' || tag.name === 'table:covered-table-cell') && cell && row) {
      // Blank runs (often 16,000+ columns wide) only count when a non-blank cell follows.
      if (!cell.text.trim()) pendingBlanks += cell.repeat;
      else {
        for (; pendingBlanks > 0; pendingBlanks--) row.push('');
        for (let i = 0; i < cell.repeat; i++) row.push(cell.text);
      }
      cell = undefined;
    } else if (tag.name === 'table:table-row' && row) {
      if (row.length > 0) for (let i = 0; i < Math.min(rowRepeat, 10_000); i++) rows.push({ cells: [...row], line: rowLine });
      row = undefined;
    }
  });
  try {
    parser.write(contentXml);
    parser.close();
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    throw new ListParseError(`${file}!content.xml`, `line ${parser.line}, element /${path.join('/')}`, `malformed or truncated XML: ${(err as Error).message}`);
  }
  if (path.length > 0) throw new ListParseError(`${file}!content.xml`, `line ${parser.line}`, 'content.xml ends inside an open element (truncated)');
  return rows;
}

/** Header names folded for lookup: "Nationality(/ies)" and "nationality" meet. */
const fold = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const SCHEMA: Record<string, EntitySchema> = { individual: 'Person', entity: 'Organization', ship: 'Vessel' };

/** FCDO dates: dd-mm-yyyy (summary export) or dd/mm/yyyy, 00 for unknown parts. */
function fcdoDate(raw: string | undefined): string | undefined {
  return ofsiDate(raw?.trim().replace(/^(\d{1,2})-(\d{1,2})-(\d{4})$/, '$1/$2/$3'));
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const source = options.source;
  const zipped = readListFile(file);
  let content: Uint8Array | undefined;
  try {
    content = unzipSync(zipped, { filter: (f) => f.name === 'content.xml' })['content.xml'];
  } catch (err) {
    throw new ListParseError(file, undefined, `not a readable ODS (zip) file, truncated or corrupt: ${(err as Error).message}`);
  }
  if (!content) throw new ListParseError(file, undefined, 'ODS file has no content.xml');
  const rows = odsRows(file, new TextDecoder('utf-8', { fatal: false }).decode(content));
  const headerAt = rows.findIndex((r) => r.cells.some((c) => fold(c) === 'unique id'));
  if (headerAt < 0) throw new ListParseError(file, 'content.xml', 'no header row with a "Unique ID" column');
  const header = rows[headerAt]!.cells.map(fold);
  const col = (...names: string[]): number => header.findIndex((h) => names.includes(h));
  const get = (cells: string[], ...names: string[]): string | undefined => {
    const i = col(...names);
    const v = i < 0 ? undefined : cells[i]?.trim();
    return v ? v : undefined;
  };
  // A "Last Updated" cell above the header (the full list has one) is the publication date.
  let publishedAt: string | undefined;
  for (const r of rows.slice(0, headerAt)) {
    const i = r.cells.findIndex((c) => fold(c) === 'last updated');
    const d = i >= 0 ? fcdoDate(r.cells[i + 1]) : undefined;
    if (d && d.length === 10) publishedAt = d;
  }
  const warnings: ParseWarning[] = [];
  const byId = new Map<string, Entity>();
  for (const { cells, line } of rows.slice(headerAt + 1)) {
    const at = `content.xml line ${line}`;
    const uid = get(cells, 'unique id');
    if (!uid) {
      if (cells.some((c) => c.trim())) warnings.push({ file, at, message: 'row without Unique ID skipped' });
      continue;
    }
    // Summary: "Name" is the whole name. Full layout: Name 1-5 given names, Name 6 surname / entity name.
    const whole =
      get(cells, 'name') ??
      ['name 1', 'name 2', 'name 3', 'name 4', 'name 5', 'name 6'].map((n) => get(cells, n)).filter(Boolean).join(' ');
    const nameType = get(cells, 'name type', 'alias type') ?? 'Primary Name';
    let e = byId.get(uid);
    if (!e) {
      const type = get(cells, 'type', 'designation type', 'individual entity ship', 'entity type') ?? '';
      let schema = SCHEMA[type.toLowerCase()];
      if (!schema) {
        warnings.push({ file, at, message: `${uid}: unknown Type "${type}", kept as LegalEntity` });
        schema = 'LegalEntity';
      }
      e = {
        id: entityId(source, uid), source, sourceId: uid, schema, name: '', names: [], birthDates: [], birthPlaces: [],
        countries: [], addresses: [], identifiers: [], contacts: [], programs: [], lists: [], remarks: [], properties: {},
      };
      byId.set(uid, e);
    }
    const ent = e;
    const prop = (key: string, v: string | undefined): void => {
      if (v && !(ent.properties[key] ??= []).includes(v)) ent.properties[key]!.push(v);
    };
    const country = (raw: string | undefined, role: CountryRef['role']): void => {
      for (const c of splitNumbered(raw)) {
        const code = toCountryCode(c);
        if (code && !ent.countries.some((x) => x.code === code && x.role === role)) ent.countries.push({ code, role });
      }
    };
    if (whole) {
      const primary = /^primary name$/i.test(nameType) && !ent.names.some((n) => n.quality === 'primary');
      const quality: EntityName['quality'] = primary ? 'primary' : /low|weak/i.test(get(cells, 'alias strength', 'alias quality') ?? '') ? 'weak' : 'strong';
      if (!ent.names.some((n) => n.full === whole)) {
        const s = detectScript(whole);
        const n: EntityName = { full: whole, quality, ...(s && s !== 'Latn' ? { script: s } : {}) };
        if (primary) ent.names.unshift(n);
        else ent.names.push(n);
      }
    }
    const nonLatin = get(cells, 'name non latin script');
    if (nonLatin && !ent.names.some((n) => n.full === nonLatin)) {
      const s = detectScript(nonLatin);
      ent.names.push({ full: nonLatin, quality: 'strong', originalScript: true, ...(s ? { script: s } : {}) });
    }
    const regime = get(cells, 'regime name', 'regime');
    if (regime && !ent.programs.includes(regime)) ent.programs.push(regime);
    const designated = fcdoDate(get(cells, 'date designated'));
    if (designated && (!ent.listedOn || designated < ent.listedOn)) ent.listedOn = designated;
    prop('ofsiGroupId', get(cells, 'ofsi group id'));
    prop('designationSource', get(cells, 'designation source'));
    for (const s of (get(cells, 'sanctions imposed') ?? '').split(/,\s*/)) prop('sanctionsImposed', s.trim() || undefined);
    prop('unReferenceNumber', get(cells, 'un reference number'));
    prop('position', get(cells, 'position'));
    prop('gender', get(cells, 'gender'));
    const other = get(cells, 'other information');
    if (other && !ent.remarks.includes(other)) ent.remarks.push(other);
    const dob = fcdoDate(get(cells, 'd o b', 'dob', 'date of birth'));
    if (dob && !ent.birthDates.includes(dob)) ent.birthDates.push(dob);
    country(get(cells, 'nationality ies', 'nationality', 'nationalities'), 'nationality');
    const town = get(cells, 'town of birth');
    const birthCountry = get(cells, 'country of birth');
    const pob = [town, birthCountry].filter(Boolean).join(', ');
    if (pob && !ent.birthPlaces.includes(pob)) ent.birthPlaces.push(pob);
    country(birthCountry, 'birth');
    const ids: Array<[Identifier['type'], string | undefined]> = [
      ['passport', get(cells, 'passport number', 'passport number s')],
      ['national_id', get(cells, 'national identifier number', 'national identification number')],
      ['imo', get(cells, 'imo number')],
      ['registration', get(cells, 'business registration number s', 'business registration number')],
    ];
    for (const [type, raw] of ids) {
      for (const value of splitNumbered(raw)) {
        if (!ent.identifiers.some((i) => i.type === type && i.value === value)) ent.identifiers.push({ type, value });
      }
    }
    const lines = [1, 2, 3, 4, 5, 6].map((i) => get(cells, `address line ${i}`)).filter((x): x is string => !!x);
    const addrCountry = get(cells, 'address country');
    const postal = get(cells, 'address postal code');
    const full = [...lines, postal, addrCountry].filter(Boolean).join(', ');
    if (full && !ent.addresses.some((a) => a.full === full)) {
      const code = addrCountry ? toCountryCode(addrCountry) : undefined;
      ent.addresses.push({ full, ...(lines[0] ? { street: lines[0] } : {}), ...(postal ? { postalCode: postal } : {}), ...(code ? { country: code } : {}) });
      country(addrCountry, 'address');
    }
    country(get(cells, 'flag of ship'), 'flag');
  }
  const entities: Entity[] = [];
  for (const e of byId.values()) {
    if (!e.names.length) {
      warnings.push({ file, at: e.sourceId, message: `${e.sourceId} has no name; skipped` });
      continue;
    }
    if (e.names[0]!.quality !== 'primary') e.names[0]!.quality = 'primary';
    e.name = e.names[0]!.full;
    entities.push(e);
  }
  return { entities, relations: [], ...(publishedAt ? { publishedAt } : {}), warnings };
};
