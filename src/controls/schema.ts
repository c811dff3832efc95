// Schemas of the control-list data files (data/controls/*.yaml). Every file is validated on load and
// in a test, so a typo in a threshold name or a missing citation fails loudly.
import { Type, type Static } from '@sinclair/typebox';
import { CONTROL_LISTS, ITEM_KINDS } from '../domain/transfer.js';
import { CitationSchema } from '../domain/citation.js';

const ListId = Type.Union(CONTROL_LISTS.map((l) => Type.Literal(l)));
const Kind = Type.Union(ITEM_KINDS.map((k) => Type.Literal(k)));
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });


/**
 * Thresholds, named <itemField><Op>: Min is >=, Max is <=, Above is >, Below is <.
 * E.g. MTCR 1.A.1 is { rangeKmMin: 300, payloadKgMin: 500 }.
 */
export const ParametersSchema = Type.Object(
  {
    rangeKmMin: Type.Optional(Type.Number()),
    payloadKgMin: Type.Optional(Type.Number()),
    aerosolCapacityLAbove: Type.Optional(Type.Number()),
    enduranceHMin: Type.Optional(Type.Number()),
    enduranceHBelow: Type.Optional(Type.Number()),
    accuracyPercentOfRangeMax: Type.Optional(Type.Number()),
  },
  { additionalProperties: false },
);

export const ControlEntrySchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    title: Type.String({ minLength: 1 }),
    /** MTCR category I/II; CHPL tier. */
    category: Type.Optional(Type.String()),
    /** Item kinds the entry applies to. */
    kinds: Type.Optional(Type.Array(Kind)),
    /** 'required': only items specially designed for military use; 'excluded': dual-use entries. */
    military: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('excluded')])),
    parameters: Type.Optional(ParametersSchema),
    /** What a missing parameter means: indeterminate (default), or only a note (e.g. aerosol systems). */
    whenMissing: Type.Optional(Type.Union([Type.Literal('indeterminate'), Type.Literal('note')])),
    /** Entries on the same list that take precedence ("not specified in 1.A.2"). */
    excludes: Type.Optional(Type.Array(Type.String())),
    /** Description terms that point to this entry (components, materials, equipment). */
    keywords: Type.Optional(Type.Array(Type.String())),
    /** HS codes (HS-4 headings or HS-6 subheadings, dotted or not). */
    hsCodes: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{4}(\\.?\\d{2})*$' }))),
    /** Software/technology entries: the entries (same list) whose items they are for. */
    for: Type.Optional(Type.Array(Type.String())),
    /** Conditions the data cannot check (not Item fields); they cap confidence at 'likely'. */
    assumptions: Type.Optional(Type.Array(Type.String())),
    crosswalk: Type.Optional(
      Type.Array(Type.Object({ list: ListId, entry: Type.String(), note: Type.Optional(Type.String()) }, { additionalProperties: false })),
    ),
    note: Type.Optional(Type.String()),
    citation: CitationSchema,
  },
  { additionalProperties: false },
);

export const TradeOffSchema = Type.Object(
  {
    entries: Type.Array(Type.String()),
    rangeKm: Type.Number(),
    payloadKg: Type.Number(),
    screen: Type.Object(
      { rangePayloadProductMin: Type.Number(), shortfallFractionMin: Type.Number({ minimum: 0, maximum: 1 }) },
      { additionalProperties: false },
    ),
    citation: CitationSchema,
  },
  { additionalProperties: false },
);

export const ControlListFileSchema = Type.Object(
  {
    list: ListId,
    title: Type.String(),
    /** The list's own version (e.g. MTCR/TEM/2024/Annex). */
    version: Type.String({ minLength: 1 }),
    effective: IsoDate,
    source: Type.Object({ url: Type.String({ pattern: '^https?://' }), note: Type.Optional(Type.String()) }, { additionalProperties: false }),
    notes: Type.Optional(Type.Array(Type.String())),
    /** What the file knowingly lacks. */
    missing: Type.Optional(Type.Array(Type.String())),
    reservedItems: Type.Optional(Type.Array(Type.Integer())),
    tradeOff: Type.Optional(TradeOffSchema),
    entries: Type.Array(ControlEntrySchema, { minItems: 1 }),
  },
  // Top-level x-* keys (YAML anchors) are dropped by the loader before validation.
  { additionalProperties: false },
);

export const ClassificationConfigSchema = Type.Object(
  {
    version: Type.String({ minLength: 1 }),
    kindKeywords: Type.Array(Type.Object({ kind: Kind, terms: Type.Array(Type.String()) }, { additionalProperties: false })),
    militaryKeywords: Type.Array(Type.String()),
    inherentlyMilitaryKinds: Type.Array(Kind),
    undetermined: Type.Array(
      Type.Object(
        { kinds: Type.Array(Kind), list: ListId, entry: Type.String(), needs: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type ControlEntry = Static<typeof ControlEntrySchema>;
export type ControlListFile = Static<typeof ControlListFileSchema>;
export type ClassificationConfig = Static<typeof ClassificationConfigSchema>;
export type TradeOff = Static<typeof TradeOffSchema>;
