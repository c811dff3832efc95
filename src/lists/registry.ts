// The source registry (data/sources.yaml): which lists exist, who publishes them, their official
// URLs and formats, and where a mirror keeps them. Validated against a schema when read.
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../data-path.js';
import { ListSourceError } from './errors.js';
import { FORMAT_IDS } from './formats.js';

const FileRef = Type.Object(
  { url: Type.String({ minLength: 1 }), mirror: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

const DownloadSet = Type.Object(
  {
    format: Type.Union(FORMAT_IDS.map((f) => Type.Literal(f))),
    current: Type.Optional(Type.Boolean()),
    main: FileRef,
    add: Type.Optional(FileRef),
    alt: Type.Optional(FileRef),
    comments: Type.Optional(FileRef),
  },
  { additionalProperties: false },
);

const HistoryRef = Type.Object(
  { format: Type.Union(FORMAT_IDS.map((f) => Type.Literal(f))), glob: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const SourceDefinitionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }),
    title: Type.String({ minLength: 1 }),
    publisher: Type.String({ minLength: 1 }),
    jurisdiction: Type.String({ minLength: 2 }),
    licence: Type.String({ minLength: 1 }),
    note: Type.Optional(Type.String()),
    files: Type.Array(DownloadSet, { minItems: 1 }),
    history: Type.Optional(Type.Array(HistoryRef)),
  },
  { additionalProperties: false },
);

export const SourceRegistrySchema = Type.Object(
  {
    version: Type.String(),
    sources: Type.Array(SourceDefinitionSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type SourceDefinition = Static<typeof SourceDefinitionSchema>;
export type DownloadSetDefinition = Static<typeof DownloadSet>;
export type SourceRegistry = Static<typeof SourceRegistrySchema>;

/** Validate a parsed registry document; throws naming the first bad field. */
export function validateRegistry(doc: unknown, file = 'data/sources.yaml'): SourceRegistry {
  if (!Value.Check(SourceRegistrySchema, doc)) {
    const first = [...Value.Errors(SourceRegistrySchema, doc)][0];
    throw new ListSourceError(`${file}: ${first?.path || '/'}: ${first?.message ?? 'invalid'}`);
  }
  const ids = new Set<string>();
  for (const s of doc.sources) {
    if (ids.has(s.id)) throw new ListSourceError(`${file}: duplicate source id ${s.id}`);
    ids.add(s.id);
  }
  return doc;
}

let registry: SourceRegistry | undefined;

export function loadRegistry(): SourceRegistry {
  if (!registry) {
    const file = dataPath('sources.yaml');
    registry = validateRegistry(parseYaml(readFileSync(file, 'utf8')), file);
  }
  return registry;
}

export function findSource(id: string): SourceDefinition {
  const found = loadRegistry().sources.find((s) => s.id === id);
  if (!found) {
    const known = loadRegistry().sources.map((s) => s.id).join(', ');
    throw new ListSourceError(`unknown source "${id}" (known: ${known})`);
  }
  return found;
}
