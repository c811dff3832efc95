// Trading, logistics or forwarding company as end user or consignee (FinCEN/BIS notice of 6 Nov
// 2023: "ultimate consignee looks like a mail centre, trading or logistics company").
import { Type } from '@sinclair/typebox';
import { PARTY_ROLES } from '../../domain/transfer.js';
import { defineDetector, partyLabel } from '../input.js';
import { foldWords, phrasesIn } from '../text.js';

const Role = Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)));

export const intermediaryConsignee = defineDetector({
  name: 'intermediary_consignee',
  params: Type.Object({ roles: Type.Array(Role), intermediaryRoles: Type.Array(Role) }, { additionalProperties: false }),
  detect({ transfer }, params, { keywords }) {
    const evidence: string[] = [];
    const words = keywords.intermediary.keywords;
    const intermediaries = transfer.parties.filter((p) => params.intermediaryRoles.includes(p.role));
    for (const p of transfer.parties) {
      if (!params.roles.includes(p.role)) continue;
      const inName = phrasesIn(p.name, words);
      if (inName.length) evidence.push(`${partyLabel(p)}: name contains ${inName.map((w) => `"${w}"`).join(', ')}`);
      const inBusiness = p.business ? phrasesIn(p.business, words) : [];
      if (inBusiness.length) evidence.push(`${partyLabel(p)}: declared business "${p.business}" contains ${inBusiness.map((w) => `"${w}"`).join(', ')}`);
      // The same company named as forwarder (or broker) and as end user / consignee.
      const same = intermediaries.find((q) => q !== p && foldWords(q.name) === foldWords(p.name));
      if (same) evidence.push(`${partyLabel(p)} is also the ${same.role.replace(/_/g, ' ')} of the transfer`);
    }
    return evidence;
  },
});
