// Name normalisation: from a name as a list or a user writes it to comparable tokens.
//   NFKC -> case fold -> per-word script detection -> transliteration (any-ascii plus project rules
//   for Arabic/Persian and Cyrillic variants) -> ASCII tokens, each with its consonant skeletons,
//   given-name group and weak-token class.
// Pure: depends only on the loaded knowledge in data/matching/.
import anyAscii from 'any-ascii';
import { detectScript } from '../lists/script.js';
import { loadMatchingKnowledge, type WeakClass } from './knowledge.js';

export { detectScript };

export interface NameToken {
  /** Folded ASCII form: lower case, no diacritics, no punctuation. */
  text: string;
  /** Further romanisations of the same word (Cyrillic: Shoigu / Shoygu / Schoigu ...). */
  alts: string[];
  /** Consonant skeletons (Mohammad -> mhmd); several for Arabic-script words (و as v or vowel). */
  skeletons: string[];
  /** Given-name variant group id, -1 when none. */
  group: number;
  /** Set for titles, particles, legal forms and generic words. */
  weak?: WeakClass;
  /** Importance in the alignment: 1 for ordinary words, less for weak tokens and initials. */
  weight: number;
  /** Written in a script that omits short vowels (Arabic, Persian, Hebrew): compare skeletons. */
  unvowelled: boolean;
  /** Joined to the next token by a hyphen or ZWNJ (Agha-Jani): may be compared as one word. */
  joinNext: boolean;
  /** Looks like a patronymic (Nikolaevich, Valerievna): one list gives it, another omits it. */
  patronymic?: boolean;
  /** The given-name group of the name a patronymic is made from (Uladzimiravich, Vladimirovich: Vladimir's). */
  patronymicOf?: number;
  /** A syllable of a name written one syllable per word (Korean, Chinese: see syllableNames). */
  syllable?: boolean;
}

export interface PreparedName {
  raw: string;
  script: string | undefined;
  tokens: NameToken[];
}

interface Tables {
  weak: Map<string, { cls: WeakClass; weight: number }>;
  groups: Map<string, number>;
  arabicLetters: Map<string, string>;
  arabicFinal: Map<string, string>;
  hebrewLetters: Map<string, string>;
  articlePrefix: string;
  cyrillic: Map<string, string[]>;
  digraphs: [string, string][];
  skeletonLetters: Map<string, string>;
  /** [letters, reading, only at the end of a word]. */
  secondReadings: [string, string, boolean][];
  latinDigraphs: Map<string, string>;
  /** Each of the latinDigraphs letters (global: for replace; search ignores the flag). */
  latinDigraphLetters: RegExp;
  slavicH: { ending: RegExp; minLength: number } | undefined;
  /** [written, read] pairs of longVowels. */
  longVowels: [string, string][];
  syllableNames: { syllable: RegExp; minWords: number; voiceless: [string, string][] } | undefined;
  vowels: Set<string>;
  patronymic: { ending: RegExp; minLength: number; stemEndings: string[] } | undefined;
}

let tables: Tables | undefined;

/** Matches a word ending in any of `endings` (lower-case letters, checked by the knowledge schema). */
function endingPattern(endings: string[]): RegExp {
  return new RegExp(`(?:${endings.join('|')})$`);
}

