// Reading a counterparty register from a file: CSV with a header row, or JSONL (one JSON object
// per line). Columns/keys: id, name (required), schema, country, birthDate (or birth_date), ids
// (CSV: separated by ';'), externalRef (or external_ref, reference).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
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
  const str = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = row[k];
      if (typeof v === 'string' && v.trim()) return v.trim();
      if (typeof v === 'number') return String(v);
    }
    return undefined;
  };
  const name = str('name');
  if (!name) throw new CounterpartyFileError(file, at, 'name is missing');
  const rawIds = row.ids;
  const ids = Array.isArray(rawIds) ? rawIds.map(String).filter(Boolean) : typeof rawIds === 'string' ? rawIds.split(';').map((s) => s.trim()).filter(Boolean) : [];
  const out: CounterpartyInput = { name };
  const id = str('id');
  if (id) out.id = id;
  const schema = str('schema');
  if (schema) out.schema = schema;
  const country = str('country');
  if (country) out.country = country;
  const birthDate = str('birthDate', 'birth_date');
  if (birthDate) out.birthDate = birthDate;
  if (ids.length) out.ids = ids;
  const ref = str('externalRef', 'external_ref', 'reference');
  if (ref) out.externalRef = ref;
  return out;
}

export async function readCounterpartyFile(file: string): Promise<CounterpartyInput[]> {
  const out: CounterpartyInput[] = [];
  if (/\.jsonl?$/i.test(file)) {
    let line = 0;
    for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      line += 1;
      if (!text.trim()) continue;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch (err) {
        throw new CounterpartyFileError(file, `line ${line}`, `not JSON: ${(err as Error).message}`);
      }
      if (!row || typeof row !== 'object') throw new CounterpartyFileError(file, `line ${line}`, 'expected a JSON object');
      out.push(fromRow(row as Record<string, unknown>, file, `line ${line}`));
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
