// No end-use statement for controlled items (FinCEN/BIS notice of 6 Nov 2023 and FIN-2022-Alert003:
// customer will not give end-use or end-user details, reluctant to sign end-user forms).
import { Type } from '@sinclair/typebox';
import { defineDetector } from '../input.js';
import { controlsAtLeast, describeControls } from '../text.js';

export const noEndUseStatement = defineDetector({
  name: 'no_end_use_statement',
  params: Type.Object(
    { minConfidence: Type.Union([Type.Literal('certain'), Type.Literal('likely'), Type.Literal('possible')]) },
    { additionalProperties: false },
  ),
  detect({ transfer, items }, params) {
    if (transfer.endUseStatement?.trim()) return [];
    const evidence: string[] = [];
    transfer.items.forEach((item, i) => {
      // The CHPL marks priority HS codes, not a licence requirement: it alone does not need a statement.
      if (controlsAtLeast(items[i], params.minConfidence).some((m) => m.list !== 'CHPL')) {
        evidence.push(`no end-use statement given; item ${i} "${item.description}" is controlled: ${describeControls(items[i], params.minConfidence)}`);
      }
    });
    return evidence;
  },
});