function getTables(): Tables {
  if (tables) return tables;
  const k = loadMatchingKnowledge();
  const t: Tables = {
    weak: new Map(),
    groups: new Map(),
    arabicLetters: new Map(Object.entries(k.transliteration.arabicScript.letters)),
    arabicFinal: new Map(Object.entries(k.transliteration.arabicScript.finalLetters ?? {})),
    hebrewLetters: new Map(Object.entries(k.transliteration.hebrewScript?.letters ?? {})),
    articlePrefix: k.transliteration.arabicScript.articlePrefix,
    cyrillic: new Map(Object.entries(k.transliteration.cyrillic.letters)),
    digraphs: Object.entries(k.transliteration.skeleton.digraphs).sort((a, b) => b[0].length - a[0].length),
    skeletonLetters: new Map(Object.entries(k.transliteration.skeleton.letters)),
    secondReadings: Object.entries(k.transliteration.skeleton.secondReadings ?? {}).map(([from, to]) => (from.endsWith('$') ? [from.slice(0, -1), to, true] : [from, to, false])),
    latinDigraphs: new Map(Object.entries(k.transliteration.latinDigraphs?.letters ?? {})),
    // An empty class [] matches nothing: no letters, no second spelling.
    latinDigraphLetters: new RegExp(`[${Object.keys(k.transliteration.latinDigraphs?.letters ?? {}).map((ch) => ch.replace(/[\\\]\[^-]/g, '\\$&')).join('')}]`, 'gu'),
    slavicH: k.transliteration.slavicH ? { ending: endingPattern(k.transliteration.slavicH.endings), minLength: k.transliteration.slavicH.minLength } : undefined,
    syllableNames: k.transliteration.syllableNames
      ? {
          syllable: new RegExp(k.transliteration.syllableNames.syllable),
          minWords: k.transliteration.syllableNames.minWords,
          // Longest first: zh before z.
          voiceless: Object.entries(k.transliteration.syllableNames.voiceless).sort((a, b) => b[0].length - a[0].length),
        }
      : undefined,
    longVowels: Object.entries(k.transliteration.longVowels?.letters ?? {}),
    vowels: new Set(k.transliteration.skeleton.vowels),
    patronymic: k.givenNames.patronymics
      ? { ending: endingPattern(k.givenNames.patronymics.endings), minLength: k.givenNames.patronymics.minLength, stemEndings: k.givenNames.patronymics.stemEndings ?? [] }
      : undefined,
  };
  tables = t;
  for (const [cls, def] of Object.entries(k.weak.classes) as [WeakClass, { weight: number; tokens: string[] }][]) {
    for (const tok of def.tokens) {
      // Keyed by the word as written (lower case, NFKC): Arabic-script and Cyrillic entries match
      // words in that script; Latin entries match their ASCII fold.
      const key = tok.normalize('NFKC').toLowerCase();
      if (detectScript(key) === 'Arab') {
        // Arabic-script entries are matched on their transliteration, so that Arabic and Persian
        // kaf/yeh spellings (سيد / سید) are one entry.
        t.weak.set(`ar:${foldLatin(mapLetters(key, t.arabicLetters))}`, { cls, weight: def.weight });
        continue;
      }
      if (!t.weak.has(key)) t.weak.set(key, { cls, weight: def.weight });
      const folded = foldLatin(key);
      if (/^\p{Script=Latin}/u.test(key) && !t.weak.has(folded)) t.weak.set(folded, { cls, weight: def.weight });
    }
  }
  k.givenNames.groups.forEach((g, i) => {
    for (const n of g.names) {
      const key = foldLatin(n);
      if (!t.groups.has(key)) t.groups.set(key, i);
    }
  });
  return t;
}

