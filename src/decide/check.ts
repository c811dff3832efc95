// `checkTransfer`: the decision on a transfer at an instant (CONTRACTS.md). Classifies every item
// with the control lists, then hands over to decideTransfer (decide.ts) for screening, ownership,
// red flags and the regime measures. Pure: all data comes in through the context.
import type { Decision } from '../domain/decision.js';
import type { Transfer } from '../domain/transfer.js';
import { classifyItem, type ControlLists } from '../controls/classify.js';
import { decideTransfer, type DecideContext } from './decide.js';

export { STRONG_MATCH_THRESHOLD } from './decide.js';

export interface CheckContext extends DecideContext {
  controls: ControlLists;
}

export function checkTransfer(transfer: Transfer, asOf: string, ctx: CheckContext): Decision {
  const classifications = transfer.items.map((item) => classifyItem(item, ctx.controls));
  return decideTransfer(transfer, asOf, classifications, { ...ctx, ...(ctx.controls.version ? { controlsVersion: ctx.controls.version } : {}) });
}
