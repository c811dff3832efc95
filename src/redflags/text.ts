// Word matching for the red-flag keyword tables: ASCII-folded, lower case, whole words.
import anyAscii from 'any-ascii';
import type { Classification, ControlConfidence } from '../domain/transfer.js';

/** "Trans-Logistics FZE, Dubai" -> "trans logistics fze dubai". */
export function foldWords(text: string): string {
  return anyAscii(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The table entries (words or phrases) that occur as whole words in the text. */
export function phrasesIn(text: string, phrases: readonly string[]): string[] {
  const hay = ` ${foldWords(text)} `;
  return phrases.filter((p) => {
    const needle = foldWords(p);
    return needle.length > 0 && hay.includes(` ${needle} `);
  });
}

const CONFIDENCE_RANK: Record<ControlConfidence, number> = { certain: 3, likely: 2, possible: 1, indeterminate: 0 };

/** Control entries of an item at or above a confidence. */
export function controlsAtLeast(c: Classification | undefined, min: ControlConfidence) {
  return (c?.controls ?? []).filter((m) => CONFIDENCE_RANK[m.confidence] >= CONFIDENCE_RANK[min]);
}

export function describeControls(c: Classification | undefined, min: ControlConfidence): string {
  return controlsAtLeast(c, min)
    .map((m) => `${m.list} ${m.entry}${m.category ? ` (${m.category})` : ''} [${m.confidence}]`)
    .join(', ');
}
