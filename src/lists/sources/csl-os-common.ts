// Pieces shared by the US CSL and OpenSanctions parsers: empty entities, name scripts, and
// streaming a headed CSV file record by record with errors that name the file and the line.
import { parse as parseCsv, type CsvError } from 'csv-parse';
import type { Entity, EntityName, Identifier, NameQuality } from '../../domain/entity.js';
import { ListParseError } from '../errors.js';
import { openListFile } from '../input.js';

export { newEntity } from '../../domain/entity.js';

// ISO 15924 codes of the scripts sanctions lists use besides Latin. Checked in order: the first
// script any letter of the name belongs to wins (mixed-script names are rare and keep the first).
const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Cyrillic}/u, 'Cyrl'],
  [/\p{Script=Arabic}/u, 'Arab'],
  // Kana before Han: Japanese names mix kanji with kana, and 'Jpan' covers both.
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Jpan'],
  [/\p{Script=Han}/u, 'Hani'],
  [/\p{Script=Hangul}/u, 'Hang'],
  [/\p{Script=Hebrew}/u, 'Hebr'],
  [/\p{Script=Greek}/u, 'Grek'],
  [/\p{Script=Georgian}/u, 'Geor'],
  [/\p{Script=Armenian}/u, 'Armn'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Devanagari}/u, 'Deva'],
  [/\p{Script=Myanmar}/u, 'Mymr'],
  [/\p{Script=Khmer}/u, 'Khmr'],
];

/** ISO 15924 code of a name's non-Latin script; undefined for Latin (or script-less) names. */
export function detectScript(name: string): string | undefined {
  for (const [pattern, code] of SCRIPTS) if (pattern.test(name)) return code;
  return undefined;
}

/** Add a name unless the entity already has the same string; the script is detected here. */
export function addName(entity: Entity, full: string, quality: NameQuality): void {
  const name = full.trim();
  if (!name || entity.names.some((n) => n.full === name)) return;
  const entry: EntityName = { full: name, quality };
  const script = detectScript(name);
  if (script) entry.script = script;
  entity.names.push(entry);
}

export function addIdentifier(entity: Entity, id: Identifier): void {
  const value = id.value.trim();
  if (!value) return;
  if (entity.identifiers.some((i) => i.type === id.type && i.value === value && i.country === id.country)) return;
  entity.identifiers.push({ ...id, value });
}

export function addProperty(entity: Entity, key: string, ...values: (string | undefined)[]): void {
  for (const raw of values) {
    const value = raw?.trim();
    if (!value) continue;
    const list = (entity.properties[key] ??= []);
    if (!list.includes(value)) list.push(value);
  }
}

export function pushUnique(list: string[], ...values: (string | undefined)[]): void {
  for (const raw of values) {
    const value = raw?.trim();
    if (value && !list.includes(value)) list.push(value);
  }
}

/** A ';'-separated cell as a list of trimmed, non-empty values. */
export function splitCell(cell: string | undefined, separator = ';'): string[] {
  if (!cell) return [];
  return cell
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export interface CsvRecord {
  /** Cell values by header name. */
  cells: Record<string, string>;
  /** 1-based number of the data record (the header is not counted). */
  record: number;
  /** Line on which the record starts (the header is line 1). */
  line: number;
}

/**
 * Stream a CSV file with a header row (gzip-aware). The header is checked against `required`
 * columns before the first record. Throws ListParseError naming the file and line for an
 * unterminated quote, a ragged row or a truncated gzip stream.
 */
export async function* readHeadedCsv(file: string, required: readonly string[]): AsyncGenerator<CsvRecord> {
  const input = openListFile(file);
  const parser = parseCsv({ bom: true, columns: true, info: true, skip_empty_lines: true, relax_quotes: false });
  // A failing source stream (truncated gzip) must fail the parser, or the loop would end quietly.
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let record = 0;
  let lastLine = 1;
  let checked = false;
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checked) {
        const missing = required.filter((c) => !(c in item.record));
        if (missing.length > 0) {
          throw new ListParseError(file, 'line 1', `header lacks column(s) ${missing.join(', ')}`);
        }
        checked = true;
      }
      record += 1;
      const startLine = lastLine + 1;
      lastLine = item.info.lines;
      yield { cells: item.record, record, line: startLine };
    }
  } catch (err) {
    if (err instanceof ListParseError) throw err;
    const csvErr = err as CsvError & { lines?: number };
    const at = typeof csvErr.lines === 'number' ? `line ${csvErr.lines}` : `after record ${record} (line ${lastLine})`;
    const reason =
      (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String(csvErr.message))
        ? `gzip stream ends early (truncated download?): ${csvErr.message}`
        : csvErr.message;
    throw new ListParseError(file, at, reason);
  } finally {
    input.destroy();
  }
  if (!checked) throw new ListParseError(file, 'line 1', 'no header row or no records');
}
