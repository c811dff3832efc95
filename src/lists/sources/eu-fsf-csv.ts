// EU Financial Sanctions Files (FSF), CSV 1.1
// (https://webgate.ec.europa.eu/fsd/fsf/public/files/csvFullSanctionsList_1_1/content?token=...).
// Semicolon-separated, UTF-8 with BOM; one row per name, address, birth date, identification or
// citizenship, each repeating the Entity_* columns; rows of one designation share Entity_LogicalId.
// Column names are the XML element/attribute names with a section prefix (NameAlias_WholeName =
// nameAlias@wholeName), so rows are folded back into sanctionEntity trees and mapped by the XML
// mapper: both formats give the same entities.
import { parse as csvParse } from 'csv-parse';
import type { Entity } from '../../domain/entity.js';
import type { ParseWarning } from '../../domain/list.js';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';
import type { ListParser } from '../parser.js';
import { euEntity } from './eu-fsf-xml.js';
import type { XmlNode } from './un-xml.js';

/** CSV section prefix -> XML child element. */
const SECTIONS: Record<string, string> = {
  NameAlias: 'nameAlias',
  Address: 'address',
  BirthDate: 'birthdate',
  Identification: 'identification',
  Citizenship: 'citizenship',
};

/** Column suffixes whose XML attribute name is not simply the suffix with a lower-case first letter. */
const RENAMED: Record<string, string> = {
  'Entity_EU_ReferenceNumber': 'euReferenceNumber',
  'Entity_Regulation_Type': 'regulationType',
  'BirthDate_BirthDate': 'birthdate',
  'BirthDate_Day': 'dayOfMonth',
  'BirthDate_Month': 'monthOfYear',
  'Identification_TypeCode': 'identificationTypeCode',
  'Identification_TypeDescription': 'identificationTypeDescription',
};

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

interface Column {
  /** Target element: '' = sanctionEntity itself, else 'regulation', 'subjectType', 'remark', 'nameAlias' ... */
  element: string;
  attr: string;
}

/** Where a CSV column goes in the sanctionEntity tree; undefined for columns not kept. */
function columnTarget(name: string): Column | undefined {
  if (name === 'Entity_SubjectType') return { element: 'subjectType', attr: 'code' };
  if (name === 'Entity_SubjectType_ClassificationCode') return { element: 'subjectType', attr: 'classificationCode' };
  if (name === 'Entity_Remark') return { element: 'remark', attr: '#text' };
  if (name.startsWith('Entity_Regulation_')) return { element: 'regulation', attr: RENAMED[name] ?? lowerFirst(name.slice('Entity_Regulation_'.length)) };
  if (name.startsWith('Entity_')) return { element: '', attr: RENAMED[name] ?? lowerFirst(name.slice('Entity_'.length)) };
  const [prefix, ...rest] = name.split('_');
  const element = prefix ? SECTIONS[prefix] : undefined;
  // Section_Regulation_* columns describe the amending act of that one item: not kept.
  if (!element || rest.length !== 1 || !rest[0]) return undefined;
  return { element, attr: RENAMED[name] ?? lowerFirst(rest[0]) };
}

/** fileGenerationDate "01/08/2025" (dd/mm/yyyy) or ISO -> ISO date. */
function generationDate(raw: string | undefined): string | undefined {
  const s = raw?.trim() ?? '';
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s : undefined;
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const trees = new Map<string, { node: XmlNode; seen: Set<string> }>();
  let columns: (Column | undefined)[] | undefined;
  let idColumn = -1;
  let dateColumn = -1;
  let width = 0;
  let publishedAt: string | undefined;
  const parser = csvParse({ bom: true, delimiter: ';', relax_column_count: true, relax_quotes: false, info: true, skip_empty_lines: true });
  const input = openListFile(file);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (!columns) {
        idColumn = record.indexOf('Entity_LogicalId');
        if (idColumn < 0) throw new ListParseError(file, `line ${info.lines}`, 'not an EU FSF CSV: no Entity_LogicalId column in the header');
        dateColumn = record.indexOf('fileGenerationDate');
        columns = record.map(columnTarget);
        width = record.length;
        continue;
      }
      // Each row carries every column; a short row is a cut-off file, not a shorter record.
      if (record.length < width) {
        throw new ListParseError(file, `line ${info.lines}`, `row has ${record.length} fields, the header has ${width} (truncated file?)`);
      }
      if (publishedAt === undefined && dateColumn >= 0) publishedAt = generationDate(record[dateColumn]);
      const logicalId = record[idColumn]?.trim();
      if (!logicalId) {
        warnings.push({ file, at: `line ${info.lines}`, message: 'row without Entity_LogicalId skipped' });
        continue;
      }
      let tree = trees.get(logicalId);
      if (!tree) {
        tree = { node: { name: 'sanctionEntity', attrs: {}, text: '', children: [], line: info.lines }, seen: new Set() };
        trees.set(logicalId, tree);
      }
      // Gather this row's values per element, then add each element once (rows repeat Entity_*).
      const parts = new Map<string, Record<string, string>>();
      record.forEach((value, i) => {
        const col = columns![i];
        const v = value.trim();
        if (!col || !v) return;
        if (col.element === '') tree!.node.attrs[col.attr] ??= v;
        else (parts.get(col.element) ?? parts.set(col.element, {}).get(col.element)!)[col.attr] = v;
      });
      for (const [element, attrs] of parts) {
        const key = `${element}:${attrs.logicalId ?? JSON.stringify(attrs)}`;
        if (tree.seen.has(key)) continue;
        tree.seen.add(key);
        const { '#text': text, ...rest } = attrs;
        tree.node.children.push({ name: element, attrs: rest, text: text ?? '', children: [], line: info.lines });
      }
    }
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    const e = err as Error & { lines?: number; code?: string };
    if (e.code === 'ENOENT' || e.code === 'EACCES') throw new ListParseError(file, undefined, e.message);
    throw new ListParseError(file, e.lines ? `line ${e.lines}` : undefined, `malformed CSV: ${e.message}`);
  } finally {
    input.destroy();
  }
  if (!columns) throw new ListParseError(file, undefined, 'empty file: no header line');
  const entities: Entity[] = [];
  for (const { node } of trees.values()) {
    const e = euEntity(node, options.source, file, warnings);
    if (e) entities.push(e);
  }
  return { entities, relations: [], ...(publishedAt ? { publishedAt } : {}), warnings };
};
