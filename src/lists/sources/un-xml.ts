// UN Security Council Consolidated List, XML (https://scsanctions.un.org/resources/xml/en/consolidated.xml,
// schema https://www.un.org/sc/resources/sc-sanctions.xsd). Streamed with saxes: each INDIVIDUAL
// or ENTITY element is collected as a small tree, mapped to an Entity and dropped.
import { SaxesParser } from 'saxes';
import type {
  Address,
  CountryRef,
  Entity,
  EntityName,
  Identifier,
  NameParts,
  NameQuality,
  Relation,
} from '../../domain/entity.js';
import { newEntity } from '../../domain/entity.js';
import type { ParseWarning } from '../../domain/list.js';
import { toCountryCode } from '../../geo/countries.js';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';
import type { ListParser } from '../parser.js';
import { detectScript } from '../script.js';

/** A parsed XML element: enough of a DOM for one list record. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XmlNode[];
  line: number;
}

const child = (n: XmlNode, name: string): XmlNode | undefined => n.children.find((c) => c.name === name);
const childrenOf = (n: XmlNode, name: string): XmlNode[] => n.children.filter((c) => c.name === name);
/** Trimmed text of a child element; undefined when absent or empty. */
function textOf(n: XmlNode, name: string): string | undefined {
  const t = child(n, name)?.text.replace(/\s+/g, ' ').trim();
  return t ? t : undefined;
}
/** Texts of the VALUE children of each `name` child (TITLE/VALUE, NATIONALITY/VALUE ...). */
function valuesOf(n: XmlNode, name: string): string[] {
  const out: string[] = [];
  for (const c of childrenOf(n, name)) {
    for (const v of childrenOf(c, 'VALUE')) {
      const t = v.text.replace(/\s+/g, ' ').trim();
      if (t) out.push(t);
    }
  }
  return out;
}

/**
 * (Shared with eu-fsf-xml.ts, which reads its records the same way.)
 * Stream an XML file and hand every element named in `recordNames` (at any depth) to `onRecord` as
 * a small tree. `onOpen` sees every element's attributes (for root metadata). Truncated or
 * malformed XML throws ListParseError naming the line and the open element path.
 */
export async function streamXmlRecords(
  file: string,
  recordNames: ReadonlySet<string>,
  onRecord: (node: XmlNode) => void,
  onOpen?: (name: string, attrs: Record<string, string>, depth: number) => void,
): Promise<void> {
  const parser = new SaxesParser({ position: true });
  const path: string[] = [];
  const building: XmlNode[] = [];
  let failure: unknown;
  const where = (): string => `line ${parser.line}, element /${path.join('/')}`;
  parser.on('error', (err) => {
    throw new ListParseError(file, where(), `malformed XML: ${err.message}`);
  });
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    onOpen?.(tag.name, tag.attributes as Record<string, string>, path.length);
    if (building.length > 0 || recordNames.has(tag.name)) {
      const node: XmlNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, text: '', children: [], line: parser.line };
      building[building.length - 1]?.children.push(node);
      building.push(node);
    }
  });
  const onText = (t: string): void => {
    const top = building[building.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    path.pop();
    if (building.length === 0) return;
    const node = building.pop()!;
    if (building.length === 0 && recordNames.has(tag.name)) {
      try {
        onRecord(node);
      } catch (err) {
        if (err instanceof ListParseError) throw err;
        throw new ListParseError(file, `line ${node.line}, element ${tag.name}`, (err as Error).message);
      }
    }
  });
  const stream = openListFile(file);
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) parser.write(chunk as string);
    parser.close();
  } catch (err) {
    failure = err;
  } finally {
    stream.destroy();
  }
  if (failure instanceof ListParseError) throw failure;
  if (failure) {
    const e = failure as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES') throw new ListParseError(file, undefined, e.message);
    throw new ListParseError(file, where(), `malformed or truncated XML: ${e.message}`);
  }
  if (path.length > 0) throw new ListParseError(file, where(), 'file ends inside an open element (truncated)');
}

/** UN alias quality -> name quality. "Good"/"a.k.a." are strong, "Low" is weak (UN list conventions). */
function aliasQuality(q: string | undefined): NameQuality {
  return q && /^low/i.test(q) ? 'weak' : 'strong';
}

