// OFAC's Remarks text. In the legacy CSV (sdn.csv / cons_prim.csv) most facts about a party live
// in one free-text field, as "; "-separated statements in a fixed vocabulary:
//   "DOB 10 Dec 1980; POB Tai'an, China; nationality China; Gender Male; Passport G57293067 (China)
//    issued 21 Dec 2011; National ID No. 3706... (China); a.k.a. 'X'; Linked To: SOME CO., LTD."
// This module is pure: text in, facts out. Statements it does not understand are returned in
// `unparsed` so nothing is silently lost (the caller keeps the full text in Entity.remarks).
import type { Contact, CountryRef, Identifier, IdentifierType, PartialDate } from '../../domain/entity.js';
import { toCountryCode } from '../../geo/countries.js';

export interface RemarkAlias {
  full: string;
  /** OFAC publishes only low-quality ("weak") a.k.a.s in the Remarks field; strong ones go to alt.csv. */
  quality: 'weak';
  kind: 'a.k.a.' | 'f.k.a.' | 'n.k.a.';
}

export interface RemarkFacts {
  names: RemarkAlias[];
  birthDates: PartialDate[];
  birthPlaces: string[];
  countries: CountryRef[];
  identifiers: Identifier[];
  contacts: Contact[];
  /** Target names of "Linked To:" statements, with the statement text as evidence. */
  linkedTo: { target: string; text: string }[];
  properties: Record<string, string[]>;
  unparsed: string[];
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06',
  jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/** One OFAC date: "12 Mar 1957", "Mar 1957", "1957", "1957-03-12" -> partial ISO date. */
function parseOneDate(text: string): PartialDate | undefined {
  const t = text.trim().replace(/\.$/, '');
  let m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]*\.? (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? `${m[3]}-${month}-${m[1]!.padStart(2, '0')}` : undefined;
  }
  m = /^([A-Za-z]{3})[a-z]*\.? (\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? `${m[2]}-${month}` : undefined;
  }
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t);
  if (m) return [m[1], m[2], m[3]].filter(Boolean).join('-');
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return undefined;
}

/** Widest year range expanded year by year ("1957 to 1959" -> 1957, 1958, 1959). */
const MAX_YEAR_SPAN = 15;

/**
 * OFAC date statements: single dates, "circa 1957", "1957 to 1959" (each year), and full-date ranges
 * ("01 Jan 1960 to 31 Dec 1962": both ends). Unknown forms give an empty list.
 */
export function parseOfacDates(text: string): PartialDate[] {
  const t = text.trim().replace(/\.$/, '').replace(/^(circa|approximately|approx\.)\s+/i, '');
  const range = /^(.+?)\s+to\s+(.+)$/i.exec(t);
  if (range) {
    const from = parseOneDate(range[1]!);
    const to = parseOneDate(range[2]!);
    if (!from || !to) return [];
    if (/^\d{4}$/.test(from) && /^\d{4}$/.test(to)) {
      const a = Number(from);
      const b = Number(to);
      if (b >= a && b - a <= MAX_YEAR_SPAN) {
        return Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
      }
    }
    return from === to ? [from] : [from, to];
  }
  const one = parseOneDate(t);
  return one ? [one] : [];
}

/** Split "Passport A123 (Iran) issued 01 Jan 2010 expires ..." into value, country and the rest. */
function valueAndCountry(text: string): { value: string; country?: string; countryText?: string; rest?: string } {
  const m = /^(.*?)\s*\(([^()]+)\)\s*(.*)$/.exec(text);
  if (m && m[1]) {
    const country = toCountryCode(m[2]!);
    if (country) return { value: m[1].trim(), country, countryText: m[2], rest: m[3] || undefined };
    return { value: `${m[1].trim()} (${m[2]})`, rest: m[3] || undefined };
  }
  const issued = /^(.*?)\s+((?:issued|expires)\b.*)$/.exec(text);
  if (issued) return { value: issued[1]!.trim(), rest: issued[2] };
  return { value: text.trim() };
}

