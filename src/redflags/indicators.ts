// Red-flag knowledge as data: indicators (data/redflags/indicators.yaml), their sources
// (sources.yaml), transshipment hubs (transshipment-hubs.yaml) and keyword tables (keywords.yaml).
// Every file is validated against a TypeBox schema on load; an indicator naming an unknown detector
// or giving it parameters it does not take is an error naming the file and the indicator.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Citation } from '../domain/citation.js';
import { dataPath } from '../data-path.js';
import { DETECTORS } from './detectors/index.js';
import { CitationSchema } from '../domain/citation.js';


const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]*$' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const SourcesFileSchema = Type.Object({
  version: Type.String({ minLength: 1 }),
  sources: Type.Record(Type.String(), CitationSchema),
});

export const IndicatorSchema = Type.Object({
  id: Id,
  title: Type.String({ minLength: 1 }),
  description: Type.String({ minLength: 1 }),
  sources: Type.Array(Id, { minItems: 1 }),
  weight: Type.Number({ minimum: 0, maximum: 1 }),
  detector: Id,
  params: Type.Record(Type.String(), Type.Unknown()),
});

export const IndicatorsFileSchema = Type.Object({
  version: Type.String({ minLength: 1 }),
  effective: IsoDate,
  indicators: Type.Array(IndicatorSchema, { minItems: 1 }),
});

export const HubsFileSchema = Type.Object({
  version: Type.String({ minLength: 1 }),
  lists: Type.Array(
    Type.Object({
      id: Id,
      source: Id,
      also: Type.Optional(Type.Array(Id)),
      description: Type.String({ minLength: 1 }),
      countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1 }),
    }),
  ),
});

const Sourced = <T extends TSchema>(inner: T) => Type.Intersect([Type.Object({ source: Id }), inner]);

export const KeywordsFileSchema = Type.Object({
  version: Type.String({ minLength: 1 }),
  intermediary: Sourced(Type.Object({ keywords: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) })),
  genericDescription: Sourced(Type.Object({ words: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) })),
  businessFit: Sourced(
    Type.Object({
      sensitiveKinds: Type.Array(Type.String()),
      unrelated: Type.Array(Type.Object({ id: Id, keywords: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) })),
      related: Type.Object({ keywords: Type.Array(Type.String({ minLength: 1 })) }),
    }),
  ),
  freeMail: Sourced(Type.Object({ domains: Type.Array(Type.String({ minLength: 3 })) })),
});

export type Indicator = Static<typeof IndicatorSchema>;
export type HubList = Static<typeof HubsFileSchema>['lists'][number];
export type KeywordTables = Static<typeof KeywordsFileSchema>;

/** Everything the detectors need, loaded and checked. */
export interface Indicators {
  /** "indicators@<version>; hubs@<version>; keywords@<version>". */
  version: string;
  effective: string;
  indicators: Indicator[];
  sources: Record<string, Citation>;
  hubs: HubList[];
  keywords: KeywordTables;
}

export class IndicatorDataError extends Error {
  override readonly name = 'IndicatorDataError';
  constructor(
    readonly file: string,
    readonly at: string,
    readonly reason: string,
  ) {
    super(`${file}: ${at}: ${reason}`);
  }
}

function readChecked<T extends TSchema>(file: string, schema: T): Static<T> {
  const doc: unknown = parseYaml(readFileSync(file, 'utf8'));
  if (!Value.Check(schema, doc)) {
    const e = [...Value.Errors(schema, doc)][0];
    throw new IndicatorDataError(file, e?.path || '/', `${e?.message ?? 'invalid'} (value ${JSON.stringify(e?.value)})`);
  }
  return doc;
}

/** Load and cross-check the red-flag data in `dir` (default data/redflags). */
export function loadIndicators(dir: string = dataPath('redflags')): Indicators {
  const files = {
    indicators: `${dir}/indicators.yaml`,
    sources: `${dir}/sources.yaml`,
    hubs: `${dir}/transshipment-hubs.yaml`,
    keywords: `${dir}/keywords.yaml`,
  };
  const ind = readChecked(files.indicators, IndicatorsFileSchema);
  const src = readChecked(files.sources, SourcesFileSchema);
  const hubs = readChecked(files.hubs, HubsFileSchema);
  const keywords = readChecked(files.keywords, KeywordsFileSchema);

  const known = (id: string, file: string, at: string) => {
    if (!src.sources[id]) throw new IndicatorDataError(file, at, `unknown source "${id}" (not in sources.yaml)`);
  };
  const seen = new Set<string>();
  ind.indicators.forEach((x, i) => {
    const at = `/indicators/${i} (${x.id})`;
    if (seen.has(x.id)) throw new IndicatorDataError(files.indicators, at, `duplicate indicator id "${x.id}"`);
    seen.add(x.id);
    x.sources.forEach((s) => known(s, files.indicators, at));
    const detector = DETECTORS[x.detector];
    if (!detector) {
      throw new IndicatorDataError(files.indicators, at, `unknown detector "${x.detector}" (known: ${Object.keys(DETECTORS).join(', ')})`);
    }
    if (!Value.Check(detector.params, x.params)) {
      const e = [...Value.Errors(detector.params, x.params)][0];
      throw new IndicatorDataError(files.indicators, `${at}/params${e?.path ?? ''}`, `${e?.message ?? 'invalid'} for detector ${x.detector}`);
    }
    if (x.detector === 'transshipment_hub') {
      for (const id of (x.params as { hubLists: string[] }).hubLists) {
        if (!hubs.lists.some((h) => h.id === id)) throw new IndicatorDataError(files.indicators, at, `unknown hub list "${id}"`);
      }
    }
  });
  hubs.lists.forEach((h, i) => [h.source, ...(h.also ?? [])].forEach((s) => known(s, files.hubs, `/lists/${i}`)));
  for (const key of ['intermediary', 'genericDescription', 'businessFit', 'freeMail'] as const) {
    known(keywords[key].source, files.keywords, `/${key}`);
  }
  return {
    version: `indicators@${ind.version}; hubs@${hubs.version}; keywords@${keywords.version}`,
    effective: ind.effective,
    indicators: ind.indicators,
    sources: src.sources,
    hubs: hubs.lists,
    keywords,
  };
}
