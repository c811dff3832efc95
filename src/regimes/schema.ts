// The shape of a regime file (data/regimes/*.yaml): measures of one jurisdiction or instrument
// family as dated, cited data. The engine interprets these; it contains no measure of its own.
import { Type, type Static } from '@sinclair/typebox';
import { CONTROL_LISTS, ITEM_KINDS } from '../domain/transfer.js';
import { CitationSchema } from '../domain/citation.js';

const IsoInstant = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z$',
  description: 'ISO 8601 UTC instant, e.g. 2025-09-28T00:00:00Z',
});
const CountryCode = Type.String({ pattern: '^([A-Z]{2}|group:[A-Za-z0-9_]+|\\*)$' });
const Kind = Type.Union(ITEM_KINDS.map((k) => Type.Literal(k)));


export const EFFECTS = [
  'prohibited',
  'authorization_required',
  'due_diligence',
  'contractual_clause',
  'reporting',
  'context',
] as const;
export type Effect = (typeof EFFECTS)[number];
/** Effects that decide a jurisdiction's verdict; the others are obligations or context to report. */
export const BLOCKING_EFFECTS: readonly Effect[] = ['prohibited', 'authorization_required'];

/**
 * Where the goods go. All fields given must hold. `to` matches the shipping destination, the
 * stated final destination and the countries of the importer, consignee and end user; `from`
 * the origin (else the exporter's country); `via` any transit country. `notTo` excludes.
 */
export const DirectionSchema = Type.Object(
  {
    to: Type.Optional(Type.Array(CountryCode, { minItems: 1 })),
    from: Type.Optional(Type.Array(CountryCode, { minItems: 1 })),
    via: Type.Optional(Type.Array(CountryCode, { minItems: 1 })),
    notTo: Type.Optional(Type.Array(CountryCode, { minItems: 1 })),
  },
  { additionalProperties: false },
);

/** One item selector; every field given must hold for the item (fields AND, selectors OR). */
export const ItemSelectorSchema = Type.Object(
  {
    /** Control list the classifier placed the item on. */
    list: Type.Optional(Type.Union(CONTROL_LISTS.map((l) => Type.Literal(l)))),
    /** Entry prefix on that list ('19.', '9A012', 'Tier 1'). */
    entry: Type.Optional(Type.String()),
    /** HS code prefix, digits only ('8542', '854231'). */
    hs: Type.Optional(Type.String({ pattern: '^\\d{2,10}$' })),
    kind: Type.Optional(Type.Array(Kind, { minItems: 1 })),
    relatesTo: Type.Optional(Type.Array(Kind, { minItems: 1 })),
    /** Arms and related materiel: declared military, or on a military list (EU CML, USML). */
    military: Type.Optional(Type.Literal(true)),
    /** Prefix of a control entry the exporter declared (e.g. 'NSG' for nuclear-list items). */
    declared: Type.Optional(Type.String()),
    /** Every good (a general trade measure). */
    all: Type.Optional(Type.Literal(true)),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A party selector: a strong screening match to this source (and sub-list / programme). */
export const PartySelectorSchema = Type.Object(
  {
    source: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]*$' })),
    /** Programme tag on the listed entity (UN list type 'Iran', OFAC 'NPWMD' ...). */
    program: Type.Optional(Type.String()),
    /** Sub-list within the source (US CSL 'EL', 'DPL', 'MEU', 'SDN' ...). */
    list: Type.Optional(Type.String()),
    /** Party roles this selector looks at; all roles when absent. */
    roles: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    /** Blocked by ownership under that jurisdiction's rule (OFAC 50 percent; EU ownership/control). */
    ownedBy: Type.Optional(Type.Union([Type.Literal('US'), Type.Literal('EU'), Type.Literal('UK')])),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ScopeSchema = Type.Object(
  {
    /** Any of these directions (absent: wherever the goods go). */
    directions: Type.Optional(Type.Array(DirectionSchema, { minItems: 1 })),
    /** Any of these item selectors matches one item (absent: items do not matter). */
    items: Type.Optional(Type.Array(ItemSelectorSchema, { minItems: 1 })),
    /** Any of these services is part of the transfer (absent: services do not matter). */
    services: Type.Optional(Type.Array(Type.String(), { minItems: 1 })),
    /** Any party strongly matches one of these (absent: parties do not matter). */
    parties: Type.Optional(Type.Array(PartySelectorSchema, { minItems: 1 })),
  },
  { additionalProperties: false },
);

export const IntervalSchema = Type.Object(
  {
    /** Inclusive. */
    from: IsoInstant,
    /** Exclusive; null while in force. */
    to: Type.Union([IsoInstant, Type.Null()]),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

export const ContestedSchema = Type.Object(
  {
    /** States (ISO alpha-2) that reject the measure's validity. */
    by: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1 }),
    /** The contest concerns the measure from this instant on (e.g. the 2025 restoration only). */
    from: Type.Optional(IsoInstant),
    position: Type.String(),
    citation: CitationSchema,
  },
  { additionalProperties: false },
);

export const JURISDICTIONS = ['UN', 'EU', 'UK', 'US'] as const;
const Jurisdiction = Type.Union(JURISDICTIONS.map((j) => Type.Literal(j)));

export const MeasureSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9.-]*$' }),
    jurisdiction: Jurisdiction,
    title: Type.String({ minLength: 5 }),
    citation: CitationSchema,
    effect: Type.Union(EFFECTS.map((e) => Type.Literal(e))),
    scope: ScopeSchema,
    /**
     * Whose persons it binds: 'all' (UN Security Council decisions bind every member State, so they
     * apply whatever the user's nexus) or the jurisdictions whose nexus brings it in.
     */
    binds: Type.Union([Type.Literal('all'), Type.Array(Jurisdiction, { minItems: 1 })]),
    inForce: Type.Array(IntervalSchema, { minItems: 1 }),
    contested: Type.Optional(ContestedSchema),
    supersedes: Type.Optional(Type.Array(Type.String())),
    notes: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: false },
);

export const RegimeFileSchema = Type.Object(
  {
    /** Version of this file's content (date-based: YYYY-MM-DD.N). */
    version: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}\\.\\d+$' }),
    title: Type.String(),
    /** Named country groups usable as 'group:NAME' in directions. */
    groups: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]+$' }), Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }))),
    ),
    measures: Type.Array(MeasureSchema),
  },
  { additionalProperties: false },
);

export type RegimeCitation = Static<typeof CitationSchema>;
export type Direction = Static<typeof DirectionSchema>;
export type ItemSelector = Static<typeof ItemSelectorSchema>;
export type PartySelector = Static<typeof PartySelectorSchema>;
export type Scope = Static<typeof ScopeSchema>;
export type Interval = Static<typeof IntervalSchema>;
export type Contested = Static<typeof ContestedSchema>;
export type Measure = Static<typeof MeasureSchema>;
export type RegimeFile = Static<typeof RegimeFileSchema>;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