/**
 * Identifier labels OFAC uses in Remarks, longest first so that "National ID No." wins over "ID".
 * The type says what the number is for matching; the label is kept as written.
 */
const ID_LABELS: [RegExp, IdentifierType][] = [
  [/^(Passport(?: No\.)?)\s+/i, 'passport'],
  [/^(Diplomatic Passport)\s+/i, 'passport'],
  [/^(National ID No\.|National ID Number|Identification Number|Personal ID Card|Cedula No\.|C\.U\.R\.P\.|D\.N\.I\.|SSN|Citizen's Card Number|Kenyan ID No\.|Residency Number|Birth Certificate Number|NIE|Electoral Registry No\.|Driver's License No\.|Bosnian Personal ID No\.|Turkish Identification Number|Moroccan Personal ID No\.|Credencial electoral|Pasaporte|Matricula Mercantil No|Refugee ID Card|National Foreign ID Number|Numero de Identidad|Cartilla de Servicio Militar Nacional|Stateless Person ID Card|Travel Document Number|Identity Card|Numero Unico de Identificacion Tributaria \(NUIT\))\s+/i, 'national_id'],
  [/^(Tax ID No\.|V\.A\.T\. Number|R\.F\.C\.|RFC|NIT #|RUC #|C\.U\.I\.T\.|Tax ID|Taxpayer Identification Number|Italian Fiscal Code|Fiscal Code|I\.F\.E\.|C\.U\.I\.P\.)\s+/i, 'tax'],
  [/^(Legal Entity Number|LEI)\s+/i, 'lei'],
  [/^(SWIFT\/BIC)\s+/i, 'swift_bic'],
  [/^(D-U-N-S Number)\s+/i, 'duns'],
  [/^(Registration Number|Business Registration Number|Business Registration Document #|Company Number|Commercial Registry Number|Commercial Registration Number|C\.R\. No\.|Public Registration Number|Government Gazette Number|Trade License No\.|Trade License Number|Economic Register Number \(CBLS\)|Unified Social Credit Code \(USCC\)|Folio Mercantil No\.|Chamber of Commerce Number|Central Registration System Number|Company ID No\.|Enterprise Number|Certificate of Incorporation Number|License|Istanbul Chamber of Comm\. No\.|UK Company Number|US FEIN|Branch Unit Number|Stock Ticker|Registered Charity No\.|ISIN|BIK \(RU\)|Registration ID)\s+/i, 'registration'],
  [/^(Aircraft Tail Number|Previous Aircraft Tail Number)\s+/i, 'aircraft_tail'],
  [/^(Aircraft Manufacturer's Serial Number \(MSN\)|Aircraft Manufacturer’s Serial Number \(MSN\))\s+/i, 'aircraft_serial'],
  [/^(Vessel Call Sign|Call Sign)\s+/i, 'call_sign'],
];

/** Statements kept as entity properties (FtM property name on the right). */
const PROPERTY_LABELS: [RegExp, string][] = [
  [/^Gender\s+/i, 'gender'],
  [/^Organization Established Date\s+/i, 'incorporationDate'],
  [/^Organization Type:\s*/i, 'legalForm'],
  [/^Additional Sanctions Information -\s*/i, 'sanctionsInfo'],
  [/^Secondary sanctions risk:\s*/i, 'sanctionsInfo'],
  [/^Target Type\s+/i, 'sector'],
  [/^(?=Transactions Prohibited For)/i, 'sanctionsInfo'],
  [/^(?=Executive Order \d+)/i, 'sanctionsInfo'],
  [/^(?=CAATSA Section)/i, 'sanctionsInfo'],
  [/^(?=(?:Listing|Effective) Date \()/i, 'sanctionsInfo'],
  [/^Chinese Commercial Code\s+/i, 'chineseCommercialCode'],
  [/^Issuer Name\s+/i, 'issuerName'],
  [/^Equity Ticker\s+/i, 'ticker'],
  [/^(?=.*\(CMIC\))/i, 'sanctionsInfo'],
  [/^Other Vessel Type\s+/i, 'type'],
  [/^Title\s+/i, 'position'],
  [/^Aircraft Model\s+/i, 'model'],
  [/^Aircraft Operator\s+/i, 'operator'],
  [/^Aircraft Manufacture Date\s+/i, 'buildDate'],
  [/^Aircraft Construction Number \(also called L\/N or S\/N or F\/N\)\s+/i, 'serialNumber'],
  [/^Aircraft Mode S Transponder Code\s+/i, 'modeSCode'],
  [/^Vessel Type\s+/i, 'type'],
  [/^Vessel Flag\s+/i, 'flag'],
  [/^Vessel Year of Build\s+/i, 'buildDate'],
  [/^Former Vessel Flag\s+/i, 'pastFlags'],
  [/^Other Vessel Flag\s+/i, 'pastFlags'],
  [/^Other Vessel Call Sign\s+/i, 'callSign'],
];

/**
 * Split Remarks into statements. OFAC separates statements with "; " and ends the field with ".";
 * a "; " inside a quoted alias is rare but real, so quotes opened after a.k.a. are respected.
 */
export function splitRemarks(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let inAlias = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!inAlias && ch === "'" && /(?:a\.k\.a\.|f\.k\.a\.|n\.k\.a\.),?\s*$/.test(text.slice(Math.max(0, i - 12), i))) {
      inAlias = true;
    } else if (inAlias && ch === "'" && (i + 1 === text.length || /[;.\s]/.test(text[i + 1]!))) {
      inAlias = false;
    } else if (!inAlias && ch === ';' && text[i + 1] === ' ') {
      out.push(text.slice(start, i).trim());
      start = i + 2;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((s) => s.length > 0);
}

function pushCountry(facts: RemarkFacts, name: string, role: CountryRef['role']): boolean {
  const code = toCountryCode(name.trim().replace(/\.$/, ''));
  if (!code) return false;
  if (!facts.countries.some((c) => c.code === code && c.role === role)) facts.countries.push({ code, role });
  return true;
}

function pushProperty(facts: RemarkFacts, key: string, value: string): void {
  const v = value.trim().replace(/\.$/, '');
  if (!v) return;
  const list = (facts.properties[key] ??= []);
  if (!list.includes(v)) list.push(v);
}

function emptyFacts(): RemarkFacts {
  return {
    names: [],
    birthDates: [],
    birthPlaces: [],
    countries: [],
    identifiers: [],
    contacts: [],
    linkedTo: [],
    properties: {},
    unparsed: [],
  };
}

/**
 * Parse one statement in OFAC's remark vocabulary, e.g. an XML id element rendered as
 * "Passport A123 (Iran)" or "Website www.x.com". Unknown statements land in `unparsed`.
 */
export function parseRemarkStatement(text: string): RemarkFacts {
  const facts = emptyFacts();
  const s = text.trim();
  if (s && !parseStatement(facts, s, s)) facts.unparsed.push(s);
  return facts;
}

/** Parse one Remarks field. */
export function parseRemarks(text: string | undefined): RemarkFacts {
  const facts = emptyFacts();
  if (!text) return facts;
  const statements = splitRemarks(text.trim());
  statements.forEach((raw, index) => {
    // The field's final full stop belongs to the field, not to the last statement (but keep it on
    // names such as "CO., LTD." — "Linked To" resolution ignores punctuation anyway).
    const s = index === statements.length - 1 ? raw.replace(/\.$/, '') : raw;
    if (!parseStatement(facts, s, raw)) facts.unparsed.push(raw);
  });
  return facts;
}

function parseStatement(facts: RemarkFacts, statement: string, raw: string): boolean {
  let m: RegExpExecArray | null;
  // "alt. X" repeats statement X with another value ("alt. Passport ...", "alt. Email Address ...").
  const s = statement.replace(/^alt\.\s+/i, '');
  if ((m = /^(a\.k\.a\.|f\.k\.a\.|n\.k\.a\.),?\s*['‘’"](.+?)['‘’"]?\.?$/i.exec(raw.trim()))) {
    const full = m[2]!.replace(/['‘’"]$/, '').trim();
    if (full) facts.names.push({ full, quality: 'weak', kind: m[1]!.toLowerCase() as RemarkAlias['kind'] });
    return true;
  }
  if ((m = /^(?:alt\.\s+)?DOB\s+(.+)$/i.exec(s))) {
    const dates = parseOfacDates(m[1]!);
    for (const d of dates) if (!facts.birthDates.includes(d)) facts.birthDates.push(d);
    return dates.length > 0;
  }
  if ((m = /^(?:alt\.\s+)?POB\s+(.+)$/i.exec(s))) {
    const place = m[1]!.trim();
    if (!facts.birthPlaces.includes(place)) facts.birthPlaces.push(place);
    const parts = place.split(',');
    pushCountry(facts, parts[parts.length - 1]!, 'birth');
    return true;
  }
  if ((m = /^(?:alt\.\s+)?nationality\s+(.+)$/i.exec(s))) return pushCountry(facts, m[1]!, 'nationality');
  if ((m = /^(?:alt\.\s+)?citizen\s+(.+)$/i.exec(s))) return pushCountry(facts, m[1]!, 'citizenship');
  if ((m = /^(?:Nationality of Registration)\s+(.+)$/i.exec(s))) return pushCountry(facts, m[1]!.replace(/\s*\(.*\)$/, ''), 'jurisdiction');
  if ((m = /^Linked To:\s*(.+)$/i.exec(s))) {
    facts.linkedTo.push({ target: m[1]!.trim(), text: raw });
    return true;
  }
  if ((m = /^Vessel Registration Identification\s+(?:IMO\s+)?(\d{7})\b/i.exec(s))) {
    facts.identifiers.push({ type: 'imo', value: m[1]!, label: 'Vessel Registration Identification IMO' });
    return true;
  }
  if ((m = /^MMSI\s+(\d{9})\b/i.exec(s))) {
    facts.identifiers.push({ type: 'mmsi', value: m[1]!, label: 'MMSI' });
    return true;
  }
  if ((m = /^Email Address\s+(\S+)$/i.exec(s))) {
    facts.contacts.push({ type: 'email', value: m[1]! });
    return true;
  }
  if ((m = /^Website\s+(\S+)$/i.exec(s))) {
    facts.contacts.push({ type: 'website', value: m[1]! });
    return true;
  }
  if ((m = /^(?:Telephone|Phone Number|Phone|Fax)(?: No\.)?:?\s+(.+)$/i.exec(s))) {
    facts.contacts.push({ type: 'phone', value: m[1]!.trim() });
    return true;
  }
  if ((m = /^Digital Currency Address - (\w+)\s+(\S+)$/i.exec(s))) {
    facts.identifiers.push({ type: 'crypto_wallet', value: m[2]!, label: `Digital Currency Address - ${m[1]}` });
    return true;
  }
  for (const [re, type] of ID_LABELS) {
    const hit = re.exec(s);
    if (!hit) continue;
    const { value, country, rest } = valueAndCountry(s.slice(hit[0].length));
    if (!value) return false;
    const id: Identifier = { type, value, label: hit[1]! };
    if (country) id.country = country;
    facts.identifiers.push(id);
    if (rest) {
      const issued = /issued\s+(.+?)(?:\s+expires|$)/i.exec(rest);
      const expires = /expires\s+(.+)$/i.exec(rest);
      if (issued) pushProperty(facts, 'idIssueDate', `${value}: ${issued[1]}`);
      if (expires) pushProperty(facts, 'idExpiryDate', `${value}: ${expires[1]}`);
    }
    return true;
  }
  for (const [re, key] of PROPERTY_LABELS) {
    const hit = re.exec(s);
    if (!hit) continue;
    pushProperty(facts, key, s.slice(hit[0].length));
    return true;
  }
  return false;
}
