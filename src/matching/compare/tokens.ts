// Token comparison: how alike two name words are, and why. The ladder, strongest first:
// same folded text, another romanisation of the same word, same given-name group, an initial,
// same consonant skeleton (vowels differ or are not written), then edit distance for typos.
import { distance } from 'fastest-levenshtein';
import { jaroWinkler } from '../jaro-winkler.js';
import type { NameToken } from '../normalize.js';

export type TokenRelation = 'exact' | 'romanisation' | 'given-name variant' | 'initial' | 'consonants' | 'spelling' | 'none';

export interface TokenSimilarity {
  sim: number;
  how: TokenRelation;
}

// Shared results for the fixed rungs of the ladder (callers only read them).
const NONE: TokenSimilarity = { sim: 0, how: 'none' };
const EXACT: TokenSimilarity = { sim: 1, how: 'exact' };
const ROMANISATION: TokenSimilarity = { sim: 0.98, how: 'romanisation' };
const GIVEN_NAME: TokenSimilarity = { sim: 0.95, how: 'given-name variant' };
const INITIAL: TokenSimilarity = { sim: 0.75, how: 'initial' };

const NUMBER = /^\d+$/;
/** Below this spelling similarity two words do not compare at all. */
const SPELLING_FLOOR = 0.7;

/**
 * `dist`: their edit distance, when the caller has it already. `useful`: a similarity below this
 * is of no use to the caller, who then gets some value below it without Jaro-Winkler's cost.
 */
function spelling(a: string, b: string, dist = -1, useful = 0): number {
  if (NUMBER.test(a) || NUMBER.test(b)) return 0; // numbers must be equal
  const maxLen = Math.max(a.length, b.length);
  const lev = 1 - (dist >= 0 ? dist : distance(a, b)) / maxLen;
  // Jaro-Winkler flatters short words ("ali" / "alu" 0.82): below five letters use edit distance only.
  // Above that, the mean of both: Jaro-Winkler forgives transpositions (Soleimnai), edit distance
  // keeps different endings apart (Kazemi / Kazai).
  if (Math.min(a.length, b.length) < 5) return lev;
  // Jaro-Winkler is at most 1: the mean cannot reach `useful`.
  if ((lev + 1) / 2 < useful) return (lev + 1) / 2;
  return (lev + jaroWinkler(a, b)) / 2;
}

/** The best spelling similarity of the two words and their other romanisations (see spelling). */
function bestSpelling(a: NameToken, b: NameToken, textDistance: number, useful: number): number {
  let best = spelling(a.text, b.text, textDistance, useful);
  for (const x of a.alts) best = Math.max(best, spelling(x, b.text, -1, useful));
  for (const y of b.alts) best = Math.max(best, spelling(a.text, y, -1, useful));
  return best;
}

/** The spelling similarity from which near skeletons count (below it the words differ too much). */
const NEAR_SKELETON_SPELLING = 0.6;
/** Skeleton letters (the initial-vowel mark aside; the final -i mark counts) needed before one may differ. */
const NEAR_SKELETON_MIN = 5;

/** Do two skeletons of five letters or more (see NEAR_SKELETON_MIN) differ by at most one in five? */
function nearSkeletons(a: NameToken, b: NameToken): boolean {
  for (const s of a.skeletons) {
    const ls = s[0] === 'A' ? s.length - 1 : s.length;
    if (ls < NEAR_SKELETON_MIN) continue;
    for (const t of b.skeletons) {
      const lt = t[0] === 'A' ? t.length - 1 : t.length;
      if (lt < NEAR_SKELETON_MIN) continue;
      if (distance(s, t) <= Math.floor(Math.max(s.length, t.length) / NEAR_SKELETON_MIN)) return true;
    }
  }
  return false;
}

export function compareTokens(a: NameToken, b: NameToken): TokenSimilarity {
  if (a.text === b.text) return EXACT;
  if (a.alts.length || b.alts.length) {
    if (a.alts.includes(b.text) || b.alts.includes(a.text) || a.alts.some((x) => b.alts.includes(x))) {
      return ROMANISATION;
    }
  }
  if (a.group >= 0 && a.group === b.group) return GIVEN_NAME;
  // Two patronymics made from one given name (Uladzimiravich / Vladimirovich).
  if (a.patronymicOf !== undefined && a.patronymicOf === b.patronymicOf) return GIVEN_NAME;
  if (a.text.length === 1 || b.text.length === 1) {
    const [short, long] = a.text.length === 1 ? [a, b] : [b, a];
    if (long.text.length > 1 && !short.unvowelled && long.text[0] === short.text) return INITIAL;
    return NONE;
  }
  // One consonant is too little to compare on its own, except between words of three letters or
  // more that differ by one vowel added, dropped or changed (Kia / Kiya, Geye / Gaye), or between
  // two syllables of Korean or Chinese names (Sou / Su: one vowel written two ways).
  const textDistance = distance(a.text, b.text);
  const minSkeleton = (Math.min(a.text.length, b.text.length) >= 3 || (a.syllable && b.syllable)) && textDistance === 1 ? 1 : 2;
  let skeleton = false;
  for (const s of a.skeletons) {
    if (s.length >= minSkeleton && b.skeletons.includes(s)) {
      skeleton = true;
      break;
    }
  }
  // Without equal skeletons only a spelling similarity of 0.7 or more counts (below).
  const useful = skeleton || a.unvowelled || b.unvowelled ? 0 : SPELLING_FLOOR;
  let best = bestSpelling(a, b, textDistance, useful);
  if (skeleton) {
    // Unvowelled script (محمد -> mhmd) only has consonants to compare: equal skeletons are as
    // good as it gets. Between two romanisations, vowels still carry some evidence.
    const sim = a.unvowelled || b.unvowelled ? 0.93 : 0.55 + 0.42 * best;
    return { sim: Math.max(sim, best * 0.95), how: 'consonants' };
  }
  if (a.unvowelled || b.unvowelled) {
    // Compare skeletons by edit distance: one consonant off in a 4+ consonant skeleton.
    let sk = 0;
    for (const s of a.skeletons) for (const t of b.skeletons) if (s.length >= 3 && t.length >= 3) sk = Math.max(sk, 1 - distance(s, t) / Math.max(s.length, t.length));
    if (sk >= 0.8) return { sim: 0.7 * sk + 0.1, how: 'consonants' };
  }
  // Long words whose consonants differ by one in five or more (VENCHURS / VENTURES, HURIEMBERE /
  // RUHORIMBERE, DAYVTEKHNOSERVIS / DIVETECHNOSERVICES): closer than their letters say, a little
  // below the same skeleton.
  if (best < 0.8 && best >= NEAR_SKELETON_SPELLING && nearSkeletons(a, b)) {
    // Below the floor `best` may be the cheap upper bound: the exact similarity is wanted here.
    if (best < SPELLING_FLOOR) best = bestSpelling(a, b, textDistance, 0);
    if (best >= NEAR_SKELETON_SPELLING) {
      return { sim: Math.max(0.55 + 0.35 * best, best >= SPELLING_FLOOR ? 0.49 + (best - SPELLING_FLOOR) * 2.7 : 0), how: 'consonants' };
    }
  }
  if (best >= 0.8) return { sim: best * 0.95, how: 'spelling' };
  // Between 0.7 and 0.8 the similarity ramps up to meet the line above, instead of jumping at 0.8:
  // long romanisations of one word (Venedyktovych / Benedictovich) sit just below 0.8.
  if (best >= SPELLING_FLOOR) return { sim: 0.49 + (best - SPELLING_FLOOR) * 2.7, how: 'spelling' };
  return NONE;
}
