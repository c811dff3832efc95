// Item does not fit the end user's line of business (FIN-2022-Alert003 and the FinCEN/BIS notice of
// 6 Nov 2023: "item doesn't fit the buyer's line of business").
import { Type } from '@sinclair/typebox';
import { PARTY_ROLES } from '../../domain/transfer.js';
import { defineDetector, partyLabel } from '../input.js';
import { controlsAtLeast, describeControls, phrasesIn } from '../text.js';

export const itemBusinessMismatch = defineDetector({
  name: 'item_business_mismatch',
  params: Type.Object(
    { roles: Type.Array(Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)))) },
    { additionalProperties: false },
  ),
  detect({ transfer, items }, params, { keywords }) {
    const fit = keywords.businessFit;
    // Sensitive items: a sensitive kind, or any control entry at least "possible".
    const sensitive = transfer.items
      .map((item, i) => ({ item, i, controls: describeControls(items[i], 'possible') }))
      .filter(({ item, i }) => (item.kind && fit.sensitiveKinds.includes(item.kind)) || controlsAtLeast(items[i], 'possible').length > 0);
    if (sensitive.length === 0) return [];
    const evidence: string[] = [];
    for (const p of transfer.parties) {
      if (!params.roles.includes(p.role) || !p.business) continue;
      if (phrasesIn(p.business, fit.related.keywords).length > 0) continue;
      const category = fit.unrelated.find((c) => phrasesIn(p.business!, c.keywords).length > 0);
      if (!category) continue;
      for (const { item, i, controls } of sensitive) {
        const what = [item.kind, controls].filter(Boolean).join('; ');
        evidence.push(`${partyLabel(p)} declares business "${p.business}" (${category.id}); item ${i} "${item.description}" is ${what}`);
      }
    }
    return evidence;
  },
});
