// Request and response schemas of the HTTP API (TypeBox = JSON Schema: fastify validates requests
// with them and @fastify/swagger publishes them in /openapi.json).
import { Type, type Static } from '@sinclair/typebox';
import { ENTITY_SCHEMATA } from '../domain/entity.js';

const Name = Type.String({ minLength: 1, maxLength: 300, description: 'The name to screen, any script' });
const SchemaName = Type.Union(ENTITY_SCHEMATA.map((s) => Type.Literal(s)));

export const ScreenQuerySchema = Type.Object(
  {
    name: Name,
    schema: Type.Optional(SchemaName),
    country: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    birthDate: Type.Optional(Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' })),
    ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

const ScreenSettings = {
  threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  sources: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), { maxItems: 30 })),
};

export const ScreenBodySchema = Type.Object({ ...ScreenQuerySchema.properties, ...ScreenSettings }, { additionalProperties: false });
export type ScreenBody = Static<typeof ScreenBodySchema>;

export const BATCH_MAX_ROWS = 1000;
export const ScreenBatchBodySchema = Type.Object(
  {
    rows: Type.Array(Type.Object({ id: Type.Optional(Type.String({ maxLength: 100 })), ...ScreenQuerySchema.properties }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: BATCH_MAX_ROWS,
    }),
    ...ScreenSettings,
  },
  { additionalProperties: false },
);
export type ScreenBatchBody = Static<typeof ScreenBatchBodySchema>;

export const MatchSchema = Type.Object({
  entityId: Type.String(),
  source: Type.String(),
  sourceId: Type.String(),
  schema: Type.String(),
  name: Type.String(),
  matchedName: Type.String(),
  score: Type.Number(),
  explanation: Type.String(),
  programs: Type.Array(Type.String()),
  countries: Type.Array(Type.Unknown()),
  listedOn: Type.Optional(Type.String()),
  lists: Type.Optional(Type.Array(Type.String())),
});

export const ScreenResponseSchema = Type.Object({
  id: Type.String({ description: 'Decision id: GET /v1/decisions/{id}' }),
  query: Type.Unknown(),
  scorer: Type.String(),
  threshold: Type.Number(),
  lists: Type.Record(Type.String(), Type.String()),
  matches: Type.Array(MatchSchema),
});

export const ErrorSchema = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'JSON pointer of the bad field' })),
});

export const DecisionIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const TimelineQuery = Type.Object(
  {
    jurisdiction: Type.Optional(Type.Union(['UN', 'EU', 'UK', 'US'].map((j) => Type.Literal(j)))),
    from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
    to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}' })),
  },
  { additionalProperties: false },
);

export const RefreshBody = Type.Object(
  { sources: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), { maxItems: 30 })) },
  { additionalProperties: false },
);

/** yente / OpenSanctions matching API: POST /match/{dataset}. */
export const YenteMatchBody = Type.Object({
  queries: Type.Record(
    Type.String({ maxLength: 100 }),
    Type.Object({
      id: Type.Optional(Type.String()),
      schema: Type.String({ minLength: 1, maxLength: 40 }),
      properties: Type.Record(Type.String({ maxLength: 60 }), Type.Array(Type.String({ maxLength: 300 }), { maxItems: 20 })),
    }),
    { maxProperties: 100 },
  ),
});
export type YenteMatchBodyT = Static<typeof YenteMatchBody>;

export const YenteMatchQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  threshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  algorithm: Type.Optional(Type.String({ maxLength: 40 })),
});
