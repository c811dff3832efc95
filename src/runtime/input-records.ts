// Records from user files (batch screening rows, counterparty registers): JSON lines and the
// fields both kinds of file share. One reader, so both accept the same spellings of a field and
// report a bad line the same way.

/** A JSON-lines text that is not one JSON object per line: names the line and what was wrong. */
export class JsonLinesError extends Error {
  override readonly name = 'JsonLinesError';
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** The objects of a JSON-lines text with their line numbers; blank lines are skipped. */
export function* jsonObjectLines(text: string): Generator<{ record: Record<string, unknown>; line: number }> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!;
    if (!t.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(t);
    } catch (err) {
      throw new JsonLinesError(i + 1, `not JSON (${(err as Error).message})`);
    }
    if (!record || typeof record !== 'object' || Array.isArray(record)) throw new JsonLinesError(i + 1, 'expected a JSON object');
    yield { record: record as Record<string, unknown>, line: i + 1 };
  }
}

/** The first of `keys` holding a non-empty string or a number, trimmed, as text. */
export function textField(record: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = record[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** What a row says about the party to screen; every field optional here (callers require theirs). */
export interface PartyFields {
  id?: string;
  name?: string;
  schema?: string;
  country?: string;
  birthDate?: string;
  ids?: string[];
}

/**
 * The party fields of a record: id, name, schema, country, birth date (birth_date or birthDate)
 * and identifiers (ids or id_number: a JSON array, or text with several separated by ";").
 */
export function partyFields(record: Record<string, unknown>): PartyFields {
  const out: PartyFields = {};
  const id = textField(record, 'id');
  if (id) out.id = id;
  const name = textField(record, 'name');
  if (name) out.name = name;
  const schema = textField(record, 'schema');
  if (schema) out.schema = schema;
  const country = textField(record, 'country');
  if (country) out.country = country;
  const birthDate = textField(record, 'birth_date', 'birthDate');
  if (birthDate) out.birthDate = birthDate;
  const raw = record.ids ?? record.id_number;
  const ids = Array.isArray(raw)
    ? raw.filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => String(x).trim())
    : typeof raw === 'string' || typeof raw === 'number'
      ? String(raw).split(';').map((s) => s.trim())
      : [];
  const nonEmpty = ids.filter(Boolean);
  if (nonEmpty.length) out.ids = nonEmpty;
  return out;
}
