// Name comparison: the best alignment of the query's words to a listed name's words.
// Each pair scores by compareTokens; weak tokens (titles, particles, legal forms, generic words)
// weigh little; unmatched query words cost their full weight, unmatched words of the listed name
// less (lists add middle names and patronymics a query rarely has). A name whose only agreement is
// on weak words, or on one very short word, is capped below any alert.
import { makeToken, type NameToken, type PreparedName } from '../normalize.js';
import { compareTokens, type TokenRelation } from './tokens.js';

export interface AlignedPair {
  query: string;
  listed: string;
  sim: number;
  how: TokenRelation;
}

export interface NameComparison {
  score: number;
  pairs: AlignedPair[];
  unmatchedQuery: string[];
  unmatchedListed: string[];
  /** The aligned words appear in a different order (e.g. family and given name swapped). */
  reordered: boolean;
  /** Why the score was capped, if it was. */
  cap?: string;
  /** Words read joined or split (Agha-Jani / Aghajani). */
  joined: string[];
  /** Unmatched middle names and patronymics, which cost less than other unmatched words. */
  middle: string[];
}

/** Weight of the listed name's words left unmatched, relative to the query's. */
const UNMATCHED_LISTED_FACTOR = { person: 0.3, other: 0.5 };
/** Penalty for an alignment that only works with words in another order. */
export const REORDER_PENALTY = 0.03;
/** Cost of an unmatched patronymic in the query (Ivanov Maxim Anatolievich ~ Maxim IVANOV). */
const PATRONYMIC_FACTOR = 0.3;
/** Cost of an unmatched middle word between the aligned first and last words of a person's name. */
const MIDDLE_QUERY_FACTOR = 0.5;
const WEAK_ONLY_CAP = 0.45;
const SHORT_ONLY_CAP = 0.7;
const PATRONYMIC_ONLY_CAP = 0.7;

/** Merge adjacent joinable words of `a` whose concatenation is one word of `b` (Agha-Jani ~ Aghajani). */
function mergeJoined(a: NameToken[], b: NameToken[], joined: string[]): NameToken[] {
  if (a.length < 2) return a;
  // Most names join nothing: `a` itself is returned, and a copy is made only from the first join.
  let out: NameToken[] | undefined;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = a[i + 1];
    // The Arabic article written joined to the next word (العولقي -> al + awlqy) belongs to that
    // word, never to the one before it (عبدالله العولقي is not "abdallah-al aulaqi").
    const z = a[i + 2];
    // Three parts written as one word (Abd-Al Rahim / عبدالرحيم -> abdalrahim): only parts joined
    // by a hyphen or around a particle, which keeps this check off most word triples.
    // (An article joined to the third part stays inside the compound: Abd Al-Rahman / Abdurrahman.)
    if (y && z && (x.joinNext || y.joinNext || y.weak === 'particle') && !(z.weak === 'particle' && z.joinNext)) {
      const target = joinTarget([x, y, z], b);
      if (target) {
        const text = x.text + y.text + z.text;
        out ??= a.slice(0, i);
        out.push(makeToken([text], text, x.unvowelled || y.unvowelled || z.unvowelled, z.joinNext));
        joined.push(`${x.text}+${y.text}+${z.text}`);
        i += 2;
        continue;
      }
    }
    if (y && !(y.weak === 'particle' && y.joinNext && !x.joinNext)) {
      const target = joinTarget([x, y], b);
      if (target) {
        const text = x.text + y.text;
        out ??= a.slice(0, i);
        out.push(makeToken([text], text, x.unvowelled || y.unvowelled, y.joinNext));
        joined.push(`${x.text}+${y.text}`);
        i++;
        continue;
      }
    }
    out?.push(x);
  }
  return out ?? a;
}

/** Is `text` (of `length` letters in all) the texts of `parts` written one after another? (No string is built.) */
function isConcatenation(text: string, parts: NameToken[], length: number): boolean {
  if (text.length !== length) return false;
  let at = 0;
  for (const p of parts) {
    if (!text.startsWith(p.text, at)) return false;
    at += p.text.length;
  }
  return at === text.length;
}

