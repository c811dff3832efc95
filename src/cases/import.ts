// Reading a counterparty register from a file: CSV with a header row, or JSONL (one JSON object
// per line). Columns/keys: id, name (required), schema, country, birthDate (or birth_date), ids
// (or id_number; several separated by ';'), externalRef (or external_ref, reference). The party
// fields are read as batch screening reads them (runtime/input-records.ts).
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse';
import { jsonObjectLines, JsonLinesError, partyFields, textField } from '../runtime/input-records.js';
import type { CounterpartyInput } from './model.js';

export class CounterpartyFileError extends Error {
  override readonly name = 'CounterpartyFileError';
  constructor(
    readonly file: string,
    readonly at: string,
    reason: string,
  ) {
    super(`${file}:${at}: ${reason}`);
  }
}

function fromRow(row: Record<string, unknown>, file: string, at: string): CounterpartyInput {
  const { id, name, schema, country, birthDate, ids } = partyFields(row);
  if (!name) throw new CounterpartyFileError(file, at, 'name is missing');
  const out: CounterpartyInput = { name };
  if (id) out.id = id;
  if (schema) out.schema = schema;
  if (country) out.country = country;
  if (birthDate) out.birthDate = birthDate;
  if (ids) out.ids = ids;
  const ref = textField(row, 'externalRef', 'external_ref', 'reference');
  if (ref) out.externalRef = ref;
  return out;
}

export async function readCounterpartyFile(file: string): Promise<CounterpartyInput[]> {
  const out: CounterpartyInput[] = [];
  if (/\.jsonl?$/i.test(file)) {
    try {
      for (const { record, line } of jsonObjectLines(await readFile(file, 'utf8'))) out.push(fromRow(record, file, `line ${line}`));
    } catch (err) {
      if (err instanceof JsonLinesError) throw new CounterpartyFileError(file, `line ${err.line}`, err.reason);
      throw err;
    }
    return out;
  }
  let line = 1;
  for await (const row of createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }))) {
    line += 1;
    out.push(fromRow(row as Record<string, unknown>, file, `line ${line}`));
  }
  return out;
}
