// POST /match/{dataset}: the yente / OpenSanctions matching API, so its clients can switch.
// Request: {queries: {key: {schema, properties: {name: [...], birthDate: [...], country: [...]}}}}
// Response: {responses: {key: {status, results: [{id, caption, schema, properties, datasets,
// score, match, features}], total: {value, relation}, query}}, limit}  (yente's
// EntityMatchResponse / EntityMatches; TotalSpec for `total`).
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import type { Match } from '../domain/decision.js';
import type { ScreenQuery } from '../matching/screener.js';
import { recordDecision } from './routes.js';
import { ErrorSchema, YenteMatchBody, YenteMatchQuery, type YenteMatchBodyT } from './schemas.js';
import { ApiError, type ServerContext } from './server.js';

/** yente's default limit and match threshold (settings.MATCH_PAGE, SCORE_THRESHOLD). */
const YENTE_LIMIT = 5;
const YENTE_THRESHOLD = 0.7;
/** FtM properties that carry identifiers. */
const ID_PROPS = ['idNumber', 'passportNumber', 'registrationNumber', 'taxNumber', 'imoNumber', 'mmsi', 'swiftBic', 'leiCode', 'innCode', 'ogrnCode', 'vatCode'];
const COUNTRY_PROPS = ['country', 'nationality', 'citizenship', 'jurisdiction', 'mainCountry'];
const SCHEMATA = new Set(['Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Aircraft', 'Thing']);
const GLOBAL_DATASETS = new Set(['default', 'sanctions', 'all']);

interface YenteResult {
  id: string;
  caption: string;
  schema: string;
  properties: Record<string, string[]>;
  datasets: string[];
  referents: string[];
  target: boolean;
  score: number;
  match: boolean;
  features: Record<string, number>;
  explanation: string;
}

function toResult(m: Match, threshold: number): YenteResult {
  const countries = (m.countries as unknown[]).map((c) => (typeof c === 'string' ? c : ((c as { code?: string }).code ?? ''))).filter(Boolean);
  const properties: Record<string, string[]> = { name: [...new Set([m.name, m.matchedName])] };
  if (countries.length) properties.country = [...new Set(countries.map((c) => c.toLowerCase()))];
  if (m.programs.length) properties.program = m.programs;
  if (m.listedOn) properties.createdAt = [m.listedOn];
  return {
    id: m.entityId,
    caption: m.name,
    schema: m.schema,
    properties,
    datasets: [m.source],
    referents: [],
    target: true,
    score: m.score,
    match: m.score >= threshold,
    features: { name_match: m.score },
    explanation: m.explanation,
  };
}

export function registerYenteMatch(app: FastifyInstance, ctx: ServerContext): void {
  app.post<{ Params: { dataset: string }; Querystring: Static<typeof YenteMatchQuery>; Body: YenteMatchBodyT }>(
    '/match/:dataset',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['yente compatibility'],
        summary: 'Match entities, compatible with the yente / OpenSanctions matching API',
        params: Type.Object({ dataset: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 }) }),
        querystring: YenteMatchQuery,
        body: YenteMatchBody,
        response: { 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (req) => {
      const screener = ctx.engine.screener;
      const dataset = req.params.dataset;
      let sources: string[] | undefined;
      if (!GLOBAL_DATASETS.has(dataset)) {
        if (!(dataset in screener.listVersions)) {
          throw new ApiError(404, 'not_found', `dataset ${dataset} is not loaded (loaded: default, ${Object.keys(screener.listVersions).join(', ')})`, '/dataset');
        }
        sources = [dataset];
      }
      const limit = req.query.limit ?? YENTE_LIMIT;
      const threshold = req.query.threshold ?? YENTE_THRESHOLD;
      const responses: Record<string, unknown> = {};
      for (const [key, example] of Object.entries(req.body.queries)) {
        const names = example.properties.name ?? [];
        if (!SCHEMATA.has(example.schema)) {
          responses[key] = { status: 400, detail: `unsupported schema ${example.schema}`, results: [], total: { value: 0, relation: 'eq' }, query: example };
          continue;
        }
        if (names.length === 0) {
          responses[key] = { status: 400, detail: 'properties.name is required', results: [], total: { value: 0, relation: 'eq' }, query: example };
          continue;
        }
        const country = COUNTRY_PROPS.map((p) => example.properties[p]?.[0]).find(Boolean);
        const ids = ID_PROPS.flatMap((p) => example.properties[p] ?? []);
        const best = new Map<string, Match>();
        // Several names of one party: each is screened; an entity keeps its best score.
        for (const name of names) {
          const q: ScreenQuery = { name };
          if (example.schema !== 'Thing' && example.schema !== 'LegalEntity') q.schema = example.schema;
          if (country) q.country = country;
          if (example.properties.birthDate?.[0]) q.birthDate = example.properties.birthDate[0];
          if (ids.length) q.ids = ids;
          // Candidates down to half the threshold are reported with match=false, as yente does.
          for (const m of screener.screen(q, { threshold: threshold / 2, limit: limit * 2, ...(sources ? { sources } : {}) })) {
            const prev = best.get(m.entityId);
            if (!prev || prev.score < m.score) best.set(m.entityId, m);
          }
        }
        const results = [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit).map((m) => toResult(m, threshold));
        responses[key] = { status: 200, results, total: { value: results.length, relation: 'eq' }, query: example };
      }
      const output = { responses, limit };
      await recordDecision(ctx, 'match', req.caller.id, { dataset, query: req.query, body: req.body }, output, { lists: screener.listVersions, scorer: screener.scorerVersion, rules: ctx.engine.rulesVersion });
      return output;
    },
  );
}