/** The word of `b` that `parts` (two or three adjacent words) are, read as one word, if any. */
function joinTarget(parts: NameToken[], b: NameToken[]): NameToken | undefined {
  const minLength = parts.length === 3 ? 7 : 5;
  // The skeletons the joined word may start with: made once, only when some word is long enough.
  let starts: string[] | undefined;
  let length = 0;
  for (const p of parts) length += p.text.length;
  for (const t of b) {
    if (isConcatenation(t.text, parts, length)) return t;
    if (t.text.length < minLength) continue;
    for (const s of t.skeletons) {
      if (s.length < 4) continue;
      starts ??= leadingSkeletons(parts[0]!, parts[1]!);
      if (parts.length === 3) {
        if (joinedSkeletonEq(parts, starts, s)) return t;
      } else {
        for (const p of starts) if (continuesWith(p, parts[1]!, s)) return t;
      }
    }
  }
  return undefined;
}

/**
 * Does `t` begin with an Arabic "sun letter", into which the article al- assimilates when the two
 * are written as one word (Abd al-Rahman / Abdurrahman, Nasr al-Din / Nasruddin)?
 */
function sunLetterFirst(t: NameToken): boolean {
  return 'tdrzsnl'.includes(t.text[0] ?? '');
}

/** A word ending in the article (Abdul, Abdel, Abdol) whose l assimilates into the next word's first letter. */
function fusedArticle(x: NameToken, next: NameToken): boolean {
  return x.text.length >= 5 && /[aeiou]l$/.test(x.text) && sunLetterFirst(next);
}

/**
 * Skeletons of `x` that may start a joined word: its own, without a final -i/-y mark, which is not
 * final once another word follows (علی زاده -> alizadeh), and without the l of an article it ends
 * in when that l assimilates into `next` (Abdul Rahman -> Abdurrahman).
 */
function leadingSkeletons(x: NameToken, next: NameToken): string[] {
  const out: string[] = [];
  const fused = fusedArticle(x, next);
  for (const k of x.skeletons) {
    out.push(k);
    if (k.endsWith('I')) out.push(k.slice(0, -1));
    if (fused && k.endsWith('l')) out.push(k.slice(0, -1));
  }
  return out;
}

/** Is `s` the skeleton `p` followed by a skeleton of `y`? (The cheap prefix test comes first.) */
function continuesWith(p: string, y: NameToken, s: string): boolean {
  if (s.length < p.length || !s.startsWith(p)) return false;
  const rest = s.slice(p.length);
  const last = p[p.length - 1];
  for (const q of y.skeletons) {
    // The second word's initial-vowel mark is inside the joined word (abd + allah = abdallah),
    // and a consonant doubled across the join collapses.
    const tail = q[0] === 'A' ? q.slice(1) : q;
    // A word of vowels only (OOO, AO) adds no consonant: "Tekhnosoft OOO" is not one word.
    if (!tail) continue;
    if (tail === rest || (tail[0] === last && tail.slice(1) === rest)) return true;
  }
  return false;
}

/** Is `s` the skeletons of `parts` (three) written one after another, the first from `starts`? */
function joinedSkeletonEq(parts: NameToken[], starts: string[], s: string): boolean {
  // Only prefixes of `s` are extended.
  let acc = starts.filter((p) => s.startsWith(p));
  for (let k = 1; k < parts.length && acc.length; k++) {
    const part = parts[k]!;
    // The article between two parts may have assimilated into the next one's first letter and
    // left no consonant of its own (Abd al-Rahman / Abdurrahman): it may also be skipped.
    const next: string[] = k < parts.length - 1 && part.weak === 'particle' && sunLetterFirst(parts[k + 1]!) ? [...acc] : [];
    for (const p of acc) {
      for (const q of part.skeletons) {
        const tail = q[0] === 'A' ? q.slice(1) : q;
        if (!tail) continue;
        const ext = [p + tail];
        if (tail[0] === p[p.length - 1]) ext.push(p + tail.slice(1));
        for (const e of ext) {
          if (k === parts.length - 1) {
            if (e === s) return true;
            continue;
          }
          if (s.startsWith(e)) next.push(e);
          if (e.endsWith('I') && s.startsWith(e.slice(0, -1))) next.push(e.slice(0, -1));
        }
      }
    }
    acc = next;
  }
  return false;
}

/**
 * Letters of the words that agree, for the short-name cap: the strong words, and beside them the
 * generic words that agree too, on one side or both (FAJR INDUSTRIES GROUP ~ FADJR INDUSTRIES
 * GROUP, VEB SERVIS ~ VEB SERVICE are more than "Fajr" or "VEB"). Titles, particles and legal
 * forms never count.
 */
