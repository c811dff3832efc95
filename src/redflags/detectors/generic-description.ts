// Generic wording on a controlled or high-priority item (advisory of 18 Oct 2023, Annex 1:
// sensitive items mislabelled as widely available general-purpose goods; the CHPL HS codes of the
// FinCEN/BIS supplemental alert of 19 May 2023).
import { Type } from '@sinclair/typebox';
import { defineDetector } from '../input.js';
import { controlsAtLeast, foldWords } from '../text.js';

export const genericDescription = defineDetector({
  name: 'generic_description',
  params: Type.Object(
    { minConfidence: Type.Union([Type.Literal('certain'), Type.Literal('likely'), Type.Literal('possible')]) },
    { additionalProperties: false },
  ),
  detect({ transfer, items }, params, { keywords }) {
    const generic = new Set(keywords.genericDescription.words.map(foldWords));
    const evidence: string[] = [];
    transfer.items.forEach((item, i) => {
      const words = foldWords(item.description)
        .split(' ')
        .filter((w) => w && !/^\d+$/.test(w));
      if (words.length === 0 || !words.every((w) => generic.has(w))) return;
      const chpl = (items[i]?.controls ?? []).filter((m) => m.list === 'CHPL');
      const controls = controlsAtLeast(items[i], params.minConfidence).filter((m) => m.list !== 'CHPL');
      if (chpl.length === 0 && controls.length === 0) return;
      const why = [
        ...chpl.map((m) => `HS ${item.hsCode ?? '?'} is on the CHPL (${m.entry}${m.category ? `, ${m.category}` : ''})`),
        ...controls.map((m) => `classified ${m.list} ${m.entry} [${m.confidence}]`),
      ];
      evidence.push(`item ${i} described only as "${item.description}", but ${why.join('; ')}`);
    });
    return evidence;
  },
});