/** ASCII fold of a Latin-script word: diacritics and punctuation removed, lower case. */
export function foldLatin(word: string): string {
  return anyAscii(word).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Consonant skeleton of a folded ASCII word: digraphs unified, vowels dropped, doubles collapsed. */
export function consonantSkeleton(text: string, unvowelled = false): string[] {
  const t = getTables();
  let s = text;
  // Silent final h (Persian ه, Arabic ة, "Abdullah"/"Abdulla", "Zadeh"/"Zade").
  // Not the h of a digraph (Habbush حبوش -> hbwsh keeps its sh).
  const beforeH = s[s.length - 2] ?? '';
  if (s.length > 3 && s.endsWith('h') && !'sckgztdp'.includes(beforeH) && (unvowelled || t.vowels.has(beforeH))) s = s.slice(0, -1);
  for (const [from, to] of t.digraphs) if (s.includes(from)) s = s.split(from).join(to);
  // An initial vowel is kept as a mark: it tells "Ahmad" from "Hamid" (same consonants h-m-d).
  const initial = /^[aeiou]/.test(s) ? 'A' : '';
  let out = initial;
  let outNoW = initial;
  let prevVowel = true;
  let vowelNoW = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (t.vowels.has(ch)) {
      // A final -i / -y (Persian and Arabic nisba: Hosseini, Soleimani, حسینی) is kept as a mark:
      // it tells "Hosseini" from "Hassan", which have the same consonants.
      if (i === s.length - 1 && i > 0 && (ch === 'i' || ch === 'y')) {
        out += 'I';
        outNoW += 'I';
      }
      prevVowel = true;
      continue;
    }
    const m = t.skeletonLetters.get(ch);
    const c = m === undefined ? ch : m;
    if (!c) continue;
    // Only letters written side by side collapse (Mohammad -> mhmd), not across a vowel
    // (Abubaker keeps b-b: it is not Bakeri).
    if (prevVowel || out[out.length - 1] !== c) out += c;
    // In unvowelled script و is as often the vowel u/o as the consonant v/w; read as a vowel, it
    // keeps the consonants either side of it apart (ינון ynvn -> n-n, as Yinon).
    if (c === 'v') vowelNoW = true;
    else {
      if (prevVowel || vowelNoW || outNoW[outNoW.length - 1] !== c) outNoW += c;
      vowelNoW = false;
    }
    prevVowel = false;
  }
  if (unvowelled && outNoW !== out) return [out, outNoW];
  return [out];
}

function cyrillicVariants(word: string): string[] {
  const t = getTables();
  const out = new Set<string>([foldLatin(word)]);
  for (let k = 0; k < 5; k++) {
    let v = '';
    for (let i = 0; i < word.length; i++) {
      const two = word.slice(i, i + 2);
      // Word-final -ий / -ый have their own romanisations (Yuriy / Yurii / Yuri).
      const pair = i + 2 === word.length ? t.cyrillic.get(two) : undefined;
      if (pair) {
        v += pair[Math.min(k, pair.length - 1)];
        i++;
        continue;
      }
      const ch = word[i]!;
      const alts = t.cyrillic.get(ch);
      v += alts ? alts[Math.min(k, alts.length - 1)] : anyAscii(ch);
    }
    const f = v.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (f) out.add(f);
  }
  return [...out];
}

interface RawToken {
  texts: string[];
  original: string;
  unvowelled: boolean;
  joinNext: boolean;
}

function transliterateWord(word: string, script: string | undefined, joinNext: boolean): RawToken[] {
  const t = getTables();
  if (script === 'Arab') {
    let w = word;
    const pieces: string[] = [];
    // The article ال is written joined to the noun (الحسینی): split it off as a particle.
    if (w.startsWith(t.articlePrefix) && w.length > t.articlePrefix.length + 2) {
      pieces.push(t.articlePrefix);
      w = w.slice(t.articlePrefix.length);
    }
    pieces.push(w);
    return pieces.map((p, i) => {
      let mapped = '';
      const chars = [...p];
      chars.forEach((ch, k) => {
        const fin = k === chars.length - 1 && k >= 2 ? t.arabicFinal.get(ch) : undefined;
        mapped += fin ?? t.arabicLetters.get(ch) ?? ch;
      });
      return {
        texts: [foldLatin(mapped)],
        original: p,
        unvowelled: true,
        joinNext: i < pieces.length - 1 ? true : joinNext,
      };
    });
  }
  if (script === 'Hebr') return [{ texts: [foldLatin(mapLetters(word, t.hebrewLetters))], original: word, unvowelled: true, joinNext }];
  if (script === 'Cyrl') return [{ texts: cyrillicVariants(word), original: word, unvowelled: false, joinNext }];
  if (script === 'Hani' || script === 'Hang' || script === 'Jpan' || script === 'Hira' || script === 'Kana') {
    // any-ascii writes each syllable capitalised (金正恩 -> JinZhengEn): one token per syllable,
    // joinable, so "Kim Jong Un" and "Kim Jong-un" both meet it.
    const syllables = anyAscii(word).split(/(?=[A-Z])/).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, '')).filter(Boolean);
    return syllables.map((s, i) => ({ texts: [s], original: word, unvowelled: false, joinNext: i < syllables.length - 1 ? true : joinNext }));
  }
  const folded = foldLatin(word);
  const texts = [folded];
  // Žuk is also Zhuk: the digraph spelling is a second romanisation beside the plain fold.
  if (word.search(t.latinDigraphLetters) >= 0) {
    const other = foldLatin(word.replace(t.latinDigraphLetters, (ch) => t.latinDigraphs.get(ch)!));
    if (other && other !== folded) texts.push(other);
  }
  // Pooya is also Puya, Najeeb also Najib: the long vowel written once (see longVowels).
  let single = folded;
  for (const [written, read] of t.longVowels) if (single.includes(written)) single = single.split(written).join(read);
  if (single !== folded && single.length >= 3 && !texts.includes(single)) texts.push(single);
  return [{ texts, original: word, unvowelled: false, joinNext }];
}

