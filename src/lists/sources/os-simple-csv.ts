// OpenSanctions "targets.simple.csv": one row per target entity of a dataset, flattened.
// https://data.opensanctions.org/datasets/latest/<dataset>/targets.simple.csv
// Columns: id, schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions,
// phones, emails, program_ids, dataset, first_seen, last_seen, last_change. Multi-valued cells
// are ';'-separated; countries are lower-case ISO alpha-2; identifiers carry no type (the FtM
// export, ftm-json.ts, has them typed).
import type { Entity, EntitySchema, IdentifierType } from '../../domain/entity.js';
import { ENTITY_SCHEMATA } from '../../domain/entity.js';
import type { ParsedList, ParseWarning } from '../../domain/list.js';
import { toCountryCode } from '../../geo/countries.js';
import type { ListParser } from '../parser.js';
import { addIdentifier, addName, addProperty, newEntity, pushUnique, readHeadedCsv, splitCell } from './csl-os-common.js';

export const OS_SIMPLE_COLUMNS = [
  'id', 'schema', 'name', 'aliases', 'birth_date', 'countries', 'addresses', 'identifiers', 'sanctions',
  'phones', 'emails', 'dataset', 'first_seen', 'last_seen', 'last_change',
] as const;

/**
 * The simple CSV gives identifiers without their type. Only an IMO number says what it is
 * ("IMO9253325"); everything else is kept as 'other' with no guess.
 */
function identifierType(value: string): { type: IdentifierType; value: string } {
  const imo = /^IMO\s?(\d{7})$/i.exec(value);
  if (imo) return { type: 'imo', value: imo[1]! };
  return { type: 'other', value };
}

/**
 * The sanctions cell is itself written as a quoted CSV field inside the CSV: `""` for none,
 * `"text with ""quotes"""` for one summary. Undo that inner quoting.
 */
function unquoteInner(cell: string | undefined): string | undefined {
  let v = cell?.trim();
  if (!v) return undefined;
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1).replace(/""/g, '"').trim();
  return v ? v : undefined;
}

export function simpleRowToEntity(cells: Record<string, string>, source: string, warnings: ParseWarning[], file: string, at: string): Entity | undefined {
  const id = cells.id?.trim();
  const schema = cells.schema?.trim() ?? '';
  const name = cells.name?.trim();
  if (!id || !name) {
    warnings.push({ file, at, message: 'row has no id or no name; skipped' });
    return undefined;
  }
  if (!(ENTITY_SCHEMATA as readonly string[]).includes(schema)) {
    warnings.push({ file, at, message: `schema "${schema}" of ${id} is not a party schema; skipped` });
    return undefined;
  }
  const entity = newEntity(source, id, schema as EntitySchema, name);
  addName(entity, name, 'primary');
  for (const alias of splitCell(cells.aliases)) addName(entity, alias, 'strong');
  pushUnique(entity.birthDates, ...splitCell(cells.birth_date));
  for (const c of splitCell(cells.countries)) {
    const code = toCountryCode(c);
    if (!code) warnings.push({ file, at, message: `unknown country "${c}" on ${id}` });
    // The simple CSV merges every FtM country property into one column: the role is unknown.
    else if (!entity.countries.some((x) => x.code === code)) entity.countries.push({ code, role: entity.schema === 'Vessel' ? 'flag' : 'other' });
  }
  for (const a of splitCell(cells.addresses)) if (!entity.addresses.some((x) => x.full === a)) entity.addresses.push({ full: a });
  for (const raw of splitCell(cells.identifiers)) {
    const { type, value } = identifierType(raw);
    addIdentifier(entity, { type, value, label: 'identifiers' });
  }
  for (const p of splitCell(cells.phones)) entity.contacts.push({ type: 'phone', value: p });
  for (const e of splitCell(cells.emails)) entity.contacts.push({ type: 'email', value: e });
  pushUnique(entity.programs, ...splitCell(cells.program_ids));
  const sanctions = unquoteInner(cells.sanctions);
  if (sanctions) addProperty(entity, 'sanctions', sanctions);
  addProperty(entity, 'datasets', cells.dataset);
  addProperty(entity, 'first_seen', cells.first_seen);
  addProperty(entity, 'last_seen', cells.last_seen);
  addProperty(entity, 'last_change', cells.last_change);
  return entity;
}

export const parse: ListParser = async (files, options) => {
  const file = files.main;
  const warnings: ParseWarning[] = [];
  const entities: Entity[] = [];
  const seen = new Set<string>();
  // Every row carries the export run that last saw it: the newest last_seen dates this file.
  let lastSeen = '';
  for await (const row of readHeadedCsv(file, OS_SIMPLE_COLUMNS)) {
    const at = `line ${row.line}`;
    const rowSeen = row.cells.last_seen?.trim() ?? '';
    if (rowSeen > lastSeen) lastSeen = rowSeen;
    const entity = simpleRowToEntity(row.cells, options.source, warnings, file, at);
    if (!entity) continue;
    if (seen.has(entity.sourceId)) {
      warnings.push({ file, at, message: `duplicate id ${entity.sourceId}; the first row is kept` });
      continue;
    }
    seen.add(entity.sourceId);
    entities.push(entity);
  }
  const result: ParsedList = { entities, relations: [], warnings };
  if (lastSeen) result.publishedAt = lastSeen;
  return result;
};
