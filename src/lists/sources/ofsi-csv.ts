// UK OFSI Consolidated List as CSV (https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv).
// Same table as ConList.xlsx: line 1 is "Last Updated,dd/mm/yyyy", line 2 the header, then one
// line per name. Streamed with csv-parse; grouping is shared with the XLSX reader (ofsi-rows.ts).
import { parse as csvParse } from 'csv-parse';
import type { ParseWarning } from '../../domain/list.js';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';
import type { ListParser } from '../parser.js';
import { ofsiEntities, ofsiHeader, ofsiLastUpdated, ofsiRow, type OfsiColumn, type OfsiRow } from './ofsi-rows.js';

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const rows: OfsiRow[] = [];
  let publishedAt: string | undefined;
  let header: Map<OfsiColumn, number> | undefined;
  let headerWidth = 0;
  const parser = csvParse({ bom: true, relax_column_count: true, info: true, skip_empty_lines: true });
  const input = openListFile(file);
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      const at = `line ${info.lines}`;
      if (!header) {
        // Line 1 of the published file is the "Last Updated" line; tolerate a file starting at the header.
        if (record.some((c) => c.trim() === 'Group ID')) {
          header = ofsiHeader(record, file, at);
          headerWidth = Math.max(...header.values()) + 1;
        } else if (publishedAt === undefined && record.some((c) => /^last updated$/i.test(c.trim()))) {
          publishedAt = ofsiLastUpdated(record) ?? '';
        } else {
          throw new ListParseError(file, at, 'expected the "Last Updated" line or the OFSI header before data rows');
        }
        continue;
      }
      if (record.every((c) => !c.trim())) continue;
      // Every published line has the full set of columns; a short line means a cut-off file.
      if (record.length < headerWidth) {
        throw new ListParseError(file, at, `line has ${record.length} fields, the header has ${headerWidth} (truncated file?)`);
      }
      rows.push(ofsiRow(record, header, at));
    }
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    const e = err as Error & { lines?: number; code?: string };
    if (e.code === 'ENOENT' || e.code === 'EACCES') throw new ListParseError(file, undefined, e.message);
    throw new ListParseError(file, e.lines ? `line ${e.lines}` : undefined, `malformed CSV: ${e.message}`);
  } finally {
    input.destroy();
  }
  if (!header) throw new ListParseError(file, undefined, 'no OFSI header line (a "Group ID" column) found');
  const entities = ofsiEntities(rows, options.source, file, warnings);
  return { entities, relations: [], ...(publishedAt ? { publishedAt } : {}), warnings };
};