function agreeingLetters(strong: { i: number; j: number }[], chosen: { i: number; j: number; sim: number }[], q: NameToken[], l: NameToken[]): number {
  let n = 0;
  for (const c of strong) n += Math.min(q[c.i]!.text.length, l[c.j]!.text.length);
  for (const c of chosen) {
    const a = q[c.i]!.weak;
    const b = l[c.j]!.weak;
    const generic = (a === 'generic' || b === 'generic') && (!a || a === 'generic') && (!b || b === 'generic');
    if (generic && c.sim >= 0.75) n += Math.min(q[c.i]!.text.length, l[c.j]!.text.length);
  }
  return n;
}

/**
 * Why a person's name that agrees on a patronymic still says who it is not, if it does not
 * (thousands of people share such pairs): the agreeing words are only a given name and a
 * patronymic while the listed name keeps a strong word unmatched, its family name ("Vitaliy
 * Vasilyevich" against "Vitaliy Vasilyevich KUSHNAREV"); or the whole query is a family name and
 * a patronymic while the listed name keeps a given name ("Ivanov Iurevich" against "IVANOV Dmitro
 * Yuriyovich").
 */
function patronymicCap(agreeing: { i: number; j: number }[], q: NameToken[], l: NameToken[], usedQ: Uint8Array, usedL: Uint8Array): string | undefined {
  let patronymic = false;
  let givenNamesOnly = true;
  for (const c of agreeing) {
    const a = q[c.i]!;
    const b = l[c.j]!;
    if (a.patronymic || b.patronymic) patronymic = true;
    else if (a.group < 0 && b.group < 0) givenNamesOnly = false;
  }
  if (!patronymic) return undefined;
  if (givenNamesOnly && l.some((t, j) => !usedL[j] && !t.weak)) return 'only a given name and a patronymic agree';
  if (q.every((t, i) => usedQ[i] || t.weak) && l.some((t, j) => !usedL[j] && !t.weak && !t.patronymic)) {
    return 'a family name and a patronymic agree, the listed given name is missing';
  }
  return undefined;
}

