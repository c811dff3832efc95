// Loads and validates the control-list data (data/controls/*.yaml). I/O lives here; classify.ts is pure.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { dataPath } from '../data-path.js';
import type { ControlListId } from '../domain/transfer.js';
import {
  ClassificationConfigSchema,
  ControlListFileSchema,
  type ClassificationConfig,
  type ControlListFile,
} from './schema.js';

export interface ControlLists {
  /** Version of the whole control data set, plus each list's own version. */
  version: string;
  config: ClassificationConfig;
  lists: ControlListFile[];
  byId: Map<ControlListId, ControlListFile>;
}

export class ControlDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid control data:\n  ${problems.join('\n  ')}`);
    this.name = 'ControlDataError';
  }
}

const CONFIG_FILE = 'classification.yaml';

function readYaml(file: string): unknown {
  // merge: true enables `<<: *anchor` (shared citation fields).
  const value = parse(readFileSync(file, 'utf8'), { merge: true, maxAliasCount: -1 }) as unknown;
  // Top-level x-* keys only hold YAML anchors shared by entries; they are not data.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith('x-')));
  }
  return value;
}

function check<T>(schema: TSchema, value: unknown, file: string): T {
  if (!Value.Check(schema, value)) {
    const problems = [...Value.Errors(schema, value)].slice(0, 10).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new ControlDataError(file, problems);
  }
  return value as T;
}

/** Validates one list file's content, including cross-entry references. */
export function validateListFile(value: unknown, file: string): ControlListFile {
  const list = check<ControlListFile>(ControlListFileSchema, value, file);
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const e of list.entries) {
    if (ids.has(e.id)) problems.push(`entries: duplicate id ${e.id}`);
    ids.add(e.id);
  }
  for (const e of list.entries) {
    for (const ref of [...(e.excludes ?? []), ...(e.for ?? [])]) {
      if (!ids.has(ref)) problems.push(`${e.id}: refers to unknown entry ${ref}`);
    }
  }
  for (const ref of list.tradeOff?.entries ?? []) if (!ids.has(ref)) problems.push(`tradeOff: unknown entry ${ref}`);
  if (problems.length) throw new ControlDataError(file, problems);
  return list;
}

export function loadControlLists(dir: string = dataPath('controls')): ControlLists {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  const config = check<ClassificationConfig>(ClassificationConfigSchema, readYaml(join(dir, CONFIG_FILE)), CONFIG_FILE);
  const lists = files.filter((f) => f !== CONFIG_FILE).map((f) => validateListFile(readYaml(join(dir, f)), f));
  const byId = new Map<ControlListId, ControlListFile>();
  for (const l of lists) {
    if (byId.has(l.list)) throw new ControlDataError(l.list, [`list ${l.list} defined twice`]);
    byId.set(l.list, l);
  }
  return { version: config.version, config, lists, byId };
}
