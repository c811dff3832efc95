// Validation of an Item as given to `interdict classify` (src/domain/transfer.ts), with errors that
// name the field, the expectation and the value.
import { ITEM_KINDS, type Item } from '../domain/transfer.js';

export class ItemValidationError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly got: unknown,
  ) {
    super(`${field}: expected ${expected}, got ${JSON.stringify(got)}`);
    this.name = 'ItemValidationError';
  }
}

const NUMBERS_MIN0 = ['rangeKm', 'payloadKg', 'aerosolCapacityL', 'enduranceH', 'quantity', 'value'] as const;
const KNOWN = new Set([
  'description', 'kind', 'hsCode', 'military', 'rangeKm', 'payloadKg', 'aerosolCapacityL', 'enduranceH',
  'accuracyPercentOfRange', 'relatesTo', 'quantity', 'value', 'declaredControls',
]);

/** HS code digits: '8542.31.00' -> '85423100'. */
export function hsDigits(code: string): string {
  return code.replace(/[.\s-]/g, '');
}

export function validateItem(raw: unknown, path = ''): Item {
  const f = (name: string) => (path ? `${path}.${name}` : name);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ItemValidationError(path || 'item', 'a JSON object', raw);
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) throw new ItemValidationError(f(key), `a known Item field (${[...KNOWN].join(', ')})`, o[key]);
  }
  if (typeof o.description !== 'string' || !o.description.trim()) throw new ItemValidationError(f('description'), 'a non-empty string', o.description);
  for (const k of ['kind', 'relatesTo'] as const) {
    if (o[k] !== undefined && !(ITEM_KINDS as readonly unknown[]).includes(o[k])) {
      throw new ItemValidationError(f(k), `one of ${ITEM_KINDS.join(', ')}`, o[k]);
    }
  }
  if (o.hsCode !== undefined) {
    if (typeof o.hsCode !== 'string' || !/^\d{4}([.\s-]?\d{2}){0,3}$/.test(o.hsCode.trim())) {
      throw new ItemValidationError(f('hsCode'), "an HS code of 4 to 10 digits ('8542', '8542.31', '854231', '8542.31.00')", o.hsCode);
    }
  }
  if (o.military !== undefined && typeof o.military !== 'boolean') throw new ItemValidationError(f('military'), 'true or false', o.military);
  for (const k of NUMBERS_MIN0) {
    const v = o[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) throw new ItemValidationError(f(k), 'a number >= 0', v);
  }
  const acc = o.accuracyPercentOfRange;
  if (acc !== undefined && (typeof acc !== 'number' || !Number.isFinite(acc) || acc <= 0 || acc > 100)) {
    throw new ItemValidationError(f('accuracyPercentOfRange'), 'a number > 0 and <= 100', acc);
  }
  if (o.declaredControls !== undefined && (!Array.isArray(o.declaredControls) || o.declaredControls.some((c) => typeof c !== 'string'))) {
    throw new ItemValidationError(f('declaredControls'), 'an array of strings', o.declaredControls);
  }
  return { ...(o as unknown as Item), ...(typeof o.hsCode === 'string' ? { hsCode: o.hsCode.trim() } : {}) };
}
