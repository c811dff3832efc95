// OFAC legacy CSV sets: sdn.csv (+ add.csv, alt.csv, sdn_comments.csv) and the consolidated
// non-SDN list cons_prim.csv (+ cons_add.csv, cons_alt.csv, cons_comments.csv).
// Format (https://ofac.treasury.gov/specially-designated-nationals-list-data-formats-data-schemas):
// no header row; "-0-" (often with a trailing space) means empty; the file ends with "\r\n" and a
// DOS end-of-file byte 0x1A. The Remarks field carries most of the data (see ofac-remarks.ts) and
// is cut at a fixed length; the comments file holds the rest of it, to be appended verbatim.
import { Transform, type TransformCallback } from 'node:stream';
import { parse as csvParse } from 'csv-parse';
import type { Address, Entity } from '../../domain/entity.js';
import type { ParsedList, ParseWarning } from '../../domain/list.js';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';
import type { ListParser } from '../parser.js';
import { toCountryCode } from '../../geo/countries.js';
import { parseRemarks } from './ofac-remarks.js';
import {
  addName,
  addProperty,
  addUnique,
  applyRemarkFacts,
  emptyEntity,
  ofacSchema,
  personNameParts,
  resolveLinkedTo,
  type LinkedTo,
} from './ofac-common.js';

const EOF_MARKER = '\x1a';

/** OFAC writes empty fields as "-0-", usually followed by a space. */
function field(value: string | undefined): string | undefined {
  const v = (value ?? '').trim();
  return v === '' || v === '-0-' ? undefined : v;
}

/** Remembers how the byte stream ended, to tell a complete file from one cut mid-record. */
class TailWatcher extends Transform {
  tail = Buffer.alloc(0);
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.tail = Buffer.concat([this.tail, chunk.subarray(Math.max(0, chunk.length - 4))]).subarray(-4);
    cb(null, chunk);
  }
}

interface CsvRow {
  line: number;
  fields: string[];
}

/**
 * Stream the rows of one OFAC CSV file. Throws ListParseError on malformed CSV, on rows with fewer
 * fields than the format has, and when the file does not end with a complete line (truncated).
 */
async function readOfacCsv(
  file: string,
  columns: number,
  warnings: ParseWarning[],
  onRow: (row: CsvRow) => void,
): Promise<void> {
  const input = openListFile(file);
  const tail = new TailWatcher();
  const parser = csvParse({ relax_column_count: true, info: true, bom: true });
  input.on('error', (err) => parser.destroy(err));
  tail.on('error', (err) => parser.destroy(err));
  input.pipe(tail).pipe(parser);
  let lastLine = 0;
  let sawEof = false;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      lastLine = info.lines;
      if (record.length === 1 && record[0]!.trim() === EOF_MARKER) {
        sawEof = true;
        continue;
      }
      if (record.length === 1 && record[0]!.trim() === '') continue;
      if (sawEof) throw new ListParseError(file, `line ${info.lines}`, 'data after the end-of-file marker (0x1A)');
      if (record.length < columns) {
        throw new ListParseError(
          file,
          `line ${info.lines}`,
          `row has ${record.length} fields, expected ${columns} (file truncated or not an OFAC CSV)`,
        );
      }
      if (!/^\d+$/.test(record[0]!.trim())) {
        throw new ListParseError(file, `line ${info.lines}`, `first field "${record[0]}" is not an OFAC entry number`);
      }
      onRow({ line: info.lines, fields: record });
    }
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    const e = err as Error & { lines?: number };
    throw new ListParseError(file, `line ${e.lines ?? lastLine + 1}`, e.message);
  }
  // A complete OFAC CSV ends "\r\n" + 0x1A. Without a final newline the last row was cut.
  let end = tail.tail.length;
  if (end > 0 && tail.tail[end - 1] === 0x1a) end--;
  if (end > 0 && tail.tail[end - 1] !== 0x0a) {
    throw new ListParseError(file, `line ${lastLine}`, 'file ends in the middle of a row (truncated)');
  }
  if (!sawEof) {
    warnings.push({ file, message: 'no end-of-file marker (0x1A); OFAC files end with one, check the download' });
  }
}

interface PrimaryRow {
  line: number;
  entNum: string;
  name: string;
  type?: string;
  program?: string;
  title?: string;
  callSign?: string;
  vesselType?: string;
  tonnage?: string;
  grt?: string;
  vesselFlag?: string;
  vesselOwner?: string;
  remarks?: string;
}

/** "SDGT] [IRGC" (OFAC writes several programs as bracketed tags with the outer brackets cut). */
export function splitPrograms(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(/\]\s*\[/)
    .map((p) => p.replace(/[[\]]/g, '').trim())
    .filter((p) => p.length > 0);
}

