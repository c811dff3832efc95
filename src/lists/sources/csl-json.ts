// US Consolidated Screening List, JSON download:
// https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.json
// `{"results": [ {id, source, entity_number, type, programs: [...], name, title,
//   addresses: [{address, city, state, postal_code, country}], ..., alt_names: [...],
//   ids: [{type, number, country, issue_date, expiration_date}], ...}, ...]}` — the same records as
// the CSV with arrays instead of '; '-joined cells. The file is scanned incrementally: each object
// of the results array is cut out and parsed on its own, so memory holds one record at a time.
import type { ListParser } from '../parser.js';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';
import { CslCollector, CSL_SCALAR_FIELDS, type CslAddress, type CslId, type CslRecord } from './csl-csv.js';

/** One top-level object of an array, with where it started (for error messages). */
export interface ScannedObject {
  text: string;
  /** 1-based index in the array. */
  index: number;
  line: number;
}

/**
 * Incremental scanner for `{"results": [ {...}, {...} ]}` (or a bare top-level array): yields each
 * array element's JSON text. Tracks strings and escapes so braces inside names do not count.
 * Throws ListParseError when the input ends inside the array (a truncated download).
 */
export async function* scanResultsArray(file: string, chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ScannedObject> {
  let depth = 0; // nesting depth of {} and []
  let inString = false;
  let escaped = false;
  let line = 1;
  let arrayDepth = -1; // depth inside the results array, once found
  let arrayClosed = false;
  let lastKey = ''; // last string seen at depth 1 (the key before ':')
  let stringStart = -1;
  let stringBuf = '';
  let objStart = -1;
  let objParts: string[] = [];
  let objLine = 0;
  let index = 0;
  let sawTopLevel = false;

  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (objStart >= 0) objStart = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === 92 /* \ */) escaped = true;
        else if (ch === 34 /* " */) {
          inString = false;
          if (depth === 1 && arrayDepth < 0) {
            stringBuf += text.slice(stringStart, i);
            lastKey = stringBuf;
          }
        }
        continue;
      }
      switch (ch) {
        case 34: // "
          inString = true;
          stringStart = i + 1;
          stringBuf = '';
          break;
        case 123: // {
        case 91: // [
          if (!sawTopLevel) {
            sawTopLevel = true;
            // A bare array: its elements are the records.
            if (ch === 91) arrayDepth = 1;
          } else if (arrayDepth < 0 && depth === 1 && ch === 91 && lastKey === 'results') {
            arrayDepth = depth + 1;
          } else if (arrayDepth > 0 && depth === arrayDepth && ch === 123) {
            objStart = i;
            objParts = [];
            objLine = line;
          }
          depth++;
          break;
        case 125: // }
        case 93: // ]
          depth--;
          if (depth < 0) throw new ListParseError(file, `line ${line}`, 'unbalanced closing bracket');
          if (arrayDepth > 0 && depth === arrayDepth && ch === 125 && objStart >= 0) {
            objParts.push(text.slice(objStart, i + 1));
            index++;
            yield { text: objParts.join(''), index, line: objLine };
            objStart = -1;
            objParts = [];
          } else if (arrayDepth > 0 && depth === arrayDepth - 1 && ch === 93) {
            arrayClosed = true;
            arrayDepth = 0; // done: ignore the rest of the document (metadata keys)
          }
          break;
        default:
          break;
      }
    }
    // Carry partial strings and objects over to the next chunk.
    if (inString && depth === 1 && arrayDepth < 0) stringBuf += text.slice(stringStart);
    stringStart = 0;
    if (objStart >= 0) objParts.push(text.slice(objStart));
  }
  if (!sawTopLevel) throw new ListParseError(file, 'line 1', 'empty file: no JSON document');
  if (!arrayClosed) {
    const where = `record ${index + 1} (line ${objStart >= 0 ? objLine : line})`;
    const reason =
      arrayDepth < 0
        ? 'no "results" array found'
        : 'file ends inside the results array (truncated download?)';
    throw new ListParseError(file, where, reason);
  }
}

function str(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  const s = String(v).trim();
  return s ? s : undefined;
}

function strings(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map(str).filter((x): x is string => x !== undefined);
}

/** A parsed JSON result object as a CslRecord (the shared shape of both CSL formats). */
export function jsonToCslRecord(o: Record<string, unknown>): CslRecord {
  const addresses: CslAddress[] = Array.isArray(o.addresses)
    ? (o.addresses as Record<string, unknown>[]).map((a) => {
        const out: CslAddress = {};
        const address = str(a.address);
        const city = str(a.city);
        const state = str(a.state ?? a.state_or_province);
        const postal = str(a.postal_code);
        const country = str(a.country);
        if (address) out.address = address;
        if (city) out.city = city;
        if (state) out.state = state;
        if (postal) out.postal_code = postal;
        if (country) out.country = country;
        return out;
      })
    : [];
  const ids: CslId[] = Array.isArray(o.ids)
    ? (o.ids as Record<string, unknown>[]).flatMap((x) => {
        const type = str(x.type);
        const number = str(x.number);
        if (!type || !number) return [];
        const id: CslId = { type, number };
        const country = str(x.country);
        const issue = str(x.issue_date);
        const expiry = str(x.expiration_date);
        if (country) id.country = country;
        if (issue) id.issue_date = issue;
        if (expiry) id.expiration_date = expiry;
        return [id];
      })
    : [];
  const rec: CslRecord = {
    // The bulk JSON calls the record id `id`; older dumps of the search index used `_id`.
    id: str(o.id ?? o._id) ?? '',
    source: str(o.source) ?? '',
    programs: strings(o.programs),
    name: str(o.name) ?? '',
    addresses,
    alt_names: strings(o.alt_names),
    citizenships: strings(o.citizenships),
    dates_of_birth: strings(o.dates_of_birth),
    nationalities: strings(o.nationalities),
    places_of_birth: strings(o.places_of_birth),
    ids,
  };
  for (const key of CSL_SCALAR_FIELDS) {
    const v = str(o[key]);
    if (v !== undefined) rec[key] = v;
  }
  return rec;
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const collector = new CslCollector(options.source, file);
  const input = openListFile(file);
  input.setEncoding('utf8');
  let current: ScannedObject | undefined;
  try {
    for await (const obj of scanResultsArray(file, input)) {
      current = obj;
      let value: unknown;
      try {
        value = JSON.parse(obj.text);
      } catch (err) {
        throw new ListParseError(file, `record ${obj.index} (line ${obj.line})`, `invalid JSON: ${(err as Error).message}`);
      }
      const rec = jsonToCslRecord(value as Record<string, unknown>);
      const at = `record ${obj.index} (line ${obj.line})`;
      if (!rec.id || !rec.name) {
        collector.warnings.push({ file, at, message: 'record has no id or no name; skipped' });
        continue;
      }
      collector.add(rec, at);
    }
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    const at = current ? `after record ${current.index} (line ${current.line})` : 'line 1';
    const msg = (err as Error).message;
    throw new ListParseError(file, at, /unexpected end of file/i.test(msg) ? `gzip stream ends early (truncated download?): ${msg}` : msg);
  } finally {
    input.destroy();
  }
  return collector.result();
};