/** Each character of `word` rewritten by `letters` where it has an entry (before any-ascii). */
function mapLetters(word: string, letters: Map<string, string>): string {
  let mapped = '';
  for (const ch of word) mapped += letters.get(ch) ?? ch;
  return mapped;
}

/**
 * Is the word (any of its texts of minLength letters or more) a patronymic, and of which given
 * name: the ending cut off (the longest that fits) and the stem looked up as written and with
 * each of the stem endings given names have (Nikola-evich: Nikolay; Oleks-iivna: Oleksii); group
 * -1 when no group holds the stem. One match of the ending per text serves both.
 */
function readPatronymic(texts: string[], t: Tables): { group: number } | undefined {
  const p = t.patronymic;
  if (!p) return undefined;
  let patronymic = false;
  let group = -1;
  for (const x of texts) {
    const m = p.ending.exec(x);
    if (!m) continue;
    if (x.length >= p.minLength) patronymic = true;
    if (group >= 0) continue;
    const stem = x.slice(0, m.index);
    for (const tail of ['', ...p.stemEndings]) {
      const g = t.groups.get(stem + tail);
      if (g !== undefined) {
        group = g;
        break;
      }
    }
  }
  return patronymic ? { group } : undefined;
}

/** Build one token from folded texts (the first is the main form). */
export function makeToken(texts: string[], original: string, unvowelled: boolean, joinNext: boolean): NameToken {
  const t = getTables();
  const text = texts[0]!;
  const weakDef = unvowelled ? t.weak.get(`ar:${text}`) : (t.weak.get(original) ?? t.weak.get(text));
  let group = -1;
  for (const x of texts) {
    const g = t.groups.get(x);
    if (g !== undefined) {
      group = g;
      break;
    }
  }
  const skeletons = new Set<string>();
  for (const x of texts) {
    for (const s of consonantSkeleton(x, unvowelled)) skeletons.add(s);
    if (unvowelled) continue;
    const readings = [x];
    for (const [from, to, atEnd] of t.secondReadings) {
      // At the end: only words with at least three letters before it (not "Abou" -> "Abov").
      if (atEnd ? x.length >= from.length + 3 && x.endsWith(from) : x.includes(from)) {
        const read = atEnd ? x.slice(0, -from.length) + to : x.split(from).join(to);
        readings.push(read);
        for (const s of consonantSkeleton(read, false)) skeletons.add(s);
      }
    }
    // BUHROV is also BUGROV (see slavicH in transliteration.yaml): a lone h, not of kh zh sh ch.
    // Tested on the second readings too: HULIEVIC is read -ich, then GULEVICH.
    if (t.slavicH) {
      for (const r of readings) {
        if (r.length < t.slavicH.minLength || !t.slavicH.ending.test(r)) continue;
        const read = r.replace(/(?<![kzsc])h/g, 'g');
        if (read !== r) for (const s of consonantSkeleton(read, false)) skeletons.add(s);
      }
    }
  }
  let weight = 1;
  if (weakDef) weight = weakDef.weight;
  else if (text.length === 1 && !unvowelled) weight = 0.3; // an initial
  const token: NameToken = {
    text,
    alts: texts.slice(1),
    skeletons: [...skeletons],
    group,
    weight,
    unvowelled,
    joinNext,
  };
  if (weakDef) token.weak = weakDef.cls;
  else {
    const patronymic = readPatronymic(texts, t);
    if (patronymic) {
      token.patronymic = true;
      if (patronymic.group >= 0) token.patronymicOf = patronymic.group;
    }
  }
  return token;
}