export const parse: ListParser = async (files, options) => {
  const { source } = options;
  const warnings: ParseWarning[] = [];
  const rows: PrimaryRow[] = [];
  const byNum = new Map<string, PrimaryRow>();

  await readOfacCsv(files.main, 12, warnings, ({ line, fields: f }) => {
    const row: PrimaryRow = {
      line,
      entNum: f[0]!.trim(),
      name: field(f[1]) ?? '',
      type: field(f[2]),
      program: field(f[3]),
      title: field(f[4]),
      callSign: field(f[5]),
      vesselType: field(f[6]),
      tonnage: field(f[7]),
      grt: field(f[8]),
      vesselFlag: field(f[9]),
      vesselOwner: field(f[10]),
      remarks: field(f[11]),
    };
    if (!row.name) {
      warnings.push({ file: files.main, at: `line ${line}`, message: `entry ${row.entNum} has no name; skipped` });
      return;
    }
    if (byNum.has(row.entNum)) {
      warnings.push({ file: files.main, at: `line ${line}`, message: `duplicate entry number ${row.entNum}; kept the first` });
      return;
    }
    rows.push(row);
    byNum.set(row.entNum, row);
  });

  // Remarks continuation: sdn_comments.csv continues the (length-limited) Remarks field mid-word.
  if (files.comments) {
    const file = files.comments;
    await readOfacCsv(file, 2, warnings, ({ line, fields: f }) => {
      const row = byNum.get(f[0]!.trim());
      const text = field(f[1]);
      if (!row) {
        warnings.push({ file, at: `line ${line}`, message: `orphan comment for unknown entry ${f[0]}` });
        return;
      }
      if (text) row.remarks = (row.remarks ?? '') + text;
    });
  }

  const entities = new Map<string, Entity>();
  const links: LinkedTo[] = [];
  for (const row of rows) {
    const entity = buildEntity(source, row);
    entities.set(row.entNum, entity);
    if (row.remarks) {
      applyRemarkFacts(entity, parseRemarks(row.remarks), links);
    }
  }

  if (files.add) {
    const file = files.add;
    await readOfacCsv(file, 6, warnings, ({ line, fields: f }) => {
      const entity = entities.get(f[0]!.trim());
      if (!entity) {
        warnings.push({ file, at: `line ${line}`, message: `orphan address for unknown entry ${f[0]}` });
        return;
      }
      const street = field(f[2]);
      const cityLine = field(f[3]);
      const countryText = field(f[4]);
      const remarks = field(f[5]);
      if (!street && !cityLine && !countryText) return; // OFAC writes empty address rows ("-0-" everywhere)
      const address: Address = { full: [street, cityLine, countryText].filter(Boolean).join(', ') };
      if (street) address.street = street;
      if (cityLine) address.city = cityLine;
      const code = toCountryCode(countryText);
      if (code) {
        address.country = code;
        addUnique(entity.countries, { code, role: 'address' }, (a, b) => a.code === b.code && a.role === b.role);
      } else if (countryText) {
        address.region = countryText;
      }
      entity.addresses.push(address);
      if (remarks) entity.remarks.push(`Address: ${remarks}`);
    });
  }

  if (files.alt) {
    const file = files.alt;
    await readOfacCsv(file, 5, warnings, ({ line, fields: f }) => {
      const entity = entities.get(f[0]!.trim());
      if (!entity) {
        warnings.push({ file, at: `line ${line}`, message: `orphan alias for unknown entry ${f[0]}` });
        return;
      }
      const type = (field(f[2]) ?? 'aka').toLowerCase();
      const full = field(f[3]);
      const remarks = field(f[4]);
      if (!full) return;
      // alt.csv holds OFAC's strong aliases; a remark may still call one weak / low quality.
      const weak = remarks !== undefined && /weak|low quality/i.test(remarks);
      const parts = entity.schema === 'Person' ? personNameParts(full) : undefined;
      addName(entity, { full, quality: weak ? 'weak' : 'strong', ...(parts ? { parts } : {}) });
      if (type === 'fka') addProperty(entity, 'previousName', full);
      if (remarks) entity.remarks.push(`Alias ${full}: ${remarks}`);
    });
  }

  const list = [...entities.values()];
  const relations = resolveLinkedTo(list, links, source, files.main, warnings);
  const parsed: ParsedList = { entities: list, relations, warnings };
  return parsed;
};

function buildEntity(source: string, row: PrimaryRow): Entity {
  const schema = ofacSchema(row.type);
  const entity = emptyEntity(source, row.entNum, schema, row.name);
  const parts = schema === 'Person' ? personNameParts(row.name) : undefined;
  entity.names.push({ full: row.name, quality: 'primary', ...(parts ? { parts } : {}) });
  entity.programs = splitPrograms(row.program);
  if (row.remarks) entity.remarks.push(row.remarks);
  addProperty(entity, schema === 'Person' ? 'position' : 'title', row.title);
  if (row.callSign) entity.identifiers.push({ type: 'call_sign', value: row.callSign, label: 'Call Sign' });
  addProperty(entity, 'type', row.vesselType);
  addProperty(entity, 'tonnage', row.tonnage);
  addProperty(entity, 'grossRegisteredTonnage', row.grt);
  addProperty(entity, 'owner', row.vesselOwner);
  if (row.vesselFlag) {
    const code = toCountryCode(row.vesselFlag);
    if (code) entity.countries.push({ code, role: 'flag' });
    else addProperty(entity, 'flag', row.vesselFlag);
  }
  return entity;
}
