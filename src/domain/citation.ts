// A citation: where a rule, control-list entry or red flag comes from. Every piece of legal
// knowledge the engine encodes carries one.
import { Type } from '@sinclair/typebox';

/**
 * Confidence in an encoded fact, after regime-facts.md's key:
 * H = primary/official source or two independent reliable ones; M = one secondary source or a
 * primary source seen in part; L = weak source, to be verified.
 */
export type Confidence = 'H' | 'M' | 'L';

export interface Citation {
  /** The instrument: "UNSCR 2231 (2015) Annex B", "Council Regulation (EU) 2023/1529" ... */
  instrument: string;
  /** Paragraph, article, section or item: "para 4", "Art. 2", "31 CFR 560.204". */
  provision?: string;
  /** Where to read it. */
  url?: string;
  confidence: Confidence;
  /** True when the fact could not be confirmed from the sources at hand (facts sheet "NOT VERIFIED"). */
  unverified?: boolean;
  note?: string;
}

/** The JSON Schema of a Citation, shared by every knowledge file (controls, regimes, red flags). */
export const CitationSchema = Type.Object(
  {
    instrument: Type.String({ minLength: 1 }),
    provision: Type.Optional(Type.String()),
    url: Type.Optional(Type.String({ pattern: '^https?://' })),
    confidence: Type.Union([Type.Literal('H'), Type.Literal('M'), Type.Literal('L')]),
    unverified: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
