// Company counterparty without a domain e-mail (FinCEN/BIS notice of 6 Nov 2023: little or no web
// presence, no domain e-mail).
import { Type } from '@sinclair/typebox';
import { PARTY_ROLES } from '../../domain/transfer.js';
import { defineDetector, partyLabel } from '../input.js';

export const freeMail = defineDetector({
  name: 'free_mail',
  params: Type.Object(
    { roles: Type.Array(Type.Union(PARTY_ROLES.map((r) => Type.Literal(r)))) },
    { additionalProperties: false },
  ),
  detect({ transfer }, params, { keywords }) {
    const domains = new Set(keywords.freeMail.domains.map((d) => d.toLowerCase()));
    const evidence: string[] = [];
    for (const p of transfer.parties) {
      if (!params.roles.includes(p.role) || !p.email || p.schema === 'Person') continue;
      const domain = p.email.trim().toLowerCase().split('@')[1];
      if (domain && domains.has(domain)) evidence.push(`${partyLabel(p)} uses a free-mail address (${p.email})`);
    }
    return evidence;
  },
});
