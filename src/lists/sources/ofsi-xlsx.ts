// UK OFSI Consolidated List as XLSX (https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx).
// Row 1: "Last Updated" | dd/mm/yyyy; row 2: the header; then one row per name. exceljs' streaming
// reader rejects this file (zip data descriptors), so the workbook is loaded whole (~2 MB file).
import ExcelJS from 'exceljs';
import type { Entity } from '../../domain/entity.js';
import type { ParseWarning } from '../../domain/list.js';
import { ListParseError } from '../errors.js';
import { readListFile } from '../input.js';
import type { ListParser } from '../parser.js';
import { ofsiEntities, ofsiHeader, ofsiLastUpdated, ofsiRow, type OfsiRow } from './ofsi-rows.js';

/** A cell's value as the text OFSI typed: dates back to dd/mm/yyyy, rich text flattened. */
function cellText(v: ExcelJS.CellValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    const p = (n: number): string => String(n).padStart(2, '0');
    return `${p(v.getUTCDate())}/${p(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  }
  return String(v);
}

/** Cells of a row as an array, column A at index 0. */
function rowCells(row: ExcelJS.Row): (string | undefined)[] {
  const values = row.values as ExcelJS.CellValue[];
  return values.slice(1).map((v) => cellText(v));
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const buffer = readListFile(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (err) {
    throw new ListParseError(file, undefined, `not a readable XLSX workbook (truncated or corrupt?): ${(err as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ListParseError(file, undefined, 'workbook has no worksheet');
  const first = rowCells(sheet.getRow(1));
  const publishedAt = ofsiLastUpdated(first);
  // The header is row 2 in the 2022 format; look a few rows further in case a title row is added.
  let headerRow = 0;
  for (let r = 1; r <= Math.min(5, sheet.rowCount); r++) {
    if (rowCells(sheet.getRow(r)).some((c) => c?.trim() === 'Group ID')) {
      headerRow = r;
      break;
    }
  }
  if (!headerRow) throw new ListParseError(file, 'rows 1-5', 'no OFSI header row (a "Group ID" column) found');
  const header = ofsiHeader(rowCells(sheet.getRow(headerRow)).map((c) => c ?? ''), file, `row ${headerRow}`);
  const rows: OfsiRow[] = [];
  sheet.eachRow((row, n) => {
    if (n <= headerRow) return;
    const cells = rowCells(row);
    if (cells.every((c) => !c?.trim())) return;
    rows.push(ofsiRow(cells, header, `row ${n}`));
  });
  const warnings: ParseWarning[] = [];
  const entities: Entity[] = ofsiEntities(rows, options.source, file, warnings);
  return { entities, relations: [], ...(publishedAt ? { publishedAt } : {}), warnings };
};
