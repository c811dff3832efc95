// The transfer JSON of `interdict check`, checked before any rule runs: a wrong field is reported
// with its path and value instead of silently producing "clear".
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ITEM_KINDS, PARTY_ROLES, type Transfer } from '../domain/transfer.js';
import { CheckInputError } from './nexus.js';

const Owner: ReturnType<typeof Type.Recursive> = Type.Recursive((This) =>
  Type.Object({
    name: Type.String({ minLength: 1 }),
    share: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    entityId: Type.Optional(Type.String()),
    country: Type.Optional(Type.String()),
    schema: Type.Optional(Type.String()),
    owners: Type.Optional(Type.Array(This)),
  }),
);

export const TransferSchema = Type.Object({
  id: Type.Optional(Type.String()),
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}' }),
  parties: Type.Array(
    Type.Object({
      role: Type.Union(PARTY_ROLES.map((r) => Type.Literal(r))),
      name: Type.String({ minLength: 1 }),
      country: Type.Optional(Type.String()),
      schema: Type.Optional(Type.String()),
      birthDate: Type.Optional(Type.String()),
      ids: Type.Optional(Type.Array(Type.String())),
      owners: Type.Optional(Type.Array(Owner)),
    }),
  ),
  origin: Type.Optional(Type.String()),
  destination: Type.Optional(Type.String()),
  route: Type.Optional(Type.Array(Type.String())),
  finalDestination: Type.Optional(Type.String()),
  items: Type.Array(
    Type.Object({
      description: Type.String({ minLength: 1 }),
      kind: Type.Optional(Type.Union(ITEM_KINDS.map((k) => Type.Literal(k)))),
      relatesTo: Type.Optional(Type.Union(ITEM_KINDS.map((k) => Type.Literal(k)))),
      hsCode: Type.Optional(Type.String()),
    }),
    { minItems: 1 },
  ),
  services: Type.Optional(Type.Array(Type.String())),
  nexus: Type.Optional(Type.Array(Type.Union(['UN', 'EU', 'UK', 'US'].map((j) => Type.Literal(j))))),
});

/** Checks parsed JSON against the transfer contract; throws CheckInputError naming the field. */
export function parseTransfer(data: unknown): Transfer {
  if (!Value.Check(TransferSchema, data)) {
    const e = [...Value.Errors(TransferSchema, data)][0];
    throw new CheckInputError(e?.path || '/', `${e?.message ?? 'invalid'} (value ${JSON.stringify(e?.value)?.slice(0, 80)})`);
  }
  return data as Transfer;
}