export function compareNames(query: PreparedName, listed: PreparedName, person: boolean): NameComparison {
  const joined: string[] = [];
  const q = mergeJoined(query.tokens, listed.tokens, joined);
  const l = mergeJoined(listed.tokens, q, joined);
  const cand: { i: number; j: number; sim: number; how: TokenRelation; w: number }[] = [];
  for (let i = 0; i < q.length; i++) {
    for (let j = 0; j < l.length; j++) {
      const r = compareTokens(q[i]!, l[j]!);
      if (r.sim > 0) cand.push({ i, j, sim: r.sim, how: r.how, w: q[i]!.weight + l[j]!.weight });
    }
  }
  // Greedy best assignment: names have few words, and the best pair first is what a reviewer does.
  cand.sort((a, b) => b.sim * b.w - a.sim * a.w || a.i - b.i);
  const usedQ = new Uint8Array(q.length);
  const usedL = new Uint8Array(l.length);
  const chosen: typeof cand = [];
  for (const c of cand) {
    if (usedQ[c.i] || usedL[c.j]) continue;
    usedQ[c.i] = 1;
    usedL[c.j] = 1;
    chosen.push(c);
  }
  const unmatchedFactor = person ? UNMATCHED_LISTED_FACTOR.person : UNMATCHED_LISTED_FACTOR.other;
  let num = 0;
  let den = 0;
  for (const c of chosen) {
    num += c.sim * c.w;
    den += c.w;
  }
  const unmatchedQuery: string[] = [];
  const unmatchedListed: string[] = [];
  // An unmatched title, particle or legal form costs nothing: "OBORONSTAL JSC" is
  // "JOINT-STOCK COMPANY OBORONSTAL", "Sheikh Hassan Turki" is "Hassan Turki".
  const costs = (t: NameToken) => !t.weak || t.weak === 'generic';
  // A person's query whose first and last words are both aligned: the words between them are
  // middle names and patronymics, which one writer gives and another omits ("AL QARAWI, Saleh
  // Abudullah Saleh" is "AL QARAWI, Saleh"). They cost less when unmatched; so does a patronymic
  // anywhere in the query (Cyrillic originals write it, romanised entries often drop it).
  const anchored = (toks: NameToken[], used: Uint8Array): [number, number] | undefined => {
    if (!person) return undefined;
    let first = -1;
    let last = -1;
    toks.forEach((t, k) => {
      if (t.weak) return;
      if (first < 0) first = k;
      last = k;
    });
    if (first < 0 || last <= first + 1 || !used[first] || !used[last]) return undefined;
    const sims = chosen.filter((c) => (toks === q ? c.i === first || c.i === last : c.j === first || c.j === last));
    return sims.length === 2 && sims.every((c) => c.sim >= 0.75) ? [first, last] : undefined;
  };
  const qAnchor = anchored(q, usedQ);
  // A patronymic is discounted only beside a name that otherwise agrees (two strong words or
  // more): "Karim Yuryevich" must not reach "Abu KARIM" on one word.
  const strongPairs = chosen.filter((c) => !q[c.i]!.weak && !l[c.j]!.weak && c.sim >= 0.75).length;
  const middle: string[] = [];
  q.forEach((t, i) => {
    if (!usedQ[i]) {
      let f = 1;
      if (person && t.patronymic && strongPairs >= 2) f = PATRONYMIC_FACTOR;
      else if (qAnchor && i > qAnchor[0] && i < qAnchor[1]) f = MIDDLE_QUERY_FACTOR;
      if (costs(t)) den += t.weight * f;
      if (f < 1 && costs(t)) middle.push(t.text);
      unmatchedQuery.push(t.text);
    }
  });
  // The listed name's own unmatched words already cost only UNMATCHED_LISTED_FACTOR: measured on
  // the benchmark, a further discount for its middle names lets unlisted "given family" pairs
  // with one near-miss word reach an alert, so none is given.
  l.forEach((t, j) => {
    if (!usedL[j]) {
      if (costs(t)) den += t.weight * unmatchedFactor;
      unmatchedListed.push(t.text);
    }
  });
  let score = den > 0 ? num / den : 0;

  // Order: strong words aligned in a crossing order mean the name was given in another order.
  const strong = chosen.filter((c) => !q[c.i]!.weak && !l[c.j]!.weak && c.sim >= 0.7).sort((a, b) => a.i - b.i);
  let reordered = false;
  for (let k = 1; k < strong.length; k++) if (strong[k]!.j < strong[k - 1]!.j) reordered = true;
  if (reordered) score -= REORDER_PENALTY;

  let cap: string | undefined;
  const strongMatched = strong.filter((c) => c.sim >= 0.75);
  if (strongMatched.length === 0) {
    if (score > WEAK_ONLY_CAP) cap = 'only titles, particles, legal forms or generic words agree';
    score = Math.min(score, WEAK_ONLY_CAP);
  } else if (agreeingLetters(strong, chosen, q, l) <= 4 && score > SHORT_ONLY_CAP) {
    // Every strong word aligned counts for the letters (strong: 0.7 or more), not only those at
    // 0.75: a long word respelled further (RAHMAN / ROCHMAN, ROHIMBERE / RUHORIMBERE) is more
    // than the short word beside it, and the score already weighs how far it is respelled.
    cap = 'the words that agree have four letters or fewer in all';
    score = SHORT_ONLY_CAP;
  } else if (person && score > PATRONYMIC_ONLY_CAP) {
    cap = patronymicCap(strongMatched, q, l, usedQ, usedL);
    if (cap) score = PATRONYMIC_ONLY_CAP;
  }
  return {
    score: Math.max(0, Math.min(1, score)),
    pairs: chosen
      .sort((a, b) => a.i - b.i)
      .map((c) => ({ query: q[c.i]!.text, listed: l[c.j]!.text, sim: c.sim, how: c.how })),
    unmatchedQuery,
    unmatchedListed,
    reordered,
    cap,
    joined,
    middle,
  };
}

/** The comparison in words, for the match explanation. */
export function describeNameComparison(c: NameComparison): string {
  const parts: string[] = [];
  const aligned = c.pairs.map((p) => (p.how === 'exact' ? p.query : `${p.query}~${p.listed} (${p.how})`));
  if (aligned.length) parts.push(`aligned ${aligned.join(', ')}`);
  if (c.joined.length) parts.push(`read joined: ${c.joined.join(', ')}`);
  if (c.unmatchedQuery.length) parts.push(`not in listed name: ${c.unmatchedQuery.join(' ')}`);
  if (c.unmatchedListed.length) parts.push(`listed name also has: ${c.unmatchedListed.join(' ')}`);
  if (c.middle.length) parts.push(`middle names or patronymics weigh less: ${c.middle.join(' ')}`);
  if (c.reordered) parts.push(`name parts in another order (e.g. given and family name swapped), -${REORDER_PENALTY}`);
  if (c.cap) parts.push(`capped: ${c.cap}`);
  return parts.join('; ');
}