/** Parenthetical notes that describe an alias rather than spell it: "(previously listed as)", "(birth name)". */
const ANNOTATION = /\s*\(([a-z][a-z ,.'-]*)\)\s*$/;

/** Split on `sep` outside parentheses. */
function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * One UN ALIAS_NAME field can hold several names: "Mohammed Sabet; Mohammad Sabet b) M. Javad
 * Kareemi Sabet; ..." (IRi.034), or an original-script name with its transliterations in
 * parentheses: "حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)". Returns each name once.
 */
export function splitUnAliasName(raw: string): string[] {
  const names: string[] = [];
  const add = (s: string): void => {
    const t = s.replace(ANNOTATION, '').replace(/\s+/g, ' ').trim().replace(/[;,]$/, '').trim();
    if (t && !names.includes(t)) names.push(t);
  };
  // Lettered enumerations "a) ... b) ...": the letter must stand alone ("(Sheikh) Musa" is not one).
  for (const segment of raw.split(/(?:^|\s+)[a-z]\)\s+/)) {
    for (const piece of splitTopLevel(segment, ';')) {
      const p = piece.trim();
      const m = /^(.+?)\s*\(([^()]+)\)$/.exec(p);
      if (m && detectScript(m[1]!) !== 'Latn' && detectScript(m[2]!) === 'Latn') {
        add(m[1]!);
        for (const inner of m[2]!.split(';')) add(inner);
      } else add(p);
    }
  }
  return names;
}

/** Partial dates of one INDIVIDUAL_DATE_OF_BIRTH (TYPE_OF_DATE EXACT / APPROXIMATELY / BETWEEN). */
function birthDates(n: XmlNode): string[] {
  const date = textOf(n, 'DATE');
  const year = textOf(n, 'YEAR');
  const from = textOf(n, 'FROM_YEAR');
  const to = textOf(n, 'TO_YEAR');
  const out: string[] = [];
  if (date && /^\d{4}(-\d{2}){0,2}/.test(date)) out.push(date.slice(0, 10));
  if (year && /^\d{4}$/.test(year) && !out.some((d) => d.startsWith(year))) out.push(year);
  if (from && to && /^\d{4}$/.test(from) && /^\d{4}$/.test(to)) {
    const a = Number(from);
    const b = Number(to);
    // BETWEEN: every year of a short range, else only its ends (a wide range says little).
    if (b >= a && b - a <= 20) for (let y = a; y <= b; y++) out.push(String(y));
    else out.push(from, to);
  }
  return out;
}

function documentType(label: string): Identifier['type'] {
  if (/pass|pasaporte|passeport/i.test(label)) return 'passport';
  if (/national ident|identity|identific/i.test(label)) return 'national_id';
  if (/tax/i.test(label)) return 'tax';
  return 'other';
}


function pushUnique<T>(list: T[], value: T, same: (a: T, b: T) => boolean = (a, b) => a === b): void {
  if (!list.some((x) => same(x, value))) list.push(value);
}

const sameCountry = (a: CountryRef, b: CountryRef): boolean => a.code === b.code && a.role === b.role;

/** Map one INDIVIDUAL or ENTITY element. */
function toEntity(node: XmlNode, source: string, file: string, warnings: ParseWarning[]): Entity | undefined {
  const at = `line ${node.line}, ${node.name}`;
  const ref = textOf(node, 'REFERENCE_NUMBER');
  const dataId = textOf(node, 'DATAID');
  const sourceId = ref ?? dataId;
  if (!sourceId) {
    warnings.push({ file, at, message: `${node.name} without REFERENCE_NUMBER or DATAID skipped` });
    return undefined;
  }
  if (!ref) warnings.push({ file, at, message: `${node.name} ${dataId} has no REFERENCE_NUMBER; DATAID used` });
  const nameParts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => textOf(node, k));
  const given = nameParts.filter((p): p is string => !!p);
  if (given.length === 0) {
    warnings.push({ file, at, message: `${node.name} ${sourceId} has no name; skipped` });
    return undefined;
  }
  const full = given.join(' ');
  const isPerson = node.name === 'INDIVIDUAL';
  const e = newEntity(source, sourceId, isPerson ? 'Person' : 'Organization', full);
  const country = (raw: string | undefined, role: CountryRef['role']): void => {
    if (!raw) return;
    const code = toCountryCode(raw);
    if (code) pushUnique(e.countries, { code, role }, sameCountry);
    else warnings.push({ file, at, message: `${sourceId}: country "${raw}" not recognised` });
  };

  const titles = valuesOf(node, 'TITLE');
  const parts: NameParts | undefined = isPerson
    ? {
        ...(titles[0] ? { title: titles[0] } : {}),
        first: given[0],
        ...(given.length > 2 ? { middle: given.slice(1, -1).join(' ') } : {}),
        ...(given.length > 1 ? { last: given[given.length - 1] } : {}),
      }
    : undefined;
  e.names.push({ full, quality: 'primary', ...(parts ? { parts } : {}) });
  const original = textOf(node, 'NAME_ORIGINAL_SCRIPT');
  if (original) {
    const script = detectScript(original);
    e.names.push({ full: original, quality: 'strong', originalScript: true, ...(script ? { script } : {}) });
  }
  for (const alias of [...childrenOf(node, 'INDIVIDUAL_ALIAS'), ...childrenOf(node, 'ENTITY_ALIAS')]) {
    const raw = textOf(alias, 'ALIAS_NAME');
    const aliasDob = textOf(alias, 'DATE_OF_BIRTH');
    if (aliasDob && /^\d{4}(-\d{2}){0,2}$/.test(aliasDob)) pushUnique(e.birthDates, aliasDob);
    const pob = [textOf(alias, 'CITY_OF_BIRTH'), textOf(alias, 'COUNTRY_OF_BIRTH')].filter(Boolean).join(', ');
    if (pob) pushUnique(e.birthPlaces, pob);
    if (!raw) continue;
    const quality = aliasQuality(textOf(alias, 'QUALITY'));
    for (const n of splitUnAliasName(raw)) {
      if (e.names.some((x) => x.full === n)) continue;
      const script = detectScript(n);
      const name: EntityName = { full: n, quality };
      if (script && script !== 'Latn') name.script = script;
      e.names.push(name);
    }
  }

  e.programs = [textOf(node, 'UN_LIST_TYPE')].filter((p): p is string => !!p);
  const listedOn = textOf(node, 'LISTED_ON');
  if (listedOn && /^\d{4}-\d{2}-\d{2}/.test(listedOn)) e.listedOn = listedOn.slice(0, 10);
  const comments = textOf(node, 'COMMENTS1');
  if (comments) e.remarks.push(comments);
  const props: Record<string, string[]> = {};
  if (titles.length) props.title = titles;
  const designations = valuesOf(node, 'DESIGNATION');
  if (designations.length) props.position = designations;
  const gender = textOf(node, 'GENDER');
  if (gender) props.gender = [gender];
  const updated = valuesOf(node, 'LAST_DAY_UPDATED');
  if (updated.length) props.modifiedAt = updated;
  const dataIdText = textOf(node, 'DATAID');
  if (dataIdText) props.unDataId = [dataIdText];
  e.properties = props;

  for (const nat of valuesOf(node, 'NATIONALITY')) country(nat, 'nationality');
  for (const addr of [...childrenOf(node, 'INDIVIDUAL_ADDRESS'), ...childrenOf(node, 'ENTITY_ADDRESS')]) {
    const street = textOf(addr, 'STREET');
    const city = textOf(addr, 'CITY');
    const region = textOf(addr, 'STATE_PROVINCE');
    const postalCode = textOf(addr, 'ZIP_CODE');
    const countryName = textOf(addr, 'COUNTRY');
    const note = textOf(addr, 'NOTE');
    const fullAddr = [street, city, region, postalCode, countryName].filter(Boolean).join(', ');
    if (!fullAddr) continue;
    const code = countryName ? toCountryCode(countryName) : undefined;
    const a: Address = { full: note ? `${fullAddr} (${note})` : fullAddr };
    if (street) a.street = street;
    if (city) a.city = city;
    if (region) a.region = region;
    if (postalCode) a.postalCode = postalCode;
    if (code) a.country = code;
    e.addresses.push(a);
    country(countryName, 'address');
  }
  for (const dob of childrenOf(node, 'INDIVIDUAL_DATE_OF_BIRTH')) {
    for (const d of birthDates(dob)) pushUnique(e.birthDates, d);
  }
  for (const pob of childrenOf(node, 'INDIVIDUAL_PLACE_OF_BIRTH')) {
    const countryName = textOf(pob, 'COUNTRY');
    const place = [textOf(pob, 'CITY'), textOf(pob, 'STATE_PROVINCE'), countryName].filter(Boolean).join(', ');
    if (place) pushUnique(e.birthPlaces, place);
    country(countryName, 'birth');
  }
  for (const doc of childrenOf(node, 'INDIVIDUAL_DOCUMENT')) {
    const number = textOf(doc, 'NUMBER');
    if (!number) continue;
    const label = [textOf(doc, 'TYPE_OF_DOCUMENT'), textOf(doc, 'TYPE_OF_DOCUMENT2')].filter(Boolean).join(' / ');
    const issuer = textOf(doc, 'ISSUING_COUNTRY') ?? textOf(doc, 'COUNTRY_OF_ISSUE');
    const code = issuer ? toCountryCode(issuer) : undefined;
    const id: Identifier = { type: documentType(label), value: number };
    if (code) id.country = code;
    if (label) id.label = label;
    e.identifiers.push(id);
  }
  return e;
}

/** UN reference numbers as cited in remarks: "(QDe.004)", "IRe.046". */
const REFERENCE = /\b([A-Z]{2}[ie]\.\d{3})\b/g;
const ASSOCIATION = /\b(associated with|linked to)\b/i;

/** Sentences of a remark; a reference number like "QDe.004" does not end one. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.;])\s+(?=[A-Z[(])/).map((s) => s.trim()).filter(Boolean);
}

function normaliseName(s: string): string {
  return s.toUpperCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * "Associated with X (QDe.004)" / "linked to ..." in COMMENTS1 -> association relations, when the
 * sentence names another listed entry by reference number or by exact name. Reference numbers
 * that point to no entry of this file become warnings.
 */
export function associationsFromRemarks(
  entities: Entity[],
  source: string,
  file: string,
  warnings: ParseWarning[],
): Relation[] {
  const bySourceId = new Map(entities.map((e) => [e.sourceId, e]));
  // Exact-name lookup: primary and strong Latin names long enough not to hit common words.
  const byName = new Map<string, Entity>();
  for (const e of entities) {
    for (const n of e.names) {
      if (n.quality === 'weak') continue;
      const key = normaliseName(n.full);
      if (key.length >= 8 && key.includes(' ') && !byName.has(key)) byName.set(key, e);
    }
  }
  const relations = new Map<string, Relation>();
  for (const e of entities) {
    for (const remark of e.remarks) {
      for (const sentence of sentences(remark)) {
        const m = ASSOCIATION.exec(sentence);
        if (!m) continue;
        const role = m[1]!.toLowerCase();
        const targets = new Set<Entity>();
        // Only what follows the wording is the associate ("member of X (QDe.128), and associated with Y (QDe.001)").
        const refs = [...sentence.slice(m.index).matchAll(REFERENCE)].map((r) => r[1]!);
        for (const ref of refs) {
          if (ref === e.sourceId) continue;
          const t = bySourceId.get(ref);
          if (t) targets.add(t);
          else warnings.push({ file, at: e.sourceId, message: `remark cites ${ref}, which is not on this list: "${sentence}"` });
        }
        if (refs.length === 0) {
          const padded = ` ${normaliseName(sentence.slice(m.index))} `;
          for (const [key, t] of byName) if (t !== e && padded.includes(` ${key} `)) targets.add(t);
        }
        for (const t of targets) {
          const id = `${source}:${e.sourceId}~association~${t.sourceId}`;
          if (!relations.has(id)) {
            relations.set(id, { id, source, type: 'association', from: e.id, to: t.id, role, evidence: sentence });
          }
        }
      }
    }
  }
  return [...relations.values()];
}

const RECORDS = new Set(['INDIVIDUAL', 'ENTITY']);

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const entities: Entity[] = [];
  const seen = new Set<string>();
  let publishedAt: string | undefined;
  let root: string | undefined;
  await streamXmlRecords(
    file,
    RECORDS,
    (node) => {
      const e = toEntity(node, options.source, file, warnings);
      if (!e) return;
      if (seen.has(e.sourceId)) {
        warnings.push({ file, at: `line ${node.line}`, message: `duplicate REFERENCE_NUMBER ${e.sourceId} skipped` });
        return;
      }
      seen.add(e.sourceId);
      entities.push(e);
    },
    (name, attrs, depth) => {
      if (depth !== 1) return;
      root = name;
      if (name !== 'CONSOLIDATED_LIST') {
        throw new ListParseError(file, `element /${name}`, `not a UN consolidated list (root element ${name}, expected CONSOLIDATED_LIST)`);
      }
      // dateGenerated="2026-02-27T00:00:09.554Z": the list's own publication time.
      if (attrs.dateGenerated) publishedAt = attrs.dateGenerated;
    },
  );
  if (!root) throw new ListParseError(file, undefined, 'no XML root element (empty file?)');
  const relations = associationsFromRemarks(entities, options.source, file, warnings);
  return { entities, relations, ...(publishedAt ? { publishedAt } : {}), warnings };
};
