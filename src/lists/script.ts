// Writing-system detection for names. Lists give original-script names (UN NAME_ORIGINAL_SCRIPT,
// OFSI "Name Non-Latin Script", EU nameLanguage) without always saying which script they are in;
// the matcher needs to know (transliteration rules differ per script).

/** ISO 15924 codes, tested in this order; each pattern is a Unicode script property. */
const SCRIPTS: ReadonlyArray<readonly [code: string, pattern: RegExp]> = [
  ['Arab', /\p{Script=Arabic}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Hani', /\p{Script=Han}/u],
  ['Hang', /\p{Script=Hangul}/u],
  ['Hira', /\p{Script=Hiragana}/u],
  ['Kana', /\p{Script=Katakana}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Geor', /\p{Script=Georgian}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Mymr', /\p{Script=Myanmar}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Beng', /\p{Script=Bengali}/u],
  ['Ethi', /\p{Script=Ethiopic}/u],
  ['Khmr', /\p{Script=Khmer}/u],
  ['Laoo', /\p{Script=Lao}/u],
  ['Tibt', /\p{Script=Tibetan}/u],
  ['Mong', /\p{Script=Mongolian}/u],
  ['Sinh', /\p{Script=Sinhala}/u],
  ['Taml', /\p{Script=Tamil}/u],
  ['Thaa', /\p{Script=Thaana}/u],
];

const LETTER = /\p{L}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The ISO 15924 code of the script most of the letters of `text` are written in: 'Latn', 'Arab',
 * 'Cyrl', 'Hani' ... A Japanese name mixing kanji and kana is 'Jpan'; undefined when the text has
 * no letters. Pure.
 */
export function detectScript(text: string): string | undefined {
  const letters = text.match(LETTER);
  if (!letters) return undefined;
  const counts = new Map<string, number>();
  for (const ch of letters) {
    let code = 'Latn';
    if (!/\p{Script=Latin}/u.test(ch)) {
      code = 'Zyyy';
      for (const [c, re] of SCRIPTS) {
        if (re.test(ch)) {
          code = c;
          break;
        }
      }
    }
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  if ((counts.has('Hira') || counts.has('Kana')) && counts.has('Hani')) return 'Jpan';
  let best: string | undefined;
  let bestCount = 0;
  for (const [code, n] of counts) {
    if (n > bestCount) {
      best = code;
      bestCount = n;
    }
  }
  return best;
}

/** True when `text` has letters and most of them are not Latin. */
export function isNonLatin(text: string): boolean {
  const s = detectScript(text);
  return s !== undefined && s !== 'Latn';
}

/** Count of Latin letters; used to tell a transliteration from an original-script name. */
export function latinLetterCount(text: string): number {
  return text.match(LATIN)?.length ?? 0;
}