const ORDINAL = /^(\d+)(?:st|nd|rd|th)$/;
const SEPARATORS = /[\s,;:()[\]{}"/\\|+&.·•*!?<>=_~#@%^$]+/u;

export interface PrepareOptions {
  /**
   * Read "LAST, FIRST" as "FIRST LAST" (OFAC writes person names so). Only for persons: in a
   * company name a comma separates the legal form ("ACME, LTD").
   */
  person?: boolean;
}

/** Prepare a name for comparison and indexing. Pure (given the loaded knowledge). */
export function prepareName(raw: string, options: PrepareOptions = {}): PreparedName {
  let s = raw.normalize('NFKC').toLowerCase();
  if (options.person) {
    const parts = s.split(',');
    if (parts.length === 2 && parts[0]!.trim() && parts[1]!.trim()) s = `${parts[1]} ${parts[0]}`;
  }
  // Apostrophes and similar marks join (Ja'far -> jafar, O'Brien -> obrien).
  s = s.replace(/['’ʼ`´‘ʻʹ]/g, '');
  const tokens: NameToken[] = [];
  for (const chunk of s.split(SEPARATORS)) {
    if (!chunk) continue;
    // Hyphens and the ZWNJ split a word into parts that may also be read joined (Unicode ch. 23.2).
    const parts = chunk.split(/[-‐‑‒–—―\u200c\u200d]+/).filter(Boolean);
    parts.forEach((part, i) => {
      // An English ordinal is its number: "558TH AIRCRAFT REPAIR PLANT" is plant No. 558.
      const ordinal = ORDINAL.exec(part);
      if (ordinal) {
        tokens.push(makeToken([ordinal[1]!], part, false, false));
        return;
      }
      const script = detectScript(part);
      if (script === undefined) {
        if (/\d/.test(part)) tokens.push(makeToken([part.replace(/\D/g, '')], part, false, false));
        return;
      }
      for (const r of transliterateWord(part, script, i < parts.length - 1)) {
        if (!r.texts[0]) continue;
        tokens.push(makeToken(r.texts, r.original, r.unvowelled, r.joinNext));
      }
    });
  }
  return { raw, script: detectScript(raw), tokens: syllableReadings(tokens) };
}

/**
 * A name written one syllable per word (Korean, Chinese): each word is marked a syllable, and one
 * with a voiced initial also gets the skeleton of its voiceless reading (BAK / PAK, JANG / CHANG;
 * see syllableNames in transliteration.yaml). Other names are returned as they are.
 */
function syllableReadings(tokens: NameToken[]): NameToken[] {
  const rule = getTables().syllableNames;
  if (!rule) return tokens;
  let strong = 0;
  for (const t of tokens) {
    if (t.weak) continue;
    if (t.unvowelled || !rule.syllable.test(t.text)) return tokens;
    strong++;
  }
  if (strong < rule.minWords) return tokens;
  return tokens.map((t) => {
    if (t.weak) return t;
    const v = rule.voiceless.find(([voiced]) => t.text.startsWith(voiced));
    const extra = v ? consonantSkeleton(v[1] + t.text.slice(v[0].length)).filter((s) => !t.skeletons.includes(s)) : [];
    return { ...t, skeletons: [...t.skeletons, ...extra], syllable: true };
  });
}
