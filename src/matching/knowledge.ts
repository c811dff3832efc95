// The name knowledge the matcher interprets: weak tokens (titles, particles, legal forms, generic
// words), given-name variant groups and transliteration rules. All of it lives in
// data/matching/*.yaml, each file versioned and validated against the schemas below when read.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../data-path.js';

export class MatchingDataError extends Error {
  override readonly name = 'MatchingDataError';
  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path || '/'}: ${reason}`);
  }
}

const SourceRef = Type.Object(
  { title: Type.String({ minLength: 1 }), url: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);
const Header = {
  version: Type.String({ minLength: 1 }),
  effective: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  sources: Type.Record(Type.String(), SourceRef),
};

export const WEAK_CLASSES = ['title', 'particle', 'legal_form', 'generic'] as const;
export type WeakClass = (typeof WEAK_CLASSES)[number];

const WeakClassSchema = Type.Object(
  {
    weight: Type.Number({ minimum: 0, maximum: 1 }),
    cite: Type.String(),
    note: Type.String(),
    tokens: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  },
  { additionalProperties: false },
);
export const WeakTokensSchema = Type.Object(
  {
    ...Header,
    classes: Type.Object(
      Object.fromEntries(WEAK_CLASSES.map((c) => [c, WeakClassSchema])) as Record<WeakClass, typeof WeakClassSchema>,
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const GivenNamesSchema = Type.Object(
  {
    ...Header,
    groups: Type.Array(
      Type.Object(
        { cite: Type.String(), names: Type.Array(Type.String({ pattern: "^[a-z'-]+$" }), { minItems: 2 }) },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
    /**
     * Endings of patronymics (East Slavic -ovich/-ovna ..., Turkic -ogly/-kyzy): a word so ending
     * is a father's name, which one writer gives and another omits.
     */
    patronymics: Type.Optional(
      Type.Object(
        {
          cite: Type.String(),
          minLength: Type.Integer({ minimum: 1 }),
          endings: Type.Array(Type.String({ pattern: '^[a-z]+$' }), { minItems: 1 }),
          /** Endings a given name may have lost when the patronymic was made of it (Nikolay-evich). */
          stemEndings: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]+$' }))),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TransliterationSchema = Type.Object(
  {
    ...Header,
    arabicScript: Type.Object(
      {
        cite: Type.String(),
        letters: Type.Record(Type.String(), Type.String()),
        /** Word-final letters read differently from their letters entry. */
        finalLetters: Type.Optional(Type.Record(Type.String(), Type.String())),
        zwnj: Type.Literal('split-joinable'),
        articlePrefix: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
    /** Hebrew letters rewritten before any-ascii (alef and ayin, which it drops, as the vowel a). */
    hebrewScript: Type.Optional(Type.Object({ cite: Type.String(), letters: Type.Record(Type.String(), Type.String()) }, { additionalProperties: false })),
    cyrillic: Type.Object(
      { cite: Type.String(), letters: Type.Record(Type.String(), Type.Array(Type.String(), { minItems: 1 })) },
      { additionalProperties: false },
    ),
    /**
     * Ukrainian and Belarusian romanisations write Г as h where Russian ones write g: in a word
     * with one of these East Slavic endings, a lone h (not of kh, zh, sh, ch) is also read g.
     */
    slavicH: Type.Optional(
      Type.Object({ cite: Type.String(), endings: Type.Array(Type.String({ pattern: '^[a-z]+$' }), { minItems: 1 }), minLength: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    ),
    /**
     * Names written one syllable per word (Korean, Chinese): where the romanisation systems differ
     * on the voicing of an initial consonant, a word's voiced initial is also read voiceless, in a
     * name whose every strong word (at least minWords of them) matches `syllable`.
     */
    syllableNames: Type.Optional(
      Type.Object(
        {
          cite: Type.String(),
          syllable: Type.String({ minLength: 1 }),
          minWords: Type.Integer({ minimum: 1 }),
          voiceless: Type.Record(Type.String({ pattern: '^[a-z]+$' }), Type.String({ pattern: '^[a-z]+$' })),
        },
        { additionalProperties: false },
      ),
    ),
    /** Letter pairs English-style romanisations write for one long vowel (oo for u, ee for i). */
    longVowels: Type.Optional(
      Type.Object({ cite: Type.String(), letters: Type.Record(Type.String({ pattern: '^[a-z]{2,}$' }), Type.String({ pattern: '^[a-z]+$' })) }, { additionalProperties: false }),
    ),
    /** Latin letters (one character each) that English-language romanisations write as a digraph. */
    latinDigraphs: Type.Optional(
      Type.Object({ cite: Type.String(), letters: Type.Record(Type.String({ minLength: 1, maxLength: 1 }), Type.String({ pattern: '^[a-z]+$' })) }, { additionalProperties: false }),
    ),
    skeleton: Type.Object(
      {
        cite: Type.String(),
        digraphs: Type.Record(Type.String(), Type.String()),
        /**
         * Letter groups with a second common reading: a word holding one also gets the skeleton of
         * that reading. A key ending in "$" applies at the end of a word only.
         */
        secondReadings: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z]+\\$?$' }), Type.String({ pattern: '^[a-z]*$' }))),
        letters: Type.Record(Type.String(), Type.String()),
        vowels: Type.String(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type WeakTokensDoc = Static<typeof WeakTokensSchema>;
export type GivenNamesDoc = Static<typeof GivenNamesSchema>;
export type TransliterationDoc = Static<typeof TransliterationSchema>;

/** Validate a parsed document; throws naming the file and the first bad field. */
export function validateDoc<T extends TSchema>(schema: T, doc: unknown, file: string): Static<T> {
  if (!Value.Check(schema, doc)) {
    const first = [...Value.Errors(schema, doc)][0];
    throw new MatchingDataError(file, first?.path ?? '', first?.message ?? 'invalid');
  }
  const d = doc as { sources?: Record<string, unknown> } & Record<string, unknown>;
  // Every entry's `cite` must name a source declared in the file's header.
  const cites: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'cite' && typeof x === 'string') cites.push(x);
        else walk(x);
      }
    }
  };
  walk(doc);
  for (const c of cites) {
    if (!d.sources || !(c in d.sources)) throw new MatchingDataError(file, 'cite', `unknown source "${c}"`);
  }
  return doc as Static<T>;
}

export interface MatchingKnowledge {
  weak: WeakTokensDoc;
  givenNames: GivenNamesDoc;
  transliteration: TransliterationDoc;
  /** Short hash over the three files' versions: part of the index cache key. */
  version: string;
}

export const KNOWLEDGE_FILES = {
  weak: 'matching/weak-tokens.yaml',
  givenNames: 'matching/given-names.yaml',
  transliteration: 'matching/transliteration.yaml',
} as const;

function readDoc<T extends TSchema>(schema: T, relative: string): Static<T> {
  const file = dataPath(relative);
  return validateDoc(schema, parseYaml(readFileSync(file, 'utf8')), file);
}

let knowledge: MatchingKnowledge | undefined;

export function loadMatchingKnowledge(): MatchingKnowledge {
  if (!knowledge) {
    const weak = readDoc(WeakTokensSchema, KNOWLEDGE_FILES.weak);
    const givenNames = readDoc(GivenNamesSchema, KNOWLEDGE_FILES.givenNames);
    const transliteration = readDoc(TransliterationSchema, KNOWLEDGE_FILES.transliteration);
    const version = createHash('sha256')
      .update(JSON.stringify([weak, givenNames, transliteration]))
      .digest('hex')
      .slice(0, 10);
    knowledge = { weak, givenNames, transliteration, version };
  }
  return knowledge;
}
